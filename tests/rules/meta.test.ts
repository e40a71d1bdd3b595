/**
 * Meta-test: every built-in rule has its doc page and its test file, the pack's YAML tests
 * (rules/<id>.test.yaml) pass under the runner users get, and the examples of each doc page
 * behave: the bad one gives at least one finding of the rule, the good one none.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { FUNCTIONS } from '../../src/functions/index.js';
import { runRuleTests } from '../../src/check/test-runner.js';
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

  it('passes its own YAML tests, run as users run theirs (seglint test-rules rules/)', () => {
    const { results } = runRuleTests('rules', ROOT);
    expect(results.filter((r) => !r.passed).map((r) => [r.rule, r.name, r.problems])).toEqual([]);
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
      it('has a test file: rules/<id>.test.yaml beside it (or, until it moves there, tests/rules/<id>.test.ts)', () => {
        const yamlTest = path.join(ROOT, 'rules', `${rule.id}.test.yaml`);
        expect(existsSync(yamlTest) || existsSync(path.join(ROOT, 'tests', 'rules', `${rule.id}.test.ts`)), `${yamlTest} is missing`).toBe(true);
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
