import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

describe('docs/images/port-network.svg', () => {
  it('is what scripts/readme-diagram.mjs renders today (regenerate: npm run build && node scripts/readme-diagram.mjs)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'readme-diagram.mjs'), '--stdout'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const fresh = r.stdout;
    expect(fresh.startsWith('<?xml')).toBe(true);
    const committed = readFileSync(path.join(ROOT, 'docs', 'images', 'port-network.svg'), 'utf8');
    // a plain comparison; on failure the message says how to regenerate
    expect(
      committed === fresh,
      'docs/images/port-network.svg is stale: run `npm run build && node scripts/readme-diagram.mjs`',
    ).toBe(true);
  });
});
