/**
 * The rule test runner (`seglint test-rules`): the extended case format (message ids, data,
 * lines of a text inventory, params, config, waivers, gating) and the checks ESLint's
 * RuleTester makes, each shown failing on a bad test file: exact findings, unique names, no
 * duplicate inputs, every message id tested, only declared message ids, lines only on text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRuleTests } from '../../src/check/test-runner.js';
import { InputError } from '../../src/source/errors.js';
import { cli, ROOT, tempDir, yaml } from '../helpers.js';

const WIFI = readFileSync(path.join(ROOT, 'tests/fixtures/user-rules/good/acme-no-wifi.yaml'), 'utf8');

/** The wifi rule with its message under an id of its own. */
const WIFI_IDS = WIFI.replace('message: "link {{id}} uses {{medium}}"', 'messages:\n  wireless: "link {{id}} uses {{medium}}"');

const INV = yaml`
  seglint: 1
  assets:
    - { id: a, kind: plc }
    - { id: b, kind: hmi }
  links:
    - { id: l1, from: a, to: b, medium: wifi }
    - { id: l2, from: a, to: b, medium: ethernet }
`;

/** Indents text to sit under a `key: |`; interpolated at column 0 of a yaml`` template indented by 6, it lands at 6. */
const block = (text: string, indent: number) => text.trimEnd().split('\n').map((l) => ' '.repeat(indent) + l).join('\n');

function run(test: string, rule = WIFI): ReturnType<typeof runRuleTests> {
  const dir = tempDir({ 'acme-no-wifi.yaml': rule, 'acme-no-wifi.test.yaml': test });
  return runRuleTests('.', dir);
}

/** The diagnostics of a bad test file: [code, line]. */
function badFile(test: string, rule = WIFI): [string, number | undefined][] {
  try {
    run(test, rule);
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d) => [d.code, d.location?.line]);
    throw err;
  }
  throw new Error('expected a bad test file');
}

describe('seglint test-rules: the case format', () => {
  it('matches message id, data, line and column in a text inventory (line 1 is its first line)', () => {
    const { results } = run(yaml`
      cases:
        - name: wifi at its line
          inventory: |
${block(INV, 12)}
          expect:
            - { entity: l1, type: link, messageId: acme-no-wifi, data: { medium: wifi, id: l1 }, line: 6, column: 5 }
    `);
    expect(results.map((r) => [r.rule, r.name, r.passed, r.problems])).toEqual([['acme-no-wifi', 'wifi at its line', true, []]]);
  });

  it('reports each part of an expectation that does not hold, at its line in the test file', () => {
    const { results } = run(yaml`
      rule: acme-no-wifi
      cases:
        - name: wrong line
          inventory: |
${block(INV, 12)}
          expect:
            - { entity: l1, line: 7 }
        - name: wrong data
          today: 2026-01-01
          inventory: |
${block(INV, 12)}
          expect:
            - { entity: l1, data: { medium: ethernet } }
        - name: wrong message id
          today: 2026-01-02
          inventory: |
${block(INV, 12)}
          expect:
            - { entity: l1, messageId: acme-no-wifi }
            - { entity: l2, messageId: acme-no-wifi }
    `);
    expect(results.map((r) => [r.name, r.passed])).toEqual([
      ['wrong line', false],
      ['wrong data', false],
      ['wrong message id', false],
    ]);
    expect(results[0]!.problems).toEqual([expect.stringMatching(/^acme-no-wifi\.test\.yaml:13: expected a finding on "l1" at 7:\*, got one with message id "acme-no-wifi", data .*, at inventory\.yaml:6:5: link l1 uses wifi$/)]);
    expect(results[1]!.problems[0]).toMatch(/expected a finding on "l1" with data \{"medium":"ethernet"\}, got one/);
    expect(results[2]!.problems).toEqual([expect.stringMatching(/:38: expected a finding on "l2" with message id "acme-no-wifi", got none$/)]);
  });

  it('compares findings exactly: a finding nobody expected fails the case', () => {
    const { results } = run(yaml`
      cases:
        - name: forgets one
          params: { media: [wifi, ethernet] }
          inventory: |
${block(INV, 12)}
          expect:
            - { entity: l1 }
    `);
    expect(results[0]!.passed).toBe(false);
    expect(results[0]!.problems).toEqual([expect.stringMatching(/:12: unexpected finding on link "l2": link l2 uses ethernet \(message id acme-no-wifi, at inventory\.yaml:7:5\)$/)]);
  });

  it('matches as a multiset, in any order', () => {
    const { results } = run(yaml`
      cases:
        - name: both links, in the other order
          params: { media: [wifi, ethernet] }
          inventory: |
${block(INV, 12)}
          expect:
            - { entity: l2 }
            - { entity: l1, data: { medium: wifi } }
    `);
    expect(results[0]!.problems).toEqual([]);
  });

  it('sets params through the configuration, so a case may tune any parameter; config and withRules and noWaivers too', () => {
    const waived = INV + 'waivers:\n  - { rule: acme-no-wifi, target: l1, reason: r, expires: 2099-01-01 }\n';
    const { results } = run(yaml`
      today: 2026-01-01
      cases:
        - name: params
          params: { media: [ethernet] }
          inventory: |
${block(INV, 12)}
          expect: [{ entity: l2 }]
        - name: config
          config: { rules: { acme-no-wifi: { params: { media: [ethernet, wifi] } } } }
          inventory: |
${block(INV, 12)}
          expect: [{ entity: l1 }, { entity: l2 }]
        - name: a waived finding is still a finding of the rule
          inventory: |
${block(waived, 12)}
          expect: [{ entity: l1 }]
        - name: waiver-unused runs with the rule its waiver is about
          withRules: [waiver-unused]
          inventory: |
${block(waived.replace('target: l1', 'target: l9'), 12)}
          expect: [{ entity: l1 }]
    `);
    expect(results.map((r) => [r.name, r.problems])).toEqual([
      ['params', []],
      ['config', []],
      ['a waived finding is still a finding of the rule', []],
      ['waiver-unused runs with the rule its waiver is about', []],
    ]);
  });

  it('runs a case in gating mode against a base inventory', () => {
    const dir = tempDir({
      'policy-weakened.test.yaml': yaml`
        rule: policy-weakened
        today: 2026-01-01
        cases:
          - name: the head drops a forbidden flow
            base: { seglint: 1, policy: { forbiddenFlows: [{ from: a, to: b }] }, zones: [{ id: a, trust: closed }, { id: b, trust: internal }] }
            inventory: { seglint: 1, zones: [{ id: a, trust: closed }, { id: b, trust: internal }] }
            expect: [{ entity: "inventory:forbiddenFlows.a->b", type: policy-change, messageId: policy-weakened }]
          - name: outside gating mode, nothing
            inventory: { seglint: 1, zones: [{ id: a, trust: closed }, { id: b, trust: internal }] }
            expect: []
      `,
    });
    // the built-in pack, found by its directory (no duplicate rule ids: it is loaded once)
    const copy = runRuleTests(dir, dir);
    expect(copy.results.map((r) => [r.name, r.passed, r.problems])).toEqual([
      ['the head drops a forbidden flow', true, []],
      ['outside gating mode, nothing', true, []],
    ]);
  });

  it('finds the built-in pack by its directory and loads it once', () => {
    expect(() => runRuleTests('rules', ROOT)).not.toThrow();
  });
});

