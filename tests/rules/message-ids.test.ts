/**
 * Message ids: a rule declares `messages: {id: template}` (or `message:`, short for one under
 * the rule's id); a function names the id of each result's message, from its `messageIds`.
 * Checked when the rule loads; the engine renders the named template. The function registry
 * is passed in, so a test registry shows a function with two message ids.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleFile } from '../../src/rules/load.js';
import { runRules } from '../../src/rules/engine.js';
import type { FunctionRegistry, RuleFunction } from '../../src/rules/function.js';
import { loadInventory } from '../../src/inventory/load.js';
import { buildModel } from '../../src/graph/model.js';
import { tempDir, yaml } from '../helpers.js';

/** Reports each selected asset: message "plc" for PLCs, "other" for the rest. */
const kinds: RuleFunction<object> = {
  name: 'by-kind',
  description: 'test function',
  appliesTo: ['asset'],
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  dataKeys: ['kind'],
  messageIds: ['plc', 'other'],
  run: (selected) => selected.map((e) => {
    const kind = (e.obj as { kind: string }).kind;
    return { entity: { type: e.type, id: e.id }, messageId: kind === 'plc' ? 'plc' : 'other', data: { kind }, evidence: {} };
  }),
};
const FUNCTIONS: FunctionRegistry = new Map([[kinds.name, kinds]]);

const HEAD = yaml`
  id: acme-kinds
  title: t
  severity: low
  category: inventory
  rationale: r
  remediation: r
  select: { type: asset }
`;

function load(body: string) {
  const dir = tempDir({ 'acme-kinds.yaml': HEAD + body });
  return loadRuleFile(path.join(dir, 'acme-kinds.yaml'), dir, false, FUNCTIONS);
}
const problems = (body: string) => load(body).diagnostics.map((d) => [d.code, d.location?.line, d.data?.messageId]);

describe('message ids', () => {
  it('loads a rule with a message for each id its function names, and renders the one a result names', () => {
    const { rule, diagnostics } = load('check: { function: by-kind }\nmessages:\n  plc: "PLC {{id}}"\n  other: "{{kind}} {{id}}"\n');
    expect(diagnostics).toEqual([]);
    expect(rule!.messages).toEqual({ plc: 'PLC {{id}}', other: '{{kind}} {{id}}' });
    const dir = tempDir({ 'inv.yaml': 'seglint: 1\nassets:\n  - { id: p1, kind: plc }\n  - { id: s1, kind: switch }\n' });
    const load2 = loadInventory(['inv.yaml'], { cwd: dir });
    const { findings } = runRules(buildModel(load2.inventory, load2.positions), [rule!], { today: '2026-01-01', functions: FUNCTIONS });
    expect(findings.map((f) => [f.entity.id, f.messageId, f.message, f.data.kind])).toEqual([
      ['p1', 'plc', 'PLC p1', 'plc'],
      ['s1', 'other', 'switch s1', 'switch'],
    ]);
  });

  it('refuses a rule that lacks a message the function names, or declares one it never names', () => {
    expect(problems('check: { function: by-kind }\nmessages:\n  plc: "PLC {{id}}"\n')).toEqual([['rule-message-id', 10, 'other']]);
    expect(problems('check: { function: by-kind }\nmessages:\n  plc: p\n  other: o\n  gone: g\n')).toEqual([['rule-message-id', 12, 'gone']]);
    expect(problems('check: { function: by-kind }\nmessage: "{{id}}"\n').map((p) => p[0])).toEqual(['rule-message-id', 'rule-message-id', 'rule-message-id']);
  });

  it('gives a rule whose function names no ids exactly one message, under any id', () => {
    expect(problems('messages:\n  a: "{{id}}"\n  b: "{{id}}"\n')).toEqual([['rule-message-id', 10, undefined]]);
    const { rule, diagnostics } = load('messages:\n  no-owner: "{{id}}"\n');
    expect(diagnostics).toEqual([]);
    expect([rule!.messages, rule!.message]).toEqual([{ 'no-owner': '{{id}}' }, '{{id}}']);
  });

  it('wants message or messages, not both, not neither; checks the placeholders of each template at its line', () => {
    expect(problems('message: m\nmessages: { a: m }\n')).toEqual([['rule-message', 9, undefined]]);
    expect(problems('')).toEqual([['schema-required', 1, undefined]]);
    expect(problems('check: { function: by-kind }\nmessages:\n  plc: "{{kind}}"\n  other: "{{knd}}"\n')).toEqual([['rule-placeholder', 11, undefined]]);
  });
});
