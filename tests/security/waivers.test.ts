/**
 * Issue 9, waivers and text that compares wrong: a waiver target cannot hang a run, a broad
 * waiver cannot disarm the gate without an approver and a near expiry date, and text that
 * looks the same groups the same (and is reported).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/findings/report.js';
import { BIN, lineOf, reportErrors, run, tempDir, TODAY, yaml } from '../helpers.js';

/** Spawns the built binary with a time limit, so that a regression fails instead of hanging the test run. */
function cliWithin(
  ms: number,
  args: string[],
  cwd: string,
): { status: number | null; stdout: string; stderr: string; ms: number; timedOut: boolean } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: ms,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    ms: Date.now() - t0,
    timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT',
  };
}

const ID34 = 'a'.repeat(33) + 'b';

describe('a waiver target cannot hang the run', () => {
  it('rejects the extglob @(a+)+ at load, at its place, quickly (picomatch compiled it to a backtracking regex)', () => {
    const text = yaml`
      seglint: 1
      assets:
        - { id: ${ID34}, kind: camera }
      waivers:
        - { rule: asset-without-owner, target: "@(a+)+", reason: r, expires: 2027-01-01 }
    `;
    const dir = tempDir({ 'inv.yaml': text });
    const r = cliWithin(20_000, ['check', 'inv.yaml', '--today', TODAY], dir);
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(2);
    const line = lineOf(text, '@(a+)+');
    const col = text.split('\n')[line - 1]!.indexOf('"@(a+)+"') + 1;
    expect(r.stderr).toMatch(
      new RegExp(
        `^inv\\.yaml:${line}:${col} error: waiver has target "@\\(a\\+\\)\\+", which contains "@" at position 1; `,
        'm',
      ),
    );
    expect(r.stdout).toBe('');
  });

  it('matches a plain glob with many stars against 34-character ids in linear time', () => {
    // valid syntax, but picomatch's regex for it (lazy groups) backtracks for minutes on an id it does not match
    const target = `${'*a'.repeat(14)}*b`;
    const text = yaml`
      seglint: 1
      assets:
        - { id: ${ID34}, kind: camera }
        - { id: ${'a'.repeat(34)}, kind: camera }
      waivers:
        - { rule: asset-without-owner, target: "${target}", reason: r, approver: CISO, expires: 2027-01-01 }
    `;
    const dir = tempDir({ 'inv.yaml': text });
    const r = cliWithin(
      20_000,
      ['check', 'inv.yaml', '--today', TODAY, '--rule', 'asset-without-owner', '-f', 'json'],
      dir,
    );
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.map((f) => [f.entity.id, f.waiver?.status]).sort()).toEqual([
      ['a'.repeat(34), undefined],
      [ID34, 'active'],
    ]);
  });
});

/** A closed scanner zone; the change adds a mobile modem to the vendor's head office. */
const base = yaml`
  seglint: 1
  zones:
    - { id: scanners, trust: closed, monitoring: [ids] }
    - { id: vendor-hq, trust: external }
  organizations:
    - { id: port-authority, type: operator }
  assets:
    - { id: scanner-1, kind: scanner, zone: scanners, owner: port-authority }
    - { id: hq, kind: external-endpoint, zone: vendor-hq, owner: port-authority }
`;
const modem = `
  - { id: modem-1, kind: modem, zone: scanners }
links:
  - { id: l-scan-modem, from: scanner-1, to: modem-1, medium: ethernet }
  - { id: l-modem-hq, from: modem-1, to: hq, medium: mobile, purpose: remote-maintenance }
`;
const broadWaiver = (extra = '') =>
  `waivers:\n  - { rule: "*", target: "*", reason: temporary, expires: 9999-12-31${extra} }\n`;

