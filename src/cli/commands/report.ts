/**
 * `seglint report <paths..>`: the auditor's findings list (markdown, html or csv): summary,
 * every finding with evidence, rationale and remediation, the waiver register. Exit 0: a
 * report is not a gate, unless --exit-code asks for check's exit code.
 */
import { checkOutputs } from '../output.js';
import {
  checkOptions,
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

export const reportCommand: Command = {
  command: 'report <paths..>',
  describe:
    "Write the auditor's findings list (markdown, html or csv): summary, every finding with evidence, rationale and remediation, the waiver register",
  builder: (y) =>
    checkOptions(y, 'markdown')
      .option('exit-code', {
        type: 'boolean',
        default: false,
        describe: 'Exit 1 when findings are at or above --fail-on, as check does (default: 0, a report is not a gate)',
      })
      .example('$0 report inventories/port-of-rotterdam.yaml -f html -o port.html', 'a self-contained HTML report')
      .example('$0 report inv.yaml -f markdown -o findings.md -f csv -o findings.csv', ''),
  handler: async (args, io) => {
    const plan = planOutputs(
      args.format as string[] | undefined,
      args.output as string[] | undefined,
      cwdOf(args, io),
      'markdown',
    );
    checkOutputs(
      plan.map((p) => p.target),
      namedInputs(args, cwdOf(args, io)),
    );
    const { options, result, failOn } = runCheck(args, io);
    renderReport(
      {
        result,
        failOn,
        plan,
        inputs: [...namedInputs(args, options.cwd), ...inputsOf(result, options.cwd)],
        display: displayOf(args),
      },
      io,
    );
    return args['exit-code'] ? exitCodeFor(result.findings, failOn, maxFindingsOf(args)) : 0;
  },
};
