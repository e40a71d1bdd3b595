import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitlab, GITLAB_SEVERITY } from '../../src/formatters/gitlab.js';
import { FORMATTERS } from '../../src/formatters/index.js';
import { hasUnsafe } from '../../src/base/sanitize.js';
import { ROOT, run, tempDir, TODAY } from '../helpers.js';
import { readFileSync } from 'node:fs';
import { HOSTILE, open, realisticReport, syntheticReport } from './support.js';

const SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

/** Every issue has exactly the fields GitLab reads (and Code Climate's type and categories), with their types. */
function expectIssues(json: string): Record<string, any>[] {
  const doc: unknown = JSON.parse(json);
  expect(Array.isArray(doc)).toBe(true);
  for (const i of doc as Record<string, any>[]) {
    expect(Object.keys(i).sort()).toEqual(
      ['categories', 'check_name', 'description', 'fingerprint', 'location', 'severity', 'type'].sort(),
    );
    expect(i.type).toBe('issue');
    expect(typeof i.description).toBe('string');
    expect(i.description.length).toBeGreaterThan(0);
    expect(typeof i.check_name).toBe('string');
    expect(i.fingerprint).toMatch(/^\S+$/);
    expect(SEVERITIES).toContain(i.severity);
    expect(i.categories).toEqual(['Security']);
    expect(Object.keys(i.location).sort()).toEqual(['lines', 'path']);
    expect(typeof i.location.path).toBe('string');
    expect(Object.keys(i.location.lines)).toEqual(['begin']);
    expect(Number.isInteger(i.location.lines.begin)).toBe(true);
    expect(i.location.lines.begin).toBeGreaterThanOrEqual(1);
  }
  return doc as Record<string, any>[];
}

describe('gitlab formatter', () => {
  it('is registered, and its output has no raw unsafe character', () => {
    const { report, ctx } = syntheticReport();
    const out = FORMATTERS.get('gitlab')!(report, ctx);
    expect(hasUnsafe(out.replace(/\n/g, ''))).toBe(false);
    expect(JSON.parse(out)).toEqual(JSON.parse(gitlab(report, ctx)));
  });

  it('writes one issue per finding that stands, with its rule, fingerprint, file and line (example inventory)', () => {
    const { report, ctx } = realisticReport();
    const issues = expectIssues(gitlab(report, ctx));
    const standing = report.findings.filter(open);
    expect(standing.length).toBeGreaterThan(0);
    expect(issues).toHaveLength(standing.length);
    expect(issues.map((i) => i.fingerprint)).toEqual(standing.map((f) => f.fingerprint));
    issues.forEach((i, n) => {
      const f = standing[n]!;
      expect(i.check_name).toBe(f.ruleId);
      expect(i.location).toEqual({ path: f.location.file, lines: { begin: f.location.line } });
      expect(i.severity).toBe(GITLAB_SEVERITY[f.severity]);
      expect(i.description).toContain(f.message);
    });
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('maps severities, leaves out waived, baselined and resolved findings, is deterministic', () => {
    const { report, ctx } = syntheticReport();
    report.findings.push({
      ...structuredClone(report.findings[1]!),
      baselineState: 'absent',
      fingerprint: 'e'.repeat(32),
    });
    const out = FORMATTERS.get('gitlab')!(report, ctx);
    const issues = expectIssues(out);
    expect(issues.map((i) => [i.check_name, i.severity])).toEqual([
      ['note-only', 'info'],
      ['zone-reach', 'blocker'],
      ['state-owned', 'critical'],
      ['multi-vendor-room', 'major'], // expired waiver: still reported (files in order: 'inv/odd name, 100%.yaml' first)
      ['old-audit', 'minor'],
    ]);
    expect(issues[3]!.description).toContain('waiver w-2 expired on 2021-12-31');
    expect(issues[1]!.description).toContain('(new)');
    const shuffled = structuredClone(report);
    shuffled.findings.reverse();
    expect(FORMATTERS.get('gitlab')!(shuffled, ctx)).toBe(out);
    expect(GITLAB_SEVERITY).toEqual({
      critical: 'blocker',
      high: 'critical',
      medium: 'major',
      low: 'minor',
      info: 'info',
    });
  });

  it('keeps hostile text as data: exact path, visible one-line description', () => {
    const { report, ctx } = syntheticReport();
    report.findings[5]!.location.file = 'inv\\odd\u202e name.yaml';
    const out = FORMATTERS.get('gitlab')!(report, ctx);
    expect(hasUnsafe(out.replace(/\n/g, ''))).toBe(false);
    const hostile = expectIssues(out).find((i) => i.check_name === 'note-only')!;
    expect(hostile.location.path).toBe('inv/odd\u202e name.yaml');
    expect(hostile.description).not.toMatch(/[\n\r]/);
    expect(hostile.description).toContain('<script>alert("x")</script>');
    expect(hostile.description).toContain('\\u000a');
    expect(HOSTILE).toContain('\n');
  });

  it('is written by check -f gitlab -o x.json (the extension accepts it)', async () => {
    const dir = tempDir();
    const r = await run(
      [
        'check',
        path.join(ROOT, 'inventories/port-of-rotterdam.yaml'),
        '--today',
        TODAY,
        '-f',
        'gitlab',
        '-o',
        'gl-code-quality.json',
      ],
      { cwd: dir },
    );
    expect(r.stderr).not.toMatch(/error/);
    expect([0, 1]).toContain(r.status);
    const issues = expectIssues(readFileSync(path.join(dir, 'gl-code-quality.json'), 'utf8'));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.location.path).toMatch(/port-of-rotterdam\.yaml$/);
  });
});
