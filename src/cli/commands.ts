/** The seglint commands: each a yargs builder and a handler returning the exit code. */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { UsageError, formatDiagnostic } from '../source/errors.js';
import { buildReport } from '../findings/report.js';
import { SEVERITIES, severityRank, type Finding, type Severity } from '../findings/types.js';
import { applyBaseline, parseBaseline, toBaseline } from '../findings/baseline.js';
import { isCounted } from '../findings/waivers.js';
import { FORMATTERS, type FormatContext } from '../formatters/index.js';
import { check, prepare, type CheckOptions, type CheckResult } from '../check/check.js';
import { loadInventory } from '../inventory/load.js';
import { loadSchema, PACKAGE_ROOT, type SchemaKind } from '../source/schema.js';
import { FUNCTIONS } from '../functions/index.js';
import type { Rule } from '../rules/load.js';
import { DOCS_BASE, VERSION } from '../source/package.js';
import { runRuleTests } from '../check/test-runner.js';
import { jsonSafe, visible, visibleLines } from '../base/sanitize.js';
import { watchCheck } from './watch.js';
import { pathCommand } from './path.js';
import { graphCommand } from './graph.js';
import { initCommand } from './init.js';
import type { Io } from './io.js';
import { checkOutputs, outputTarget, writeOutputs, type InputFile, type OutputTarget, type PendingOutput } from './output.js';
import { LIMIT_OPTIONS, limitsFrom } from './limits.js';
import { maxFileSizeOption, todayOption } from './options.js';

export interface Command {
  command: string | string[];
  describe: string;
  builder: (y: Argv) => Argv;
  handler: (args: Record<string, unknown>, io: Io) => Promise<number>;
}

export function useColor(io: Io, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}

export function cwdOf(args: Record<string, unknown>, io: Io): string {
  return typeof args.cwd === 'string' ? path.resolve(io.cwd, args.cwd) : io.cwd;
}

const inventoryOptions = (y: Argv) =>
  y
    .positional('paths', { type: 'string', array: true, describe: 'Inventory files or directories', demandOption: true })
    .option('max-file-size', maxFileSizeOption)
    .options(LIMIT_OPTIONS)
    .option('today', todayOption());

export const checkOptions = (y: Argv, defaultFormat = 'text') =>
  inventoryOptions(y)
    .option('format', { alias: 'f', type: 'string', array: true, describe: `Output format, may repeat: ${[...FORMATTERS.keys()].join(', ')}`, default: [defaultFormat] })
    // not `array: true`: an array option would take `-o -` for a positional; repeated -o still gives a list
    .option('output', { alias: ['o', 'output-file'], type: 'string', describe: 'Output file for the format in the same position: a regular file, replaced atomically and never an input of the run; - or none for stdout' })
    .option('config', { alias: 'c', type: 'string', describe: 'Configuration file (default: seglint.config.yaml next to the inventory)' })
    .option('no-config', { type: 'boolean', describe: 'Ignore any configuration file' })
    .option('rules', { type: 'string', array: true, describe: 'Extra rule directory, may repeat' })
    .option('rule', { type: 'string', array: true, describe: 'Run only this rule, may repeat' })
    .option('fail-on', { type: 'string', choices: [...SEVERITIES, 'none'], describe: 'Lowest severity that fails the run (exit 1) [default: low]' })
    .option('waivers', { type: 'boolean', describe: 'Apply waivers (--no-waivers ignores them all)', default: true })
    .option('waivers-file', { type: 'string', array: true, describe: 'A file of waivers (seglint: 1 and a waivers: list), may repeat' })
    .option('policy-from', {
      type: 'string',
      describe:
        'Gate a change: read the configuration, policy.params, waivers, rule directories and fail threshold from this git revision or path (the trusted base), the entities from the inventory; policy-weakened reports what the change does to them. "self": from the inventory itself',
    });

export interface OutputPlan {
  format: string;
  target: OutputTarget;
}

