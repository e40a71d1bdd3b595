/**
 * docs/architecture.md and docs/contributing.md show commands. The seglint ones run here,
 * in-process, and exit as the page says. The others (npm scripts, scripts/*.mjs) cannot run
 * inside the test suite (`npm test` would call itself; lint and same-output take minutes), so
 * this checks that each names a script that exists and that CI runs where the page says so:
 * `.ci/run` calls `npm run lint`, `npm run typecheck` and `npm test`, and
 * tests/scripts/same-output.test.ts runs scripts/same-output.mjs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers.js';
import { docCommands } from './commands.js';

const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const CI = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
/** Scripts the test suite itself runs (by file), so the page's command is exercised. */
const SCRIPT_TESTS: Record<string, string> = { 'scripts/same-output.mjs': 'tests/scripts/same-output.test.ts' };

for (const page of ['docs/architecture.md', 'docs/contributing.md']) {
  describe(page, () => {
    const commands = docCommands(path.join(ROOT, page));

    it('shows commands', () => {
      expect(commands.length).toBeGreaterThan(0);
    });

    const seglint = commands.filter((c) => c.argv[0] === 'seglint');
    it.each(seglint.map((c) => [c.line, c] as const))('line %i runs as the page says', async (_line, c) => {
      expect(c.exit, `line ${c.line}: no "# exit N"`).toBeTypeOf('number');
      const r = await run(c.argv.slice(1));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(c.exit);
    });

    for (const c of commands.filter((c) => c.argv[0] !== 'seglint')) {
      it(`line ${c.line}: ${c.argv.slice(0, 3).join(' ')} exists${c.argv[0] === 'npm' ? ' and CI runs it' : ''}`, () => {
        if (c.argv[0] === 'npm') {
          const script = c.argv[1] === 'run' ? c.argv[2]! : c.argv[1]!;
          expect(PACKAGE.scripts[script], `npm script "${script}"`).toBeTypeOf('string');
          if (['lint', 'typecheck', 'test'].includes(script)) expect(CI).toMatch(new RegExp(`^npm (run )?${script}$`, 'm'));
        } else {
          expect(c.argv[0]).toBe('node');
          const file = c.argv[1]!;
          expect(existsSync(path.join(ROOT, file)), file).toBe(true);
          if (SCRIPT_TESTS[file]) expect(readFileSync(path.join(ROOT, SCRIPT_TESTS[file]!), 'utf8')).toContain(path.basename(file));
        }
      });
    }
  });
}
