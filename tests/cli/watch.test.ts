/** `seglint check --watch`: re-runs on save, shows what changed, survives a half-written file. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, TODAY } from '../helpers.js';
import { count, ownedInventory, spawnWatch } from './spawn-watch.js';

const inventory = ownedInventory;

describe('seglint check --watch', () => {
  it('re-runs on save, reports new and resolved findings, and keeps going after a broken save', async () => {
    const dir = tempDir({ 'inv.yaml': inventory(0.05) });
    const w = spawnWatch(['check', 'inv.yaml', '--watch', '--rule', 'state-ownership', '--today', TODAY], dir);
    try {
      await w.waitFor(() => count(w.err(), /watching/g) === 1, 'the first run');
      expect(w.out()).toContain('No findings');

      writeFileSync(path.join(dir, 'inv.yaml'), inventory(0.5));
      await w.waitFor(() => w.out().includes('Since the last run'), 'the re-run after a save');
      expect(w.out()).toMatch(
        /Since the last run: 1 new, 0 resolved\n {2}\+ inv\.yaml:\d+:\d+ state-ownership vendor is 50% owned by state/,
      );

      writeFileSync(path.join(dir, 'inv.yaml'), 'seglint: 1\norganizations:\n  - { id: vendor, type: vendor\n');
      await w.waitFor(() => w.err().includes('fix and save'), 'the errors of a half-written file');
      expect(w.err()).toMatch(/inv\.yaml:\d+:\d+ error: invalid YAML/);
      expect(w.child.exitCode).toBeNull();

      const before = count(w.out(), /Since the last run/g);
      writeFileSync(path.join(dir, 'inv.yaml'), inventory(0.05));
      await w.waitFor(() => count(w.out(), /Since the last run/g) > before, 'the run after the fix');
      const out = w.out();
      expect(out.slice(out.lastIndexOf('Since the last run'))).toMatch(
        /^Since the last run: 0 new, 1 resolved\n {2}- state-ownership/,
      );
    } finally {
      expect(await w.stop()).toBe(0);
    }
  }, 40_000);
});
