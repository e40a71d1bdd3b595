/**
 * What the commands share: the `Command` shape, the options several commands take (defined
 * once here), reading those options back into a check, and the one pipeline that turns a run
 * into written output (`renderReport`: report, format, write). Commands import this file and
 * the floors below; nothing here imports a command, so there is no way round back to the list.
 */
import path from 'node:path';
import type { Argv, Options, PositionalOptions } from 'yargs';
import { UsageError } from '../source/errors.js';
import { buildReport, type Report } from '../findings/report.js';
import { SEVERITIES, severityRank, type Finding, type Severity } from '../findings/types.js';
import { isCounted } from '../findings/waivers.js';
import { FORMATTERS, type FormatContext } from '../formatters/index.js';
import { check, type CheckOptions, type CheckResult } from '../check/check.js';
import { reportInput } from '../check/report.js';
import type { LoadOptions } from '../inventory/load.js';
import type { Rule } from '../rules/load.js';
import { DOCS_BASE, VERSION } from '../source/package.js';
import type { Io } from './io.js';
import { outputTarget, writeOutputs, type InputFile, type OutputTarget, type PendingOutput } from './output.js';
import { LIMIT_OPTIONS, limitsFrom } from './limits.js';
import { pairOutputs, REPORT_EXTENSIONS } from './pairing.js';
import { maxFileSizeOption, todayOption, wholeNumberOption } from './options.js';

export interface Command {
  command: string | string[];
  describe: string;
  builder: (y: Argv) => Argv;
  handler: (args: Record<string, unknown>, io: Io) => Promise<number>;
}

/**
 * Whether output to `stream` is coloured: `--color` / `--no-color` (`flag`) first, then
 * NO_COLOR (off) and FORCE_COLOR (on), then whether the stream is a terminal.
 */
export function useColor(io: Io, stream: 'stdout' | 'stderr' = 'stdout', flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}

export function cwdOf(args: Record<string, unknown>, io: Io): string {
  return typeof args.cwd === 'string' ? path.resolve(io.cwd, args.cwd) : io.cwd;
}

/** The options more than one command takes, each defined once. */
export const PATHS_POSITIONAL: PositionalOptions = {
  type: 'string',
  array: true,
  describe: 'Inventory files or directories',
  demandOption: true,
};
export const CONFIG_OPTION: Options = {
  alias: 'c',
  type: 'string',
  describe: 'Configuration file (default: seglint.config.yaml next to the inventory)',
};
export const NO_CONFIG_OPTION: Options = { type: 'boolean', describe: 'Ignore any configuration file' };
export const RULES_OPTION: Options = { type: 'string', array: true, describe: 'Extra rule directory, may repeat' };
export const RULE_OPTION: Options = { type: 'string', array: true, describe: 'Run only this rule, may repeat' };
export const WAIVERS_OPTION: Options = {
  type: 'boolean',
  describe: 'Apply waivers (--no-waivers ignores them all)',
  default: true,
};
/** --format of the commands that print text or JSON (rules, path, test-rules). */
export const TEXT_OR_JSON_OPTION: Options = {
  alias: 'f',
  type: 'string',
  choices: ['text', 'json'],
  default: 'text',
  describe: 'Output format',
};
/** -o, --output, --output-file: `describe` says what it writes. Not `array: true`: an array option would take `-o -` for a positional; repeated -o still gives a list. */
export const outputOption = (describe: string): Options => ({ alias: ['o', 'output-file'], type: 'string', describe });

/** How big an inventory may be, and the date it is judged on: --max-file-size, --max-files, --max-total-size. */
export const sizeOptions = (y: Argv) => y.option('max-file-size', maxFileSizeOption).options(LIMIT_OPTIONS);

/** The inventory paths and how it is loaded (validate, and the start of every checking command). */
export const inventoryOptions = (y: Argv) =>
  sizeOptions(y.positional('paths', PATHS_POSITIONAL)).option('today', todayOption());

