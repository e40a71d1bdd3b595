/** `seglint diff`: new, unchanged and resolved findings between two versions, by path and by git ref. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, reportErrors, ROOT, run, tempDir, TODAY } from '../helpers.js';

const PORT = readFileSync(path.join(ROOT, 'inventories/port-of-rotterdam.yaml'), 'utf8');

/** The port inventory with one more mobile link inside the closed scanner network. */
function withMobileUplink(text: string): string {
  const marker = '\nlinks:\n';
  const at = text.indexOf(marker);
  expect(at).toBeGreaterThan(0);
  return (
    text.slice(0, at + marker.length) +
    '  - { id: link-extra-mobile, from: scanner-mv-5, to: sw-scanner-core, medium: mobile, purpose: data }\n' +
    text.slice(at + marker.length)
  );
}

/** The port inventory with the other vendors' servers moved out of the shared server room. */
function withoutSecondVendor(text: string): string {
  let out = text;
  for (const id of ['server-smiths-1', 'server-rapiscan-1']) {
    const start = out.indexOf(`  - id: ${id}\n`);
    expect(start).toBeGreaterThan(0);
    const end = out.indexOf('\n  - id:', start + 5);
    const block = out.slice(start, end);
    expect(block).toMatch(/\n {4}room: mv-server-room[^\n]*/);
    out = out.slice(0, start) + block.replace(/\n {4}room: mv-server-room[^\n]*/, '') + out.slice(end);
  }
  return out;
}

function diffJson(args: string[], cwd: string) {
  const r = cli(['diff', ...args, '--today', TODAY, '-f', 'json'], { cwd });
  const report = r.stdout ? JSON.parse(r.stdout) : undefined;
  return { ...r, report };
}

