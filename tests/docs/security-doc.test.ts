/**
 * docs/security.md shows how to run seglint in CI so that a change cannot weaken its gate.
 * Every command of the page runs here, in a real git repository whose `origin/main` is the
 * bundled port inventory and whose head adds a mobile modem to the closed scanner network
 * and disarms the policy in the same commit (the attack of issue 9): each exits as the page
 * says, the modem's findings stand and policy-weakened names the changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, TODAY } from '../helpers.js';
import { disarmed, gitRepo, withModem, write, type Repo } from '../security/port-change.js';
import { docCommands, shellWords } from './commands.js';

const PAGE = path.join(ROOT, 'docs', 'security.md');
const INV = 'inventories/port-of-rotterdam.yaml';
const PORT = readFileSync(path.join(ROOT, INV), 'utf8');

let repo: Repo;
beforeAll(() => {
  repo = gitRepo({ [INV]: PORT });
  repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  write(repo.dir, { [INV]: disarmed(withModem(PORT)), 'inventories/seglint.config.yaml': 'failOn: none\n' });
  repo.git('add', '-A');
  repo.git('commit', '-qm', 'a modem, and the policy disarmed');
});

describe('shellWords', () => {
  it('splits words, honours quotes and finds the comment', () => {
    expect(shellWords(`seglint check "a b" 'c' d#e   # exit 1`)).toEqual({ words: ['seglint', 'check', 'a b', 'c', 'd#e'], comment: 'exit 1' });
  });
});

describe('docs/security.md', () => {
  const commands = docCommands(PAGE);

  it('shows seglint commands, each announcing its exit code', () => {
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const c of commands) {
      expect(c.argv[0], `line ${c.line}`).toBe('seglint');
      expect(c.exit, `line ${c.line}: no "# exit N"`).toBeTypeOf('number');
    }
  });

  it.each(commands.map((c) => [c.line, c] as const))('line %i runs as the page says', async (_line, c) => {
    const r = await run([...c.argv.slice(1), '--today', TODAY], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(c.exit);
    // the modem's findings stand and the policy changes are named, in whatever the command wrote
    const sarifAt = c.argv.indexOf('seglint.sarif');
    const outputs = [r.stdout, ...(sarifAt > 0 ? [readFileSync(path.join(repo.dir, 'seglint.sarif'), 'utf8')] : [])];
    for (const out of outputs) {
      expect(out).toContain('mobile-uplink-in-closed-zone');
      expect(out).toContain('policy-weakened');
      expect(out).toContain('link-modem-mv-5-hq');
    }
    if (sarifAt > 0) expect(existsSync(path.join(repo.dir, 'seglint.sarif'))).toBe(true);
  });
});
