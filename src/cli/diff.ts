/**
 * `seglint diff --base <path-or-git-ref> <paths..>`: the findings of two versions of an
 * inventory, compared by fingerprint: new, unchanged and resolved. Exit 1 only when a new
 * finding is at or above the fail threshold. With a git ref the base is read with real git.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors/index.js';
import { diffFindings } from '../findings/baseline.js';
import { buildReport } from '../findings/report.js';
import { FORMATTERS } from '../formatters/index.js';
import { check, prepare } from '../index.js';
import { gitFileSystem, isGitRevision } from '../inventory/git.js';
import { VERSION } from '../version.js';
import { atOrAbove, checkOptions, checkOptionsFrom, emit, exitCodeFor, failOnOf, formatContext, inputsOf, namedInputs, planOutputs, useColor, type Command } from './commands.js';
import { checkOutputs } from './output.js';

export const diffCommand: Command = {
  command: 'diff <paths..>',
  describe: 'Compare the findings of two versions of an inventory: new, unchanged, resolved',
  builder: (y) =>
    checkOptions(y)
      .option('base', { type: 'string', demandOption: true, describe: 'The base version: an inventory path (file or directory), or a git revision (origin/main, HEAD~1...) of the same paths' })
      .example('$0 diff --base origin/main inventories/port.yaml', 'gate a pull request on new findings')
      .example('$0 diff --base old/port.yaml port.yaml', 'compare two copies'),
  handler: async (args, io) => {
    const options = checkOptionsFrom(args, io);
    const plan = planOutputs(args.format as string[], args.output as string[] | undefined, options.cwd);
    checkOutputs(plan.map((p) => p.target), namedInputs(args, options.cwd));
    const base = args.base as string;
    const { config, rules } = prepare(options);
    const head = check({ ...options, rules, configObject: config });
    let baseResult;
    if (existsSync(path.resolve(options.cwd, base))) {
      baseResult = check({ ...options, paths: [base], rules, configObject: config });
    } else if (isGitRevision(base, options.cwd)) {
      baseResult = check({ ...options, rules, configObject: config, ...gitFileSystem(base, options.cwd) });
    } else {
      throw new UsageError(`--base "${base}" is neither an inventory path nor a git revision`);
    }
    const { findings, counts } = diffFindings(baseResult.findings, head.findings);
    findings.sort((a, b) => (a.baselineState === b.baselineState ? 0 : a.baselineState === 'absent' ? 1 : b.baselineState === 'absent' ? -1 : 0));
    const failOn = failOnOf(args, head);
    const report = buildReport(head, VERSION, atOrAbove(failOn), findings);
    report.summary.diff = counts;
    delete report.summary.baselined; // in a diff, unchanged findings are listed, not hidden
    const inputs = [...namedInputs(args, options.cwd), ...inputsOf(head, options.cwd), ...inputsOf(baseResult, options.cwd)];
    emit(plan, (format, toTerminal) => FORMATTERS.get(format)!(report, { ...formatContext(head.rules, failOn, io, toTerminal && useColor(io)), diff: true }), io, inputs);
    return exitCodeFor(findings.filter((f) => f.baselineState === 'new'), failOn);
  },
};
