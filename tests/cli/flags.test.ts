/** --quiet, --max-findings, --skip-rule and --color / --no-color on check, report and diff. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/findings/report.js';
import { severityRank } from '../../src/findings/types.js';
import { ROOT, run, tempDir, TODAY } from '../helpers.js';

const PORT = 'inventories/port-of-rotterdam.yaml';
const base = ['check', PORT, '--today', TODAY, '-f', 'json'];
const json = (stdout: string) => JSON.parse(stdout) as Report;
const high = severityRank('high');

describe('--quiet', () => {
  it('reports only findings at or above the threshold, in the findings and the counts; the exit code is unchanged', async () => {
    const all = await run([...base, '--fail-on', 'high']);
    const quiet = await run([...base, '--fail-on', 'high', '--quiet']);
    const full = json(all.stdout);
    const shown = json(quiet.stdout);
    expect(full.findings.some((f) => severityRank(f.severity) < high)).toBe(true);
    const expected = full.findings.filter((f) => severityRank(f.severity) >= high);
    expect(shown.findings.map((f) => f.fingerprint)).toEqual(expected.map((f) => f.fingerprint));
    expect(shown.summary.total).toBe(expected.length);
    expect(shown.summary.failing).toBe(full.summary.failing);
    expect(quiet.status).toBe(all.status);
  });

  it('applies to text and to the other formats too', async () => {
    const sarif = await run(['check', PORT, '--today', TODAY, '-f', 'sarif', '--fail-on', 'critical', '--quiet']);
    const levels = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] }).runs[0]!.results;
    const full = json((await run([...base, '--fail-on', 'critical'])).stdout);
    expect(levels.length).toBe(full.findings.filter((f) => f.severity === 'critical').length);
    const critical = new Set(full.findings.filter((f) => f.severity === 'critical').map((f) => f.ruleId));
    const below = full.findings.find((f) => !critical.has(f.ruleId))!.ruleId;
    const args = ['check', PORT, '--today', TODAY, '--fail-on', 'critical'];
    expect((await run(args)).stdout).toContain(below);
    expect((await run([...args, '--quiet'])).stdout).not.toContain(below);
  });

  it('with --fail-on none shows no findings and exits 0', async () => {
    const r = await run([...base, '--fail-on', 'none', '--quiet']);
    expect(r.status).toBe(0);
    expect(json(r.stdout).findings).toEqual([]);
  });
});

describe('--max-findings', () => {
  it('fails only when more than N findings at or above the threshold stand', async () => {
    const failing = json((await run([...base, '--fail-on', 'high'])).stdout).summary.failing;
    expect(failing).toBeGreaterThan(1);
    expect((await run([...base, '--fail-on', 'high', '--max-findings', String(failing)])).status).toBe(0);
    expect((await run([...base, '--fail-on', 'high', '--max-findings', String(failing - 1)])).status).toBe(1);
    expect((await run([...base, '--fail-on', 'high', '--max-findings', '0'])).status).toBe(1);
  });

  it('applies to report --exit-code', async () => {
    const args = ['report', PORT, '--today', TODAY, '-f', 'json', '--fail-on', 'high', '--exit-code'];
    const failing = json((await run(args)).stdout).summary.failing;
    expect((await run([...args, '--max-findings', String(failing)])).status).toBe(0);
    expect((await run([...args, '--max-findings', String(failing - 1)])).status).toBe(1);
  });

  it.each([['x'], ['-1'], ['1.5'], ['']])('rejects %j as a usage error', async (v) => {
    const r = await run([...base, `--max-findings=${v}`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--max-findings');
  });
});

describe('--skip-rule', () => {
  it('does not run the rule, and may repeat', async () => {
    const r = await run([...base, '--skip-rule', 'state-ownership', '--skip-rule', 'asset-without-owner']);
    const report = json(r.stdout);
    const ids = report.rules.map((x) => x.id);
    expect(ids).not.toContain('state-ownership');
    expect(ids).not.toContain('asset-without-owner');
    expect(ids.length).toBeGreaterThan(2);
    expect(report.findings.some((f) => f.ruleId === 'state-ownership' || f.ruleId === 'asset-without-owner')).toBe(
      false,
    );
  });

  it('with --rule: the rules named there, less the skipped ones', async () => {
    const r = await run([
      ...base,
      '--rule',
      'state-ownership',
      '--rule',
      'orphan-asset',
      '--skip-rule',
      'orphan-asset',
    ]);
    expect(json(r.stdout).rules.map((x) => x.id)).toEqual(['state-ownership']);
  });

  it('an unknown id is a usage error with a suggestion', async () => {
    const r = await run([...base, '--skip-rule', 'state-ownershp']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did you mean "state-ownership"');
  });

  it('is refused when gating: check --policy-from and diff (whose policy comes from its base)', async () => {
    const dir = tempDir({ 'inv.yaml': readFileSync(path.join(ROOT, PORT), 'utf8') });
    writeFileSync(path.join(dir, 'base.yaml'), readFileSync(path.join(ROOT, PORT), 'utf8'));
    const gated = [
      ['check', 'inv.yaml', '--policy-from', 'base.yaml'],
      ['diff', '--base', 'base.yaml', 'inv.yaml'],
    ];
    for (const args of gated) {
      const r = await run([...args, '--today', TODAY, '--skip-rule', 'state-ownership'], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--skip-rule');
      expect(r.stdout).toBe('');
    }
    const self = await run(
      ['diff', '--base', 'base.yaml', 'inv.yaml', '--policy-from', 'self', '--today', TODAY, '-f', 'json'],
      { cwd: dir },
    );
    const skipped = await run(
      [
        'diff',
        '--base',
        'base.yaml',
        'inv.yaml',
        '--policy-from',
        'self',
        '--today',
        TODAY,
        '-f',
        'json',
        '--skip-rule',
        'state-ownership',
      ],
      { cwd: dir },
    );
    expect(skipped.status).toBe(self.status);
    expect(json(skipped.stdout).rules.map((x) => x.id)).not.toContain('state-ownership');
  });
});

describe('--color / --no-color', () => {
  const ESC = /\u001b\[/;
  const text = ['check', PORT, '--today', TODAY];
  it('--color colours output that is not a terminal, over NO_COLOR', async () => {
    expect((await run(text, { env: { NO_COLOR: '1' } })).stdout).not.toMatch(ESC);
    expect((await run([...text, '--color'], { env: { NO_COLOR: '1' } })).stdout).toMatch(ESC);
  });
  it('--no-color wins over FORCE_COLOR', async () => {
    expect((await run(text, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).toMatch(ESC);
    expect((await run([...text, '--no-color'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })).stdout).not.toMatch(
      ESC,
    );
  });
  it('is a switch', async () => {
    expect((await run([...text, '--color=maybe'])).status).toBe(2);
  });
});
