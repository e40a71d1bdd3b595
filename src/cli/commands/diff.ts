/**
 * `seglint diff --base <path-or-git-ref> <paths..>`: the findings of two versions of an
 * inventory, compared by fingerprint: new, unchanged and resolved. Exit 1 only when a new
 * finding is at or above the fail threshold. With a git ref the base is read with real git.
 *
 * A diff gates a change, so by default it runs in gating mode with the policy of the base
 * (`--policy-from` names another source, `--policy-from self` takes each version's own): both
 * versions are judged by the base's configuration, parameters, waivers and rule directories,
 * and policy-weakened reports what the change does to them.
 */
import { diffFindings } from '../../findings/baseline.js';
import type { Report } from '../../findings/report.js';
import { check, loadPolicyFrom, prepare, type CheckOptions, type CheckResult } from '../../check/check.js';
import { openPolicySource } from '../../check/policy-source.js';
import {
  checkOptions,
  checkOptionsFrom,
  cwdOf,
  displayOf,
  exitCodeFor,
  failOnOf,
  inputsOf,
  maxFindingsOf,
  namedInputs,
  planOutputs,
  renderReport,
  type Command,
} from '../shared.js';
import { checkOutputs } from '../output.js';

export const diffCommand: Command = {
  command: 'diff <paths..>',
  describe:
    'Compare the findings of two versions of an inventory: new, unchanged, resolved (judged by the policy of the base)',
  builder: (y) =>
    checkOptions(y)
      .option('include-resolved', {
        type: 'boolean',
        default: false,
        describe:
          'SARIF: keep resolved findings as results with baselineState "absent" (left out by default: code scanning may open any result as an alert)',
      })
      .option('base', {
        type: 'string',
        demandOption: true,
        describe:
          'The base version: an inventory path (file or directory), or a git revision (origin/main, HEAD~1...) of the same paths; also where the policy comes from, unless --policy-from says otherwise',
      })
      .example(
        '$0 diff --base origin/main inventories/port.yaml',
        'gate a pull request on new findings, with the policy of origin/main',
      )
      .example('$0 diff --base old/port.yaml port.yaml', 'compare two copies')
      .example(
        '$0 diff --base HEAD~1 --policy-from self port.yaml',
        'each version judged by its own policy (not a gate)',
      ),
  handler: async (args, io) => {
    const cwd = cwdOf(args, io);
    const plan = planOutputs(args.format as string[] | undefined, args.output as string[] | undefined, cwd);
    checkOutputs(
      plan.map((p) => p.target),
      namedInputs(args, cwd),
    );
    const base = args.base as string;
    const options = checkOptionsFrom({ ...args, 'policy-from': args['policy-from'] ?? base }, io);
    const source = openPolicySource(base, options.cwd, '--base');
    const baseOptions: CheckOptions =
      source.kind === 'path' ? { ...options, paths: [base] } : { ...options, ...source.fs.load };
    let head: CheckResult;
    let baseResult: CheckResult;
    if (options.policyFrom !== undefined) {
      const policy =
        options.policyFrom === base
          ? loadPolicyFrom(base, options, '--base', source)
          : loadPolicyFrom(options.policyFrom, options);
      head = check({ ...options, policy });
      // the base's own run: the trusted inventory is the base's when the policy comes from it
      const loaded = options.policyFrom === base && source.kind === 'git' ? policy.load : undefined;
      baseResult = check({ ...baseOptions, policy, comparePolicy: false, ...(loaded ? { loaded } : {}) });
    } else {
      const { config, rules } = prepare(options);
      head = check({ ...options, rules, configObject: config });
      baseResult = check({ ...baseOptions, rules, configObject: config });
    }
    const { findings, counts } = diffFindings(baseResult.findings, head.findings);
    findings.sort((a, b) =>
      a.baselineState === b.baselineState
        ? 0
        : a.baselineState === 'absent'
          ? 1
          : b.baselineState === 'absent'
            ? -1
            : 0,
    );
    const failOn = failOnOf(args, head);
    const adjust = (report: Report) => {
      report.summary.diff = counts;
      delete report.summary.baselined; // in a diff, unchanged findings are listed, not hidden
    };
    const inputs = [
      ...namedInputs(args, options.cwd),
      ...inputsOf(head, options.cwd),
      ...inputsOf(baseResult, options.cwd),
    ];
    renderReport(
      {
        result: head,
        findings,
        failOn,
        plan,
        inputs,
        adjust,
        display: displayOf(args),
        context: { diff: true, includeResolved: args['include-resolved'] === true },
      },
      io,
    );
    return exitCodeFor(
      findings.filter((f) => f.baselineState === 'new'),
      failOn,
      maxFindingsOf(args),
    );
  },
};