/** --quiet, --max-findings, --skip-rule, --color: the flags users of other linters reach for. */
const FLAG_OPTIONS: Record<string, Options> = {
  quiet: {
    type: 'boolean',
    describe:
      'Report only findings at or above the fail threshold (--fail-on), in every format: findings below it, waived or not, are left out of the output and its counts (all of them with --fail-on none); the exit code is unchanged',
  },
  'max-findings': wholeNumberOption('max-findings', {
    describe:
      'Fail (exit 1) only when more than this many findings at or above the fail threshold stand (not waived, not in the baseline; for diff: new); without it, one is enough',
    min: 0,
    max: 1_000_000_000,
    unit: 'findings',
  }),
  'skip-rule': {
    type: 'string',
    array: true,
    describe:
      'Do not run this rule, may repeat (an unknown id is a usage error); refused when gating with --policy-from or diff (the policy of the base decides which rules run)',
  },
  color: {
    type: 'boolean',
    describe:
      'Colour the output to the terminal (--no-color: never); without it, NO_COLOR turns colour off, FORCE_COLOR on, else colour when stdout is a terminal',
  },
};

export const checkOptions = (y: Argv, defaultFormat = 'text') =>
  inventoryOptions(y)
    .option('format', {
      alias: 'f',
      type: 'string',
      array: true,
      describe: `Output format, may repeat: ${[...FORMATTERS.keys()].join(', ')}; without -f, each --output takes the format its extension names`,
      defaultDescription: defaultFormat,
    })
    .option(
      'output',
      outputOption(
        'Output file for the format in the same position (or, beyond the last -f, the format its extension names: .sarif .json .xml .html .md .csv): a regular file, replaced atomically and never an input of the run; - or none for stdout',
      ),
    )
    .option('config', CONFIG_OPTION)
    .option('no-config', NO_CONFIG_OPTION)
    .option('rules', RULES_OPTION)
    .option('rule', RULE_OPTION)
    .option('fail-on', {
      type: 'string',
      choices: [...SEVERITIES, 'none'],
      describe: 'Lowest severity that fails the run (exit 1) [default: low]',
    })
    .option('waivers', WAIVERS_OPTION)
    .option('waivers-file', {
      type: 'string',
      array: true,
      describe: 'A file of waivers (seglint: 1 and a waivers: list), may repeat',
    })
    .options(FLAG_OPTIONS)
    .option('policy-from', {
      type: 'string',
      describe:
        'Gate a change: read the configuration, policy.params, waivers, rule directories and fail threshold from this git revision or path (the trusted base), the entities from the inventory; policy-weakened reports what the change does to them. "self": from the inventory itself',
    });

/** How the inventory is loaded, from the options of `inventoryOptions`. */
export function loadOptionsFrom(args: Record<string, unknown>, io: Io): LoadOptions {
  return {
    cwd: cwdOf(args, io),
    maxFileSize: args['max-file-size'] as number,
    ...limitsFrom(args),
    today: args.today as string | undefined,
  };
}

export interface OutputPlan {
  format: string;
  target: OutputTarget;
}

/**
 * Pairs each --format with its --output (src/cli/pairing.ts: by position, and by the output's
 * extension where no -f pairs with it); formats without one (or with -) go to stdout, at most one.
 * `formats` undefined: no -f was given, `defaultFormat` is the command's.
 */
export function planOutputs(
  formats: string[] | undefined,
  outputs: string | string[] | undefined,
  cwd: string,
  defaultFormat = 'text',
): OutputPlan[] {
  for (const f of formats ?? []) {
    if (!FORMATTERS.has(f))
      throw new UsageError(`unknown format "${f}"; expected one of: ${[...FORMATTERS.keys()].join(', ')}`);
  }
  const outs = outputs === undefined ? [] : [outputs].flat();
  const pairs = pairOutputs(formats ?? [], outs, { defaultFormat, extensions: REPORT_EXTENSIONS });
  const plan = pairs.map(({ format, output }) => ({ format, target: outputTarget('--output', output, cwd) }));
  if (plan.filter((p) => p.target.stdout).length > 1)
    throw new UsageError('more than one format would go to stdout; give --output for all but one');
  return plan;
}

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

/**
 * The files named on the command line that a run reads: inventories, waivers files, the
 * configuration, a baseline, a base given as a path (a git revision names no file: skipped).
 */
