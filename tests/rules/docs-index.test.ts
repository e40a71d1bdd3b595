/**
 * The index of built-in rules in docs/rules/README.md lists exactly the rules in rules/, with
 * their current severity, category and title. Run
 * `UPDATE_DOCS=1 npx vitest run tests/rules/docs-index.test.ts` to regenerate it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { README, rulesIndexTable, section, updateSection } from './docs-tables.js';

describe('rule index in docs/rules/README.md', () => {
  if (process.env.UPDATE_DOCS) updateSection('rules-index');
  const md = readFileSync(README, 'utf8');
  const index = section(md, 'rules-index');

  it('lists exactly the rules in rules/', () => {
    expect(index, 'generated:rules-index markers').toBeDefined();
    const listed = [...index!.matchAll(/^\| \[([a-z0-9-]+)\]\(\1\.md\) \|/gm)].map((m) => m[1]);
    const files = readdirSync(path.join(ROOT, 'rules'))
      .filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''))
      .sort();
    expect(listed).toEqual(files);
  });

  it('shows each rule with its current severity, category and title', () => {
    expect(index, 'run with UPDATE_DOCS=1 to regenerate').toBe(rulesIndexTable());
  });
});
