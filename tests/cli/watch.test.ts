/** `seglint check --watch`: re-runs on save, shows what changed, survives a half-written file. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir, TODAY, yaml } from '../helpers.js';

const inventory = (share: number) => yaml`
  seglint: 1
  organizations:
    - { id: state, type: state-enterprise }
    - id: vendor
      type: vendor
      owners: [{ organization: state, share: ${share} }]
`;

describe('seglint check --watch', () => {
  it('re-runs on save, reports new and resolved findings, and keeps going after a broken save', async () => {
    const dir = tempDir({ 'inv.yaml': inventory(0.05) });
    const child = spawn(process.execPath, [BIN, 'check', 'inv.yaml', '--watch', '--rule', 'state-ownership', '--today', TODAY], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const waitFor = async (pred: () => boolean, what: string) => {
      const t0 = Date.now();
      while (!pred()) {
        if (Date.now() - t0 > 15_000) throw new Error(`timed out waiting for ${what}\nstdout:\n${out}\nstderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
    try {
      await waitFor(() => count(err, /watching/g) === 1, 'the first run');
      expect(out).toContain('No findings');

      writeFileSync(path.join(dir, 'inv.yaml'), inventory(0.5));
      await waitFor(() => out.includes('Since the last run'), 'the re-run after a save');
      expect(out).toMatch(/Since the last run: 1 new, 0 resolved\n {2}\+ inv\.yaml:\d+:\d+ state-ownership vendor is 50% owned by state/);

      writeFileSync(path.join(dir, 'inv.yaml'), 'seglint: 1\norganizations:\n  - { id: vendor, type: vendor\n');
      await waitFor(() => err.includes('fix and save'), 'the errors of a half-written file');
      expect(err).toMatch(/inv\.yaml:\d+:\d+ error: invalid YAML/);
      expect(child.exitCode).toBeNull();

      const before = count(out, /Since the last run/g);
      writeFileSync(path.join(dir, 'inv.yaml'), inventory(0.05));
      await waitFor(() => count(out, /Since the last run/g) > before, 'the run after the fix');
      expect(out.slice(out.lastIndexOf('Since the last run'))).toMatch(/^Since the last run: 0 new, 1 resolved\n {2}- state-ownership/);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(0);
  }, 40_000);
});