export function namedInputs(args: Record<string, unknown>, cwd: string): InputFile[] {
  const named = (key: string, kind: string) => strings(args[key]).map((f) => ({ abs: path.resolve(cwd, f), kind }));
  return [
    ...named('waivers-file', 'waivers file'),
    ...named('paths', 'inventory file'),
    ...named('config', 'configuration file'),
    ...named('baseline', 'baseline'),
    ...named('base', 'base inventory'),
    ...named('policy-from', 'policy source'),
  ];
}

/** Every file a run has read: inventory files and the files they include, the configuration, user rule files. */
export function inputsOf(result: Pick<CheckResult, 'load' | 'config' | 'rules'>, cwd: string): InputFile[] {
  return [
    ...result.load.files.map((f) => ({ abs: f.abs, kind: 'inventory file' })),
    ...(result.config.file ? [{ abs: path.resolve(cwd, result.config.file), kind: 'configuration file' }] : []),
    ...result.rules
      .filter((r) => !r.source.builtin)
      .map((r) => ({ abs: path.resolve(cwd, r.source.file), kind: 'rule file' })),
  ];
}

export function checkOptionsFrom(args: Record<string, unknown>, io: Io): CheckOptions {
  const today = args.today as string | undefined;
  return {
    paths: [...(args.paths as string[]), ...((args['waivers-file'] as string[] | undefined) ?? [])],
    cwd: cwdOf(args, io),
    config: args.config === undefined ? (args['no-config'] ? false : undefined) : (args.config as string),
    rulesDirs: args.rules as string[] | undefined,
    only: args.rule as string[] | undefined,
    ...skipOptionFrom(args),
    today,
    noWaivers: args.waivers === false,
    maxFileSize: args['max-file-size'] as number,
    ...limitsFrom(args),
    ...policyOptionsFrom(args),
  };
}

/**
 * `--skip-rule`, refused in gating mode: a gate runs the rules of the trusted base's policy, and
 * the command line of a gate is part of the change under review. A skip reported as
 * policy-weakened could skip policy-weakened itself; refusing leaves nothing to get round.
 */
function skipOptionFrom(args: Record<string, unknown>): Pick<CheckOptions, 'skip'> {
  const skip = args['skip-rule'] as string[] | undefined;
  if (!skip?.length) return {};
  const from = args['policy-from'] as string | undefined;
  if (from !== undefined && from !== 'self')
    throw new UsageError(
      `--skip-rule cannot be used when gating (--policy-from ${from}): the base's policy decides which rules run; change its configuration (rules: {<id>: off}), which policy-weakened reports, or judge by the change's own policy with --policy-from self`,
      { option: '--skip-rule' },
    );
  return { skip };
}

/** Gating options: `--policy-from` (`self`: none), the waiver files, the command line's own fail threshold. */
function policyOptionsFrom(
  args: Record<string, unknown>,
): Pick<CheckOptions, 'policyFrom' | 'waiversFiles' | 'failOn'> {
  const from = args['policy-from'] as string | undefined;
  return {
    ...(from !== undefined && from !== 'self' ? { policyFrom: from } : {}),
    waiversFiles: (args['waivers-file'] as string[] | undefined) ?? [],
    ...(args['fail-on'] !== undefined ? { failOn: args['fail-on'] as Severity | 'none' } : {}),
  };
}

export function failOnOf(
  args: Record<string, unknown>,
  result: { config: { failOn?: Severity | 'none' } },
): Severity | 'none' {
  return ((args['fail-on'] as Severity | 'none' | undefined) ?? result.config.failOn ?? 'low') as Severity | 'none';
}

export function atOrAbove(failOn: Severity | 'none'): (s: Severity) => boolean {
  return (s) => failOn !== 'none' && severityRank(s) >= severityRank(failOn);
}

export function formatContext(rules: Rule[], failOn: Severity | 'none', color: boolean): FormatContext {
  return {
    version: VERSION,
    color,
    rules: new Map(rules.map((r) => [r.id, r])),
    failOn,
    docsBase: DOCS_BASE,
  };
}

