/** `--output-file` is ESLint's name for `-o/--output`: the same pairing, files and stdout. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir, TODAY } from '../helpers.js';

const PORT = path.join(ROOT, 'inventories/port-of-rotterdam.yaml');

describe('--output-file', () => {
  it('writes what -o writes, pairs with -f in the same way, and takes - for stdout', async () => {
    const dir = tempDir();
    const a = await run(['check', PORT, '--today', TODAY, '-f', 'json', '-o', 'a.json'], { cwd: dir });
    const b = await run(['check', PORT, '--today', TODAY, '-f', 'json', '--output-file', 'b.json', '-f', 'text'], {
      cwd: dir,
    });
    expect([a.status, b.status]).toEqual([1, 1]);
    expect(readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'a.json'), 'utf8'));
    expect(b.stdout).toContain('state-ownership');
    const stdout = await run(['check', PORT, '--today', TODAY, '-f', 'json', '--output-file', '-'], { cwd: dir });
    expect(stdout.stdout).toBe(readFileSync(path.join(dir, 'a.json'), 'utf8'));
  });

  it('graph takes it too', async () => {
    const dir = tempDir();
    const r = await run(['graph', PORT, '-f', 'dot', '--output-file', 'net.dot'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'net.dot'), 'utf8')).toMatch(/^(strict )?digraph/);
  });
});