/** Pairs each --format with the --output in the same position; formats without one (or with -) go to stdout. */
export function planOutputs(formats: string[], outputs: string | string[] | undefined, cwd: string): OutputPlan[] {
  for (const f of formats) {
    if (!FORMATTERS.has(f)) throw new UsageError(`unknown format "${f}"; expected one of: ${[...FORMATTERS.keys()].join(', ')}`);
  }
  const outs = outputs === undefined ? [] : [outputs].flat();
  if (outs.length > formats.length) throw new UsageError(`${outs.length} --output files for ${formats.length} --format; give a format for each output`);
  const plan = formats.map((format, i) => ({ format, target: outputTarget('--output', outs[i], cwd) }));
  if (plan.filter((p) => p.target.stdout).length > 1) throw new UsageError('more than one format would go to stdout; give --output for all but one');
  return plan;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

/**
 * The files named on the command line that a run reads: inventories, waivers files, the
 * configuration, a baseline, a base given as a path (a git revision names no file: skipped).
 */
export function namedInputs(args: Record<string, unknown>, cwd: string): InputFile[] {
  const named = (key: string, kind: string) => strings(args[key]).map((f) => ({ abs: path.resolve(cwd, f), kind }));
  return [...named('waivers-file', 'waivers file'), ...named('paths', 'inventory file'), ...named('config', 'configuration file'), ...named('baseline', 'baseline'), ...named('base', 'base inventory'), ...named('policy-from', 'policy source')];
}

/** Every file a run has read: inventory files and the files they include, the configuration, user rule files. */
export function inputsOf(result: Pick<CheckResult, 'load' | 'config' | 'rules'>, cwd: string): InputFile[] {
  return [
    ...result.load.files.map((f) => ({ abs: f.abs, kind: 'inventory file' })),
    ...(result.config.file ? [{ abs: path.resolve(cwd, result.config.file), kind: 'configuration file' }] : []),
    ...result.rules.filter((r) => !r.source.builtin).map((r) => ({ abs: path.resolve(cwd, r.source.file), kind: 'rule file' })),
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
    today,
    noWaivers: args.waivers === false,
    maxFileSize: args['max-file-size'] as number,
    ...limitsFrom(args),
    ...policyOptionsFrom(args),
  };
}

/** Gating options: `--policy-from` (`self`: none), the waiver files, the command line's own fail threshold. */
function policyOptionsFrom(args: Record<string, unknown>): Pick<CheckOptions, 'policyFrom' | 'waiversFiles' | 'failOn'> {
  const from = args['policy-from'] as string | undefined;
  return {
    ...(from !== undefined && from !== 'self' ? { policyFrom: from } : {}),
    waiversFiles: (args['waivers-file'] as string[] | undefined) ?? [],
    ...(args['fail-on'] !== undefined ? { failOn: args['fail-on'] as Severity | 'none' } : {}),
  };
}

export function failOnOf(args: Record<string, unknown>, result: { config: { failOn?: Severity | 'none' } }): Severity | 'none' {
  return ((args['fail-on'] as Severity | 'none' | undefined) ?? result.config.failOn ?? 'low') as Severity | 'none';
}

export function atOrAbove(failOn: Severity | 'none'): (s: Severity) => boolean {
  return (s) => failOn !== 'none' && severityRank(s) >= severityRank(failOn);
}

export function formatContext(rules: Rule[], failOn: Severity | 'none', io: Io, color: boolean): FormatContext {
  return {
    version: VERSION,
    color,
    rules: new Map(rules.map((r) => [r.id, r])),
    failOn,
    docsBase: DOCS_BASE,
  };
}

/**
 * Renders every planned output first, then writes them with `extra` outputs (a baseline) through
 * the output layer (src/cli/output.ts): nothing is written if rendering fails, no file is
 * replaced if writing any fails, and no output may be one of `inputs`.
 */
export function emit(plan: OutputPlan[], render: (format: string, toTerminal: boolean) => string, io: Io, inputs: InputFile[], extra: PendingOutput[] = []): void {
  const rendered = plan.map((p) => ({ target: p.target, content: render(p.format, p.target.stdout) }));
  writeOutputs([...rendered, ...extra], io, inputs);
}

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

/** The common part of check and report: options from the arguments, the run with progress, the threshold. */
function runCheck(args: Record<string, unknown>, io: Io): { options: CheckOptions; result: CheckResult; failOn: Severity | 'none' } {
  const options = { ...checkOptionsFrom(args, io), ...progress(io) };
  let result: CheckResult;
  try {
    result = check(options);
  } finally {
    endProgress(io);
  }
  return { options, result, failOn: failOnOf(args, result) };
}

/** 1 when a finding counts (not waived, not in the baseline, not resolved) at or above the threshold. */
export function exitCodeFor(findings: Finding[], failOn: Severity | 'none'): number {
  const fails = atOrAbove(failOn);
  return findings.some((f) => isCounted(f) && fails(f.severity)) ? 1 : 0;
}

const validate: Command = {
  command: 'validate <paths..>',
  describe: 'Load and validate an inventory only; exit 0 when valid, 2 with every problem otherwise',
  builder: (y) => inventoryOptions(y).example('$0 validate inventories/port-of-rotterdam.yaml', ''),
  handler: async (args, io) => {
    const cwd = cwdOf(args, io);
    const r = loadInventory(args.paths as string[], { cwd, maxFileSize: args['max-file-size'] as number, ...limitsFrom(args), today: args.today as string | undefined });
    const inv = r.inventory;
    io.stdout(`${visible(inv.name)}: valid (${inv.files.length} file${inv.files.length === 1 ? '' : 's'}, ${inv.assets.length} assets, ${inv.links.length} links, ${inv.zones.length} zones)\n`);
    return 0;
  },
};

/**
 * SEGLINT_TIMINGS=1 (used by scripts/bench.mjs): one JSON line on stderr with the milliseconds
 * of each phase and of each rule, and the peak resident memory of the process in KiB.
 */
function reportTimings(io: Io, result: CheckResult, extra: Record<string, number>): void {
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const phases = Object.fromEntries(Object.entries({ ...result.timings, ...extra }).map(([k, v]) => [k, round(v)]));
  const rules = Object.fromEntries(result.runs.map((r) => [r.rule.id, round(r.ms)]));
  io.stderr(`SEGLINT_TIMINGS ${JSON.stringify({ phases, rules, findings: result.findings.length, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
}

const checkCmd: Command = {
  command: 'check <paths..>',
  describe: 'Validate an inventory, run the rules and report findings',
  builder: (y) =>
    checkOptions(y)
      .option('baseline', { type: 'string', describe: 'Report only findings not in this baseline file (and count the ones it hid)' })
      .option('write-baseline', { type: 'string', describe: 'Record the current findings, by fingerprint, in this file (written as --output files are; - for stdout)' })
      .option('watch', { alias: 'w', type: 'boolean', describe: 'Re-run on every save of an inventory, included, rule or configuration file, showing what changed' })
      .example('$0 check inventories/port-of-rotterdam.yaml', 'findings as text')
      .example('$0 check inv.yaml -f json -o report.json -f text', 'JSON to a file, text to stdout'),
  handler: async (args, io) => {
    const cwd = cwdOf(args, io);
    const plan = planOutputs(args.format as string[], args.output as string[] | undefined, cwd);
    if (args.watch) {
      if (plan.length !== 1 || !plan[0]!.target.stdout || args.baseline || args['write-baseline']) throw new UsageError('--watch prints one format to the terminal; it takes no --output, --baseline or --write-baseline');
      if (args['policy-from'] !== undefined && args['policy-from'] !== 'self') throw new UsageError('--watch checks your working copy; --policy-from is for gating a change in CI');
      return watchCheck(checkOptionsFrom(args, io), args, io, plan[0]!.format).done;
    }
    const baselineTarget = typeof args['write-baseline'] === 'string' ? [outputTarget('--write-baseline', args['write-baseline'], cwd)] : [];
    checkOutputs([...plan.map((p) => p.target), ...baselineTarget], namedInputs(args, cwd));
    const { options, result, failOn } = runCheck(args, io);
    let findings = result.findings;
    let hidden = 0;
    if (typeof args.baseline === 'string') {
      const file = path.resolve(options.cwd, args.baseline);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`--baseline ${args.baseline}: no such file`);
      }
      const parsed = parseBaseline(text);
      if (typeof parsed === 'string') throw new UsageError(`--baseline ${args.baseline}: ${parsed}`);
      ({ shown: findings, hidden } = applyBaseline(result.findings, parsed));
    }
    const t0 = performance.now();
    const report = buildReport(result, VERSION, atOrAbove(failOn), findings);
    if (hidden) report.summary.baselined = hidden;
    const t1 = performance.now();
    const baseline = baselineTarget.map((target) => ({ target, content: JSON.stringify(toBaseline(result.findings), null, 2) + '\n' }));
    const inputs = [...namedInputs(args, options.cwd), ...inputsOf(result, options.cwd)];
    emit(plan, (format, toTerminal) => FORMATTERS.get(format)!(report, formatContext(result.rules, failOn, io, toTerminal && useColor(io))), io, inputs, baseline);
    if (io.env.SEGLINT_TIMINGS === '1') reportTimings(io, result, { report: t1 - t0, format: performance.now() - t1 });
    return exitCodeFor(findings, failOn);
  },
};

const reportCmd: Command = {
  command: 'report <paths..>',
  describe: "Write the auditor's findings list (markdown, html or csv): summary, every finding with evidence, rationale and remediation, the waiver register",
  builder: (y) =>
    checkOptions(y, 'markdown')
      .option('exit-code', { type: 'boolean', default: false, describe: 'Exit 1 when findings are at or above --fail-on, as check does (default: 0, a report is not a gate)' })
      .example('$0 report inventories/port-of-rotterdam.yaml -f html -o port.html', 'a self-contained HTML report')
      .example('$0 report inv.yaml -f markdown -o findings.md -f csv -o findings.csv', ''),
  handler: async (args, io) => {
    const plan = planOutputs(args.format as string[], args.output as string[] | undefined, cwdOf(args, io));
    checkOutputs(plan.map((p) => p.target), namedInputs(args, cwdOf(args, io)));
    const { options, result, failOn } = runCheck(args, io);
    const report = buildReport(result, VERSION, atOrAbove(failOn));
    emit(plan, (format, toTerminal) => FORMATTERS.get(format)!(report, formatContext(result.rules, failOn, io, toTerminal && useColor(io))), io, [...namedInputs(args, options.cwd), ...inputsOf(result, options.cwd)]);
    return args['exit-code'] ? exitCodeFor(result.findings, failOn) : 0;
  },
};

const schemaCmd: Command = {
  command: 'schema',
  describe: 'Print a JSON Schema: the inventory format (default), rule files, the configuration or the JSON report',
  builder: (y) => y.option('kind', { type: 'string', choices: ['inventory', 'rule', 'config', 'report'], default: 'inventory', describe: 'Which schema' }),
  handler: async (args, io) => {
    io.stdout(JSON.stringify(loadSchema(args.kind as SchemaKind), null, 2) + '\n');
    return 0;
  },
};

const rulesCmd: Command = {
  command: 'rules',
  describe: 'List the rules (built-in and user rules): id, severity, category, title',
  builder: (y) =>
    y
      .option('format', { alias: 'f', type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Output format' })
      .option('config', { alias: 'c', type: 'string', describe: 'Configuration file' })
      .option('rules', { type: 'string', array: true, describe: 'Extra rule directory, may repeat' })
      .option('functions', { type: 'boolean', describe: 'List the built-in functions rules can call instead' }),
  handler: async (args, io) => {
    const cwd = cwdOf(args, io);
    if (args.functions) {
      const fns = [...FUNCTIONS.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
      if (args.format === 'json') io.stdout(JSON.stringify(fns.map((f) => ({ name: f.name, description: f.description, appliesTo: f.appliesTo, options: f.optionsSchema, defaults: f.defaults, data: f.dataKeys })), null, 2) + '\n');
      else for (const f of fns) io.stdout(`${f.name.padEnd(22)} ${f.appliesTo.join(',').padEnd(34)} ${f.description}\n`);
      return 0;
    }
    const { rules, config } = prepare({ paths: [], cwd, config: args.config as string | undefined, rulesDirs: args.rules as string[] | undefined });
    const eff = (r: Rule) => config.settings[r.id];
    if (args.format === 'json') {
      io.stdout(
        jsonSafe(JSON.stringify(
          rules.map((r) => ({
            id: r.id,
            severity: eff(r)?.severity ?? r.severity,
            category: r.category,
            title: r.title,
            enabled: eff(r)?.enabled !== false,
            source: r.source.builtin ? 'builtin' : r.source.file,
            params: Object.fromEntries(Object.entries(r.params).map(([k, d]) => [k, { default: d.default, description: d.description }])),
            references: r.references,
          })),
          null,
          2,
        )) + '\n',
      );
      return 0;
    }
    for (const r of rules) {
      const off = eff(r)?.enabled === false ? ' (off)' : '';
      io.stdout(`${r.id.padEnd(40)} ${(eff(r)?.severity ?? r.severity).padEnd(8)} ${r.category.padEnd(13)} ${visible(r.title)}${off}${r.source.builtin ? '' : `  [${visible(r.source.file)}]`}\n`);
    }
    io.stdout(`${rules.length} rules\n`);
    return 0;
  },
};

const explainCmd: Command = {
  command: 'explain <rule>',
  describe: "Print a rule's documentation",
  builder: (y) =>
    y
      .positional('rule', { type: 'string', describe: 'Rule id', demandOption: true })
      .option('rules', { type: 'string', array: true, describe: 'Extra rule directory, may repeat' }),
  handler: async (args, io) => {
    const cwd = cwdOf(args, io);
    const { rules } = prepare({ paths: [], cwd, config: false, rulesDirs: args.rules as string[] | undefined, only: [args.rule as string] });
    const rule = rules[0]!;
    const doc = path.join(PACKAGE_ROOT, 'docs', 'rules', `${rule.id}.md`);
    if (rule.source.builtin && existsSync(doc)) {
      io.stdout(readFileSync(doc, 'utf8'));
      return 0;
    }
    // a user rule: its own fields are its documentation (one-line fields made visible, prose keeps its line breaks)
    const v = visible;
    const lines = [`# ${rule.id}: ${v(rule.title)}`, '', `Severity: ${rule.severity}. Category: ${rule.category}. Defined in ${v(rule.source.file)}.`, '', '## Rationale', '', visibleLines(rule.rationale), '', '## Remediation', '', visibleLines(rule.remediation)];
    if (Object.keys(rule.params).length) {
      lines.push('', '## Parameters', '');
      for (const [k, d] of Object.entries(rule.params)) lines.push(`- \`${v(k)}\` (default \`${v(String(JSON.stringify(d.default)))}\`): ${v(d.description)}`);
    }
    if (rule.references.length) {
      lines.push('', '## References', '');
      for (const r of rule.references) lines.push(`- ${v(r.source)} ${v(r.id)}${r.title ? `: ${v(r.title)}` : ''}${r.url ? ` <${v(r.url)}>` : ''}`);
    }
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};

const testRulesCmd: Command = {
  command: 'test-rules <dir>',
  describe: "Run the test cases of a rule pack: every <rule-id>.test.yaml beside its rules",
  builder: (y) =>
    y
      .positional('dir', { type: 'string', describe: 'Directory of rules and their .test.yaml files', demandOption: true })
      .option('format', { alias: 'f', type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Output format' })
      .example('$0 test-rules my-rules/', ''),
  handler: async (args, io) => {
    const cwd = cwdOf(args, io);
    const { results } = runRuleTests(args.dir as string, cwd);
    const passed = results.filter((r) => r.passed).length;
    const failed = results.length - passed;
    if (args.format === 'json') {
      io.stdout(jsonSafe(JSON.stringify({ passed, failed, cases: results }, null, 2)) + '\n');
    } else {
      for (const r of results) {
        io.stdout(`${r.passed ? 'ok  ' : 'FAIL'} ${visible(r.rule)}: ${visible(r.name)}\n`);
        for (const p of r.problems) io.stdout(`       ${visible(p)}\n`);
      }
      if (results.length === 0) io.stdout(`no test cases in ${visible(args.dir as string)} (expected <rule-id>.test.yaml files)\n`);
      io.stdout(`${passed} passed, ${failed} failed\n`);
    }
    return failed > 0 || results.length === 0 ? 1 : 0;
  },
};

export const commands: Command[] = [validate, checkCmd, reportCmd, rulesCmd, explainCmd, testRulesCmd, schemaCmd, pathCommand, graphCommand, initCommand];
export { formatDiagnostic };
