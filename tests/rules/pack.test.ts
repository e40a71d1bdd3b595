/**
 * The built-in pack's own tests: `seglint test-rules rules/` runs every rules/<id>.test.yaml
 * through the runner users get, in-process, and every case passes. The counts are checked
 * against the files, so a case the runner skips (or a file it does not read) fails here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers.js';

interface CaseJson {
  rule: string;
  name: string;
  passed: boolean;
  problems: string[];
}

const files = readdirSync(path.join(ROOT, 'rules')).filter((f) => f.endsWith('.test.yaml'));
/** Cases per rule, as the test files state them. */
const stated = new Map(files.map((f) => [f.replace(/\.test\.yaml$/, ''), (load(readFileSync(path.join(ROOT, 'rules', f), 'utf8')) as { cases: unknown[] }).cases.length]));

describe('built-in rule pack tests (seglint test-rules rules/)', () => {
  it('runs every case of every rules/<id>.test.yaml, and every case passes', async () => {
    const r = await run(['test-rules', 'rules/', '-f', 'json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { passed: number; failed: number; cases: CaseJson[] };
    expect(out.cases.filter((c) => !c.passed).map((c) => ({ rule: c.rule, name: c.name, problems: c.problems }))).toEqual([]);
    const ran = new Map<string, number>();
    for (const c of out.cases) ran.set(c.rule, (ran.get(c.rule) ?? 0) + 1);
    expect(Object.fromEntries(ran)).toEqual(Object.fromEntries(stated));
    const total = [...stated.values()].reduce((a, b) => a + b, 0);
    expect([out.passed, out.failed]).toEqual([total, 0]);
    expect(r.status).toBe(0);
  });

  it('the text output ends with the count of cases', async () => {
    const r = await run(['test-rules', 'rules/']);
    const total = [...stated.values()].reduce((a, b) => a + b, 0);
    expect(r.stdout.trim().split('\n').pop()).toBe(`${total} passed, 0 failed`);
    expect(r.status).toBe(0);
  });
});
