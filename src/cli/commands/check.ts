/**
 * `seglint check <paths..>`: validate an inventory, run the rules and report findings in one
 * or more formats; a baseline hides known findings, --write-baseline records them, --watch
 * re-runs on every save (./watch.ts). Exit 1 when a counted finding is at or above --fail-on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../source/errors.js';
import { applyBaseline, parseBaseline, toBaseline } from '../../findings/baseline.js';
import type { Report } from '../../findings/report.js';
import type { Finding } from '../../findings/types.js';
import type { CheckResult } from '../../check/check.js';
import type { Io } from '../io.js';
import { checkOutputs, outputTarget } from '../output.js';
import {
  checkOptions,
  checkOptionsFrom,
  cwdOf,
  displayOf,
  exitCodeFor,
  inputsOf,
  maxFindingsOf,
  namedInputs,
  planOutputs,
  renderReport,
  runCheck,
  type Command,
} from '../shared.js';
import { watchCheck } from './watch.js';

/**
 * SEGLINT_TIMINGS=1 (used by scripts/bench.mjs): one JSON line on stderr with the milliseconds
 * of each phase and of each rule, and the peak resident memory of the process in KiB.
 */
function reportTimings(io: Io, result: CheckResult, extra: Record<string, number>): void {
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const phases = Object.fromEntries(Object.entries({ ...result.timings, ...extra }).map(([k, v]) => [k, round(v)]));
  const rules = Object.fromEntries(result.runs.map((r) => [r.rule.id, round(r.ms)]));
  io.stderr(
    `SEGLINT_TIMINGS ${JSON.stringify({ phases, rules, findings: result.findings.length, maxRssKiB: process.resourceUsage().maxRSS })}\n`,
  );
}

/** The findings not in the --baseline file, and how many it hid. */
function baselined(file: string, given: string, findings: Finding[]): { shown: Finding[]; hidden: number } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`--baseline ${given}: no such file`);
  }
  const parsed = parseBaseline(text);
  if (typeof parsed === 'string') throw new UsageError(`--baseline ${given}: ${parsed}`);
  return applyBaseline(findings, parsed);
}

export const checkCommand: Command = {
  command: 'check <paths..>',
  describe: 'Validate an inventory, run the rules and report findings',
  builder: (y) =>
    checkOptions(y)
      .option('baseline', {
        type: 'string',
        describe: 'Report only findings not in this baseline file (and count the ones it hid)',
      })
      .option('write-baseline', {
        type: 'string',
        describe:
          'Record the current findings, by fingerprint, in this file (written as --output files are; - for stdout)',
      })
      .option('watch', {
        alias: 'w',
        type: 'boolean',
        describe: 'Re-run on every save of an inventory, included, rule or configuration file, showing what changed',
      })
      .example('$0 check inventories/port-of-rotterdam.yaml', 'findings as text')
      .example('$0 check inv.yaml -f json -o report.json -f text', 'JSON to a file, text to stdout'),
  handler: async (args, io) => {
    const cwd = cwdOf(args, io);
    const plan = planOutputs(args.format as string[] | undefined, args.output as string[] | undefined, cwd);
    if (args.watch) {
      if (plan.length !== 1 || !plan[0]!.target.stdout || args.baseline || args['write-baseline'])
        throw new UsageError(
          '--watch prints one format to the terminal; it takes no --output, --baseline or --write-baseline',
        );
      if (args['policy-from'] !== undefined && args['policy-from'] !== 'self')
        throw new UsageError('--watch checks your working copy; --policy-from is for gating a change in CI');
      return watchCheck(checkOptionsFrom(args, io), args, io, plan[0]!.format).done;
    }
    const baselineTarget =
      typeof args['write-baseline'] === 'string' ? [outputTarget('--write-baseline', args['write-baseline'], cwd)] : [];
    checkOutputs([...plan.map((p) => p.target), ...baselineTarget], namedInputs(args, cwd));
    const { options, result, failOn } = runCheck(args, io);
    const { shown: findings, hidden } =
      typeof args.baseline === 'string'
        ? baselined(path.resolve(options.cwd, args.baseline), args.baseline, result.findings)
        : { shown: result.findings, hidden: 0 };
    const baseline = baselineTarget.map((target) => ({
      target,
      content: JSON.stringify(toBaseline(result.findings), null, 2) + '\n',
    }));
    const inputs = [...namedInputs(args, options.cwd), ...inputsOf(result, options.cwd)];
    const adjust = (report: Report) => {
      if (hidden) report.summary.baselined = hidden;
    };
    const ms = renderReport(
      { result, findings, failOn, plan, inputs, extra: baseline, adjust, display: displayOf(args) },
      io,
    );
    if (io.env.SEGLINT_TIMINGS === '1') reportTimings(io, result, ms);
    return exitCodeFor(findings, failOn, maxFindingsOf(args));
  },
};