async function checkJson(files: Record<string, string>): Promise<{ status: number; report: Report }> {
  const dir = tempDir(files);
  const r = await run(['check', 'inv.yaml', '--today', TODAY, '-f', 'json'], { cwd: dir });
  return { status: r.status, report: JSON.parse(r.stdout) as Report };
}
const keys = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.entity.id}`).sort();

describe('a broad waiver cannot disarm the gate of the change that adds it', () => {
  it('refuses {rule: *, target: *, expires: 9999-12-31} without an approver: exit 1, the modem findings stand, waiver-too-broad reports it', async () => {
    const before = await checkJson({ 'inv.yaml': base });
    const plain = await checkJson({ 'inv.yaml': base + modem });
    const added = keys(plain.report).filter((k) => !keys(before.report).includes(k));
    expect(added.length).toBeGreaterThanOrEqual(7);
    expect(added).toContain('mobile-uplink-in-closed-zone l-modem-hq');

    const { status, report } = await checkJson({ 'inv.yaml': base + modem + broadWaiver() });
    expect(status).toBe(1);
    expect(reportErrors(report)).toEqual([]);
    // every finding of the change is there, none waived, plus the refused waiver
    expect(keys(report)).toEqual([...keys(plain.report), 'waiver-too-broad *:*'].sort());
    expect(report.findings.filter((f) => f.waiver)).toEqual([]);
    expect(report.summary.waived).toBe(0);
    expect(report.summary.failing).toBe(report.findings.length);
    const refused = report.findings.find((f) => f.ruleId === 'waiver-too-broad')!;
    expect(refused.severity).toBe('high');
    expect(report.waivers).toEqual([
      expect.objectContaining({
        rule: '*',
        target: '*',
        status: 'refused',
        matched: plain.report.findings.length,
        refusal: ['no approver', 'expires 9999-12-31 beyond the horizon of 2027-11-29 (365 days after 2026-11-29)'],
      }),
    ]);
  });

  it('shows the refusal in every report that shows waiver status, and the findings as annotations', async () => {
    const dir = tempDir({ 'inv.yaml': base + modem + broadWaiver() });
    const text = await run(['check', 'inv.yaml', '--today', TODAY], { cwd: dir });
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(
      /^1 waiver refused \(too broad, waiving nothing\): \* on \* \(no approver; expires 9999-12-31 beyond/m,
    );
    const md = await run(['check', 'inv.yaml', '--today', TODAY, '-f', 'markdown'], { cwd: dir });
    expect(md.stdout).toMatch(
      /^\| refused: no approver; expires 9999-12-31 beyond .*\| `\*` \| `\*` \| 9999-12-31 \|/m,
    );
    const html = await run(['check', 'inv.yaml', '--today', TODAY, '-f', 'html'], { cwd: dir });
    expect(html.stdout).toContain('<span class="waiver-refused">refused: no approver; expires 9999-12-31 beyond');
    const sarif = JSON.parse(
      (await run(['check', 'inv.yaml', '--today', TODAY, '-f', 'sarif'], { cwd: dir })).stdout,
    ) as { runs: { properties: { waivers: { status: string; refusal: string[] }[] } }[] };
    expect(sarif.runs[0]!.properties.waivers.map((w) => [w.status, w.refusal[0]])).toEqual([
      ['refused', 'no approver'],
    ]);
    const gh = await run(['check', 'inv.yaml', '--today', TODAY, '-f', 'github'], { cwd: dir });
    expect(gh.stdout).toMatch(/^::error .*title=waiver-too-broad::/m);
    expect(gh.stdout).toMatch(/^::error .*title=mobile-uplink-in-closed-zone::/m);
  });

  it('lets the same waiver apply once it names an approver and ends within a year', async () => {
    const { status, report } = await checkJson({
      'inv.yaml':
        base + modem + broadWaiver(', approver: CISO, expires: 2027-06-30').replace(', expires: 9999-12-31', ''),
    });
    expect(status).toBe(0);
    expect(report.waivers.map((w) => w.status)).toEqual(['active']);
    expect(report.findings.every((f) => f.waiver?.status === 'active')).toBe(true);
  });
});

/** Seven critical cargo scanners, four of them from nuctech (57%, over the 50% limit). */
const port = (functionOf: (i: number) => string) =>
  yaml`
  seglint: 1
  organizations:
    - { id: nuctech, type: vendor }
    - { id: smiths, type: vendor }
  assets:
  ` +
  [1, 2, 3, 4, 5, 6, 7]
    .map(
      (i) =>
        `  - { id: scanner-${i}, kind: scanner, function: "${functionOf(i)}", vendor: ${i <= 4 ? 'nuctech' : 'smiths'}, criticality: critical }`,
    )
    .join('\n') +
  '\n';

async function concentration(text: string): Promise<{ status: number; report: Report }> {
  const dir = tempDir({ 'inv.yaml': text });
  const r = await run(
    [
      'check',
      'inv.yaml',
      '--today',
      TODAY,
      '--rule',
      'vendor-concentration',
      '--rule',
      'confusable-text',
      '-f',
      'json',
    ],
    { cwd: dir },
  );
  return { status: r.status, report: JSON.parse(r.stdout) as Report };
}

describe('text that looks the same groups the same', () => {
  it('keeps the vendor-concentration finding when one nuctech scanner says cargo-sсanning with a Cyrillic с, and reports the text', async () => {
    const { status, report } = await concentration(port((i) => (i === 1 ? 'cargo-sсanning' : 'cargo-scanning')));
    expect(status).toBe(1);
    const vc = report.findings.filter((f) => f.ruleId === 'vendor-concentration');
    expect(vc.map((f) => [f.entity.id, f.evidence.group, f.evidence.count, f.evidence.total])).toEqual([
      ['nuctech', 'cargo-scanning/scanner', 4, 7],
    ]);
    expect(vc[0]!.evidence.groupSpellings).toEqual(['cargo-scanning/scanner', 'cargo-sсanning/scanner']);
    const ct = report.findings.filter((f) => f.ruleId === 'confusable-text');
    expect(ct.map((f) => [f.entity.id, f.severity, f.evidence.field])).toEqual([['scanner-1', 'medium', 'function']]);
    expect(ct[0]!.evidence.issues).toEqual([
      {
        kind: 'mixed-script',
        word: 'sсanning',
        scripts: ['Cyrillic', 'Latin'],
        characters: [{ position: 8, codePoint: 'U+0441', script: 'Cyrillic' }],
      },
    ]);
  });

  it('keeps it when one says "cargo-scanning " with a trailing space, and reports the space', async () => {
    const { report } = await concentration(port((i) => (i === 2 ? 'cargo-scanning ' : 'cargo-scanning')));
    expect(
      report.findings
        .filter((f) => f.ruleId === 'vendor-concentration')
        .map((f) => [f.entity.id, f.evidence.count, f.evidence.total]),
    ).toEqual([['nuctech', 4, 7]]);
    const ct = report.findings.filter((f) => f.ruleId === 'confusable-text');
    expect(ct.map((f) => [f.entity.id, f.evidence.issues])).toEqual([
      ['scanner-2', [{ kind: 'whitespace', characters: [{ position: 15, codePoint: 'U+0020' }] }]],
    ]);
  });

  it('keeps it against a zero-width space, a fullwidth letter and a Unicode hyphen, and gives the same report whatever the order of assets', async () => {
    const spellings = ['cargo-scan\u200bning', 'ｃargo-scanning', 'cargo\u2010scanning', 'cargo-scanning'];
    const a = await concentration(port((i) => spellings[i % 4]!));
    expect(
      a.report.findings
        .filter((f) => f.ruleId === 'vendor-concentration')
        .map((f) => [f.evidence.group, f.evidence.count]),
    ).toEqual([['cargo-scanning/scanner', 4]]);
    expect(a.report.findings.filter((f) => f.ruleId === 'confusable-text').map((f) => f.entity.id)).toEqual([
      'scanner-1',
      'scanner-2',
      'scanner-4',
      'scanner-5',
      'scanner-6',
    ]);
    const text = port((i) => spellings[i % 4]!);
    const lines = text.split('\n');
    const head = lines.slice(0, 5);
    const reversed = [...head, ...lines.slice(5).filter(Boolean).reverse(), ''].join('\n');
    const b = await concentration(reversed);
    const strip = (r: Report) =>
      r.findings
        .map((f) => ({ ...f, location: undefined, related: f.related.map((x) => ({ ...x, location: undefined })) }))
        .sort((x, y) => (x.fingerprint < y.fingerprint ? -1 : 1));
    expect(strip(b.report)).toEqual(strip(a.report));
  });
});