describe('seglint diff', () => {
  it('adding a mobile uplink in the closed zone shows one new finding and exits 1', () => {
    const dir = tempDir({ 'base.yaml': PORT, 'head.yaml': withMobileUplink(PORT) });
    const r = diffJson(['--base', 'base.yaml', 'head.yaml'], dir);
    expect(r.status, r.stderr).toBe(1);
    expect(reportErrors(r.report)).toEqual([]);
    const added = r.report.findings.filter((f: { baselineState: string }) => f.baselineState === 'new');
    expect(added.map((f: { ruleId: string; entity: { id: string } }) => `${f.ruleId} ${f.entity.id}`)).toEqual([
      'mobile-uplink-in-closed-zone link-extra-mobile',
    ]);
    expect(r.report.summary.diff.new).toBe(1);
    expect(r.report.summary.diff.resolved).toBe(0);
  });

  it('moving the second vendor out of the shared room shows it resolved and exits 0', () => {
    const dir = tempDir({ 'base.yaml': PORT, 'head.yaml': withoutSecondVendor(PORT) });
    const r = diffJson(['--base', 'base.yaml', 'head.yaml'], dir);
    expect(r.status, r.stderr).toBe(0);
    const resolved = r.report.findings.filter((f: { baselineState: string }) => f.baselineState === 'absent');
    expect(resolved.map((f: { ruleId: string; entity: { id: string } }) => `${f.ruleId} ${f.entity.id}`)).toContain(
      'shared-room-multi-vendor mv-server-room',
    );
    expect(r.report.findings.filter((f: { baselineState: string }) => f.baselineState === 'new')).toEqual([]);
  });

  it('counts only the findings that stand: resolved ones are in summary.diff alone, and left out of SARIF unless --include-resolved', async () => {
    const dir = tempDir({ 'base.yaml': PORT, 'head.yaml': withoutSecondVendor(PORT) });
    const args = ['diff', '--base', 'base.yaml', 'head.yaml', '--today', TODAY];
    const json = await run([...args, '-f', 'json'], { cwd: dir });
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(reportErrors(report)).toEqual([]);
    type F = { baselineState: string; severity: string; ruleId: string };
    const standing = (report.findings as F[]).filter((f) => f.baselineState !== 'absent');
    expect(report.summary.diff.resolved).toBeGreaterThan(0);
    expect(report.summary.total).toBe(standing.length);
    expect(Object.values(report.summary.bySeverity as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      standing.length,
    );
    expect(report.summary.bySeverity.critical).toBe(standing.filter((f) => f.severity === 'critical').length);
    const sarifOf = async (extra: string[]) =>
      JSON.parse((await run([...args, '-f', 'sarif', ...extra], { cwd: dir })).stdout).runs[0].results as {
        baselineState?: string;
        ruleId: string;
      }[];
    const plain = await sarifOf([]);
    expect(plain.filter((r) => r.baselineState === 'absent')).toEqual([]);
    expect(plain).toHaveLength(standing.length);
    const withResolved = await sarifOf(['--include-resolved']);
    expect(withResolved.filter((r) => r.baselineState === 'absent').map((r) => r.ruleId)).toContain(
      'shared-room-multi-vendor',
    );
    expect(withResolved).toHaveLength(report.findings.length);
  });

  it('reads the base from git with --base HEAD', () => {
    const dir = tempDir({ 'port.yaml': PORT });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'add', 'port.yaml');
    git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-qm', 'base');
    writeFileSync(path.join(dir, 'port.yaml'), withMobileUplink(PORT));
    const added = diffJson(['--base', 'HEAD', 'port.yaml'], dir);
    expect(added.status, added.stderr).toBe(1);
    expect(added.report.summary.diff).toMatchObject({ new: 1, resolved: 0 });
    writeFileSync(path.join(dir, 'port.yaml'), withoutSecondVendor(PORT));
    const removed = diffJson(['--base', 'HEAD', 'port.yaml'], dir);
    expect(removed.status, removed.stderr).toBe(0);
    expect(
      removed.report.findings.some(
        (f: { baselineState: string; ruleId: string }) =>
          f.baselineState === 'absent' && f.ruleId === 'shared-room-multi-vendor',
      ),
    ).toBe(true);
    // text output names the counts
    const text = cli(['diff', '--base', 'HEAD', 'port.yaml', '--today', TODAY], { cwd: dir });
    expect(text.stdout).toMatch(/Compared with the base: 0 new, \d+ unchanged, \d+ resolved/);
  });

  it('an unknown base is a usage error', () => {
    const dir = tempDir({ 'port.yaml': PORT });
    const r = cli(['diff', '--base', 'no-such-ref', 'port.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--base "no-such-ref" is neither an inventory path nor a git revision');
  });
});

describe('baselines', () => {
  it('--write-baseline then --baseline hides known findings and survives reformatting', () => {
    const dir = tempDir({ 'port.yaml': PORT });
    const w = cli(['check', 'port.yaml', '--today', TODAY, '--write-baseline', 'baseline.json'], { cwd: dir });
    expect(w.status).toBe(1);
    const base = JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
    expect(base.seglintBaseline).toBe(1);
    expect(base.findings.length).toBeGreaterThan(0);
    // reformat: strip comments and blank lines, shifting every line number
    writeFileSync(
      path.join(dir, 'port.yaml'),
      '\n\n' +
        PORT.split('\n')
          .filter((l) => !/^\s*#/.test(l) && l.trim())
          .join('\n') +
        '\n',
    );
    const again = cli(['check', 'port.yaml', '--today', TODAY, '--baseline', 'baseline.json', '-f', 'json'], {
      cwd: dir,
    });
    expect(again.status).toBe(0);
    const rep = JSON.parse(again.stdout);
    expect(rep.findings).toEqual([]);
    expect(rep.summary.baselined).toBe(base.findings.length);
    // a new problem still shows
    copyFileSync(path.join(dir, 'port.yaml'), path.join(dir, 'orig.yaml'));
    writeFileSync(path.join(dir, 'port.yaml'), withMobileUplink(readFileSync(path.join(dir, 'orig.yaml'), 'utf8')));
    const more = cli(['check', 'port.yaml', '--today', TODAY, '--baseline', 'baseline.json', '-f', 'json'], {
      cwd: dir,
    });
    expect(more.status).toBe(1);
    expect(JSON.parse(more.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      'mobile-uplink-in-closed-zone',
    ]);
  });
});
