import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, TODAY } from '../helpers.js';

const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/;

describe('seglint init', () => {
  it('writes a starter inventory and configuration that validate and check clean', () => {
    const dir = tempDir();
    const r = cli(['init', 'site'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `wrote ${path.join('site', 'inventory.yaml')}\nwrote ${path.join('site', 'seglint.config.yaml')}\nnext: seglint check ${path.join('site', 'inventory.yaml')}\n`,
    );
    const inv = readFileSync(path.join(dir, 'site', 'inventory.yaml'), 'utf8');
    const cfg = readFileSync(path.join(dir, 'site', 'seglint.config.yaml'), 'utf8');
    // the modelines point (relatively) at the real schemas
    const invSchema = inv.split('\n')[0]!.match(MODELINE)?.[1];
    const cfgSchema = cfg.split('\n')[0]!.match(MODELINE)?.[1];
    expect(invSchema).toMatch(/schemas\/inventory\.schema\.json$/);
    expect(cfgSchema).toMatch(/schemas\/config\.schema\.json$/);
    expect(path.isAbsolute(invSchema!)).toBe(false);
    expect(existsSync(path.resolve(dir, 'site', invSchema!))).toBe(true);
    expect(existsSync(path.resolve(dir, 'site', cfgSchema!))).toBe(true);
    // commented for a newcomer
    expect(inv.split('\n').filter((l) => l.trimStart().startsWith('#')).length).toBeGreaterThan(10);

    const v = cli(['validate', 'site/inventory.yaml'], { cwd: dir });
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
    // check picks up site/seglint.config.yaml next to the inventory, so it validates that too
    const c = cli(['check', 'site/inventory.yaml', '--today', TODAY], { cwd: dir });
    expect(c.stderr).toBe('');
    expect(c.stdout).toContain('No findings');
    expect(c.status).toBe(0);
  });

  it('writes into the current directory by default', () => {
    const dir = tempDir();
    const r = cli(['init'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, 'inventory.yaml'))).toBe(true);
    expect(existsSync(path.join(dir, 'seglint.config.yaml'))).toBe(true);
  });

  it('refuses to overwrite (exit 2), names the file, and writes nothing', () => {
    const dir = tempDir({ 'inventory.yaml': 'mine\n' });
    const r = cli(['init'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('"inventory.yaml" already exists');
    expect(r.stderr).not.toContain('seglint.config.yaml');
    expect(readFileSync(path.join(dir, 'inventory.yaml'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(dir, 'seglint.config.yaml'))).toBe(false);

    writeFileSync(path.join(dir, 'seglint.config.yaml'), 'failOn: high\n');
    const again = cli(['init', '.'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('"inventory.yaml" and "seglint.config.yaml" already exist');
    expect(readFileSync(path.join(dir, 'seglint.config.yaml'), 'utf8')).toBe('failOn: high\n');
  });

  it('points the modelines at a URL with --schema-base', () => {
    const dir = tempDir();
    const r = cli(['init', '--schema-base', 'https://example.org/seglint/schemas/'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'inventory.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://example.org/seglint/schemas/inventory.schema.json',
    );
    expect(readFileSync(path.join(dir, 'seglint.config.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://example.org/seglint/schemas/config.schema.json',
    );
  });
});
