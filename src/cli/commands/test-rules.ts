/** `seglint test-rules <dir>`: runs the test cases of a rule pack, every <rule-id>.test.yaml beside its rules. Exit 1 when a case fails or there are none. */
import { runRuleTests } from '../../check/test-runner.js';
import { jsonSafe, visible } from '../../base/sanitize.js';
import { cwdOf, TEXT_OR_JSON_OPTION, type Command } from '../shared.js';

export const testRulesCommand: Command = {
  command: 'test-rules <dir>',
  describe: 'Run the test cases of a rule pack: every <rule-id>.test.yaml beside its rules',
  builder: (y) =>
    y
      .positional('dir', {
        type: 'string',
        describe: 'Directory of rules and their .test.yaml files',
        demandOption: true,
      })
      .option('format', TEXT_OR_JSON_OPTION)
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
      if (results.length === 0)
        io.stdout(`no test cases in ${visible(args.dir as string)} (expected <rule-id>.test.yaml files)\n`);
      io.stdout(`${passed} passed, ${failed} failed\n`);
    }
    return failed > 0 || results.length === 0 ? 1 : 0;
  },
};
