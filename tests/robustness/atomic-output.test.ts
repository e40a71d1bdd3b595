/**
 * Output files are written atomically (src/cli/output.ts writeOutputs): a run that fails keeps
 * the previous report intact, and no temporary file is ever left behind.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, tempDir, TODAY, yaml } from '../helpers.js';
import { outputTarget, writeOutputs } from '../../src/cli/output.js';

const VALID = yaml`
  seglint: 1
  name: Atomic
  zones:
    - { id: ot, trust: closed, monitoring: [] }
  assets:
    - { id: plc-1, kind: plc, zone: ot }
`;

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('atomic output files', () => {
  it('keeps an existing report intact when a new run fails with an input error', () => {
    const dir = tempDir({ 'inventory.yaml': VALID });
    const first = cli(
      [
        'check',
        'inventory.yaml',
        '-f',
        'json',
        '-o',
        'report.json',
        '-f',
        'text',
        '-o',
        'report.txt',
        '--today',
        TODAY,
      ],
      { cwd: dir },
    );
    expect([0, 1]).toContain(first.status);
    const json = readFileSync(path.join(dir, 'report.json'), 'utf8');
    const text = readFileSync(path.join(dir, 'report.txt'), 'utf8');
    expect(JSON.parse(json).inventory.name).toBe('Atomic');

    writeFileSync(path.join(dir, 'inventory.yaml'), VALID.replace('kind: plc', 'kind: plcc'));
    const second = cli(
      [
        'check',
        'inventory.yaml',
        '-f',
        'json',
        '-o',
        'report.json',
        '-f',
        'text',
        '-o',
        'report.txt',
        '--today',
        TODAY,
      ],
      { cwd: dir },
    );
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/^inventory\.yaml:\d+:\d+ error: /);
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe(json);
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).toBe(text);
    expect(leftovers(dir)).toEqual([]);
  });

  it('replaces the report in one step and leaves no temporary file after a successful run', () => {
    const dir = tempDir({ 'inventory.yaml': VALID, 'report.json': 'old content\n' });
    const r = cli(['check', 'inventory.yaml', '-f', 'json', '-o', 'report.json', '--today', TODAY], { cwd: dir });
    expect([0, 1]).toContain(r.status);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).inventory.name).toBe('Atomic');
    expect(leftovers(dir)).toEqual([]);
  });

  it('cleans up its temporary file when the final rename fails', () => {
    const dir = tempDir({ 'report.json': 'previous\n' });
    const io = {
      stdout: () => {},
      writeOps: {
        renameSync: () => {
          throw Object.assign(new Error('EXDEV: cross-device link not permitted, rename'), { code: 'EXDEV' });
        },
      },
    };
    expect(() => writeOutputs([{ target: outputTarget('--output', 'report.json', dir), content: '{}\n' }], io)).toThrow(
      /cannot write "report.json": cross-device link not permitted; the previous file is kept/,
    );
    expect(leftovers(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('previous\n');
  });

  it('fails without writing anything when the directory does not exist', () => {
    const dir = tempDir();
    const r = cli(['check', 'missing.yaml', '-f', 'json', '-o', 'out/report.json', '--today', TODAY], { cwd: dir });
    expect(r.status).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});
