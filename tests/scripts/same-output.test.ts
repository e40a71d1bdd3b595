/**
 * scripts/same-output.mjs, the byte-identical check: a copy of this build compares the same
 * as the build itself, and a change planted in the copy is reported and fails the run.
 *
 * Why: the script is the proof that a refactoring changed no output; a proof that cannot fail
 * proves nothing. The quick command set on already built trees keeps this test short.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const SCRIPT = path.join(ROOT, 'scripts', 'same-output.mjs');

/** A copy of the built package (what the binary reads), with this tree's node_modules. */
function copyOfBuild(): string {
  const dir = tempDir();
  for (const part of ['bin', 'dist', 'rules', 'schemas', 'docs', 'package.json']) {
    cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function sameOutput(args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, '--head-build', ROOT, '--assets', '0', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/same-output.mjs', () => {
  it('reports every command the same when both sides are one build', () => {
    const r = sameOutput(['--base-build', copyOfBuild(), '--quick']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('same') || l.startsWith('DIFFERENT'));
    expect(lines.length).toBeGreaterThan(8);
    expect(lines.filter((l) => !l.startsWith('same '))).toEqual([]);
    for (const command of ['check', 'report', 'validate', 'graph', 'path', 'rules', 'explain', 'diff']) {
      expect(
        lines.some((l) => new RegExp(`seglint (\\(in \\w+\\) )?${command}\\b`).test(l)),
        command,
      ).toBe(true);
    }
    expect(r.stdout).toMatch(/\n(\d+) same, 0 different, of \1 commands/);
  }, 90_000);

  it('finds a planted change, shows the first differing line and exits 1', () => {
    const copy = copyOfBuild();
    const ruleFile = path.join(copy, 'rules', 'asset-without-camera.yaml');
    const text = readFileSync(ruleFile, 'utf8');
    expect(text).toMatch(/^title: /m);
    writeFileSync(ruleFile, text.replace(/^title: /m, 'title: Planted '));
    const r = sameOutput(['--base-build', copy, '--quick', '--only', 'rules']);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('DIFFERENT  seglint rules\n');
    expect(r.stdout).toMatch(/stdout, line 1:\n\s+base: asset-without-camera .*Planted Field asset/);
    expect(r.stdout).toMatch(/0 same, 1 different, of 1 commands/);
  }, 90_000);

  it('refuses to run without a base', () => {
    const r = spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('give one of --base <rev> or --base-build <dir>');
  });
});