describe('seglint test-rules: what RuleTester checks', () => {
  const CASE = (name: string, extra = '') => yaml`
    - name: ${name}
      inventory: { seglint: 1, assets: [{ id: a, kind: plc }, { id: b, kind: hmi }], links: [{ id: l1, from: a, to: b, medium: wifi }] }${extra}
      expect: [{ entity: l1 }]
  `;
  const file = (...cases: string[]) => 'cases:\n' + cases.map((c) => block(c, 2)).join('\n') + '\n';

  it('refuses two cases with one name', () => {
    expect(badFile(file(CASE('same'), CASE('same', '\n      today: 2026-01-01')))).toEqual([['test-duplicate-name', 5]]);
  });

  it('refuses two cases that run the same input', () => {
    expect(badFile(file(CASE('one'), CASE('two')))).toEqual([['test-duplicate-case', 5]]);
  });

  it('refuses an expected message id the rule does not declare', () => {
    expect(badFile(file(CASE('one').replace('{ entity: l1 }', '{ entity: l1, messageId: wireless }')))).toEqual([['test-unknown-message-id', 4]]);
  });

  it('refuses a line on a mapping inventory (lines are those of a text inventory)', () => {
    expect(badFile(file(CASE('one').replace('{ entity: l1 }', '{ entity: l1, line: 3 }')))).toEqual([['test-line-needs-text', 4]]);
  });

  it('refuses a test file for a rule that is not there, and files outside the case', () => {
    expect(badFile('rule: acme-nothing\n' + file(CASE('one')))).toEqual([['unknown-rule', 1]]);
    expect(badFile(file(CASE('one', '\n      files: { ../x.yaml: "" }')))).toEqual([['test-file-path', 4]]);
  });

  it('fails a file in which no case expects one of the message ids', () => {
    const { results } = run(file(CASE('one').replace('medium: wifi', 'medium: ethernet').replace('[{ entity: l1 }]', '[]')), WIFI_IDS);
    expect(results.map((r) => [r.name, r.passed, r.problems])).toEqual([
      ['one', true, []],
      ['every message id is tested', false, ['acme-no-wifi.test.yaml:1: no case expects a finding with message id "wireless"']],
    ]);
    // and passes once a case does
    expect(run(file(CASE('one')), WIFI_IDS).results.map((r) => r.passed)).toEqual([true]);
  });

  it('exits 1 on a failed case and 2 on a bad test file, with file:line', () => {
    const failing = tempDir({ 'acme-no-wifi.yaml': WIFI, 'acme-no-wifi.test.yaml': file(CASE('one').replace('[{ entity: l1 }]', '[]')) });
    expect(cli(['test-rules', failing]).status).toBe(1);
    const bad = tempDir({ 'acme-no-wifi.yaml': WIFI, 'acme-no-wifi.test.yaml': file(CASE('one'), CASE('one', '\n      noWaivers: true')) });
    const r = cli(['test-rules', '.'], { cwd: bad });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^acme-no-wifi\.test\.yaml:5:\d+ error: case name "one" is used twice \(first at line 2\)/);
  });
});
