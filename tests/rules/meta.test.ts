/**
 * Meta-test: every built-in rule has its doc page and its test file (rules/<id>.test.yaml,
 * run by tests/rules/pack.test.ts), and the examples of each doc page behave: the bad one gives
 * at least one finding of the rule, the good one none.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { FUNCTIONS } from '../../src/functions/index.js';
import { ROOT, runRule } from '../helpers.js';

const rules = loadRules({ cwd: ROOT, functions: FUNCTIONS });

/**
 * The first ```yaml block under a `## <heading>` section of a markdown page; with `info`
 * `base`, the first ```yaml base block (the base inventory of a rule that compares a change
 * with its base, such as policy-weakened).
 */
export function example(md: string, heading: string, info = ''): string | undefined {
  const at = md.indexOf(`\n## ${heading}\n`);
  if (at === -1) return undefined;
  const next = md.indexOf('\n## ', at + 4);
  const section = md.slice(at, next === -1 ? undefined : next);
  const m = section.match(new RegExp('```yaml' + (info ? ` ${info}` : '') + '\\n([\\s\\S]*?)```'));
  return m?.[1];
}

describe('built-in rule pack', () => {
  it('has rules, and every rule file is named after its id', () => {
    expect(rules.length).toBeGreaterThan(0);
    const files = readdirSync(path.join(ROOT, 'rules')).filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(rules.map((r) => r.id).sort()).toEqual(files.sort());
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      const doc = path.join(ROOT, 'docs', 'rules', `${rule.id}.md`);
      it('has a doc page with rationale, references, parameters, examples and when not to use it', () => {
        expect(existsSync(doc), `${doc} is missing`).toBe(true);
        const md = readFileSync(doc, 'utf8');
        for (const h of ['Rationale', 'References', 'Parameters', 'Bad example', 'Good example', 'When not to use it']) {
          expect(md, `section "## ${h}" in ${doc}`).toContain(`\n## ${h}\n`);
        }
        for (const p of Object.keys(rule.params)) expect(md, `parameter ${p} documented`).toContain(`\`${p}\``);
      });
      it('has a test file beside it, rules/<id>.test.yaml, for that rule', () => {
        const file = path.join(ROOT, 'rules', `${rule.id}.test.yaml`);
        expect(existsSync(file), `${file} is missing`).toBe(true);
        expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`^rule: ${rule.id}$`, 'm'));
      });
      it("doc page's bad example gives a finding, the good one none", () => {
        const md = readFileSync(doc, 'utf8');
        const bad = example(md, 'Bad example');
        const good = example(md, 'Good example');
        expect(bad, 'bad example').toBeDefined();
        expect(good, 'good example').toBeDefined();
        // a ```yaml base block before the example: the example runs in gating mode against it
        expect(runRule(rule.id, bad!, { base: example(md, 'Bad example', 'base') }).findings.filter((f) => f.ruleId === rule.id).length).toBeGreaterThan(0);
        expect(runRule(rule.id, good!, { base: example(md, 'Good example', 'base') }).findings).toEqual([]);
      });
    });
  }
});