/**
 * 1 when a finding counts (not waived, not in the baseline, not resolved) at or above the
 * threshold; with `maxFindings` (--max-findings), only when more than that many do.
 */
export function exitCodeFor(findings: Finding[], failOn: Severity | 'none', maxFindings = 0): number {
  const fails = atOrAbove(failOn);
  return findings.filter((f) => isCounted(f) && fails(f.severity)).length > maxFindings ? 1 : 0;
}

/** The --max-findings of a run (0 when not given: one finding at or above the threshold fails). */
export const maxFindingsOf = (args: Record<string, unknown>): number =>
  typeof args['max-findings'] === 'number' ? args['max-findings'] : 0;

/** How the output looks: --quiet, --color / --no-color. */
export const displayOf = (args: Record<string, unknown>): ReportJob['display'] => ({
  quiet: args.quiet === true,
  ...(typeof args.color === 'boolean' ? { color: args.color } : {}),
});

function progress(io: Io): Pick<CheckOptions, 'onPhase' | 'onRule'> {
  if (!io.stderrIsTTY) return {};
  const clear = '\r\x1b[K';
  return {
    onPhase: (phase, ms) => io.stderr(`${clear}seglint: ${phase} ${ms.toFixed(0)} ms`),
    onRule: (rule, phase) => {
      if (phase === 'start') io.stderr(`${clear}seglint: rule ${rule.id}`);
    },
  };
}

function endProgress(io: Io): void {
  if (io.stderrIsTTY) io.stderr('\r\x1b[K');
}

/** The check of the options on the command line, with progress on a terminal, and its fail threshold. */
export function runCheck(
  args: Record<string, unknown>,
  io: Io,
): { options: CheckOptions; result: CheckResult; failOn: Severity | 'none' } {
  const options = { ...checkOptionsFrom(args, io), ...progress(io) };
  let result: CheckResult;
  try {
    result = check(options);
  } finally {
    endProgress(io);
  }
  return { options, result, failOn: failOnOf(args, result) };
}

/** What `renderReport` makes of a run, and where it goes. */
export interface ReportJob {
  /** The run reported on (for a diff, the head's). */
  result: CheckResult;
  /** The findings to report, when not the run's own: a baseline hid some, or a diff compared two runs. */
  findings?: Finding[];
  failOn: Severity | 'none';
  /** Each format and where it goes. */
  plan: OutputPlan[];
  /** The files the run read: no output may replace one. */
  inputs: InputFile[];
  /** Outputs written together with the formats (a baseline). */
  extra?: PendingOutput[];
  /** Changes the report makes before it is formatted (what a baseline hid, a diff's counts). */
  adjust?: (report: Report) => void;
  /** --quiet (only findings at or above the threshold) and --color / --no-color. */
  display?: { quiet?: boolean; color?: boolean };
  /** More for the formatters (a diff). */
  context?: Pick<FormatContext, 'diff' | 'includeResolved'>;
}

/**
 * The one pipeline from a run to output: the report, each planned format (coloured when it
 * goes to a terminal that wants colour), then every output written through the output layer
 * (src/cli/output.ts): nothing is written if rendering fails, no file is replaced if writing
 * any fails, and no output may be one of the inputs. Returns the milliseconds of each step.
 */
export function renderReport(job: ReportJob, io: Io): { report: number; format: number } {
  const t0 = performance.now();
  const fails = atOrAbove(job.failOn);
  const all = job.findings ?? job.result.findings;
  const findings = job.display?.quiet ? all.filter((f) => fails(f.severity)) : job.findings;
  const report = buildReport(reportInput(job.result, findings), VERSION, fails);
  job.adjust?.(report);
  const t1 = performance.now();
  const format = (name: string, toTerminal: boolean) =>
    FORMATTERS.get(name)!(report, {
      ...formatContext(job.result.rules, job.failOn, toTerminal && useColor(io, 'stdout', job.display?.color)),
      ...job.context,
    });
  const rendered = job.plan.map((p) => ({ target: p.target, content: format(p.format, p.target.stdout) }));
  writeOutputs([...rendered, ...(job.extra ?? [])], io, job.inputs);
  return { report: t1 - t0, format: performance.now() - t1 };
}
