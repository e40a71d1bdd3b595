/**
 * docs/rules/README.md, the rule language reference, stays in step with the code: its tables
 * of computed attributes and of functions are generated from src/ (see docs-tables.ts).
 * Run `UPDATE_DOCS=1 npx vitest run tests/rules/docs-readme.test.ts` after changing them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../src/source/schema.js';
import { OPERATORS } from '../../src/rules/conditions.js';
import { lineOf, runRule, tempDir, yaml } from '../helpers.js';
import { GENERATORS, README, section, updateSection } from './docs-tables.js';

describe('docs/rules/README.md', () => {
  for (const name of ['computed-attributes', 'functions']) {
    it(`has an up-to-date generated "${name}" section`, () => {
      if (process.env.UPDATE_DOCS) updateSection(name);
      const md = readFileSync(README, 'utf8');
      expect(section(md, name), `section ${name} (run with UPDATE_DOCS=1 to regenerate)`).toBe(GENERATORS[name]!());
    });
  }

  it('documents every field of the rule schema and every operator', () => {
    const md = readFileSync(README, 'utf8');
    const schema = loadSchema('rule') as { properties: Record<string, unknown>; definitions: Record<string, { properties?: Record<string, unknown> }> };
    const fields = [
      ...Object.keys(schema.properties),
      ...Object.keys(schema.definitions.selection!.properties!),
      ...Object.keys(schema.definitions.condition!.properties!),
      'default',
      'description',
      'source',
      'url',
    ];
    for (const f of fields) expect(md, `field ${f}`).toContain(`\`${f}\``);
    for (const op of OPERATORS) expect(md, `operator ${op}`).toContain(`\`${op}\``);
  });

  it('has a complete user rule example that loads and finds what it says', () => {
    const md = readFileSync(README, 'utf8');
    const at = md.indexOf('\n## A complete user rule\n');
    const block = md.slice(at).match(/```yaml\n([\s\S]*?)```/)![1]!;
    const id = block.match(/^id: (.+)$/m)![1]!;
    const dir = tempDir({ [`${id}.yaml`]: block });
    const inv = yaml`
      seglint: 1
      zones:
        - { id: ot, trust: restricted }
        - { id: office, trust: internal }
      assets:
        - { id: plc-1, kind: plc, zone: ot }
        - { id: ap-1, kind: router, zone: office }
        - { id: laptop-1, kind: workstation, zone: office }
      links:
        - { id: l-wifi, from: plc-1, to: ap-1, medium: wifi }
        - { id: l-office, from: laptop-1, to: ap-1, medium: wifi }
    `;
    const { findings } = runRule(id, inv, { rulesDirs: [dir] });
    expect(findings.map((f) => [f.ruleId, f.entity, f.location.line])).toEqual([[id, { type: 'link', id: 'l-wifi' }, lineOf(inv, 'id: l-wifi')]]);
    expect(findings[0]!.message).toBe('wifi link l-wifi joins plc-1 (ot) to ap-1 (office); not allowed in restricted, closed zones');
  });
});
