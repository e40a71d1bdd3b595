/**
 * waiver-too-broad as a gate on the waiver register: a refused waiver waives nothing, an
 * approved one within the horizon applies, the horizon comes from the configuration, and the
 * gate holds when the rule is off or not selected. These cases stay in TypeScript because a
 * rule test file runs its rule alone, without a configuration, and sees neither the findings
 * of the rules a waiver covers nor the register; the rule's own findings (what counts as
 * broad, a blank approver, the horizon and its parameter) are in rules/waiver-too-broad.test.yaml.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { tempDir, TODAY, yaml } from '../helpers.js';

const RULE = 'waiver-too-broad';

/** Two assets without an owner, and one waiver. */
const inv = (waiver: string, tail = '') =>
  yaml`
  seglint: 1
  organizations:
    - { id: port-authority, type: operator }
  assets:
    - { id: cam-1, kind: camera }
    - { id: cam-2, kind: camera }
  waivers:
    - ${waiver}
  ` + tail;

const run = (text: string, only = ['asset-without-owner', RULE], configText?: string) => {
  const dir = tempDir({ 'inv.yaml': text, ...(configText ? { 'seglint.config.yaml': configText } : {}) });
  return check({ paths: ['inv.yaml'], cwd: dir, config: configText ? 'seglint.config.yaml' : false, only, today: TODAY });
};

describe(RULE, () => {
  it('a waiver for every rule and entity without an approver and far in the future waives nothing', () => {
    const text = inv('{ rule: "*", target: "*", reason: temporary, expires: 9999-12-31 }');
    const r = run(text);
    const broad = r.findings.filter((f) => f.ruleId === RULE);
    expect(broad.map((f) => [f.messageId, f.entity, f.severity])).toEqual([[RULE, { type: 'waiver', id: '*:*' }, 'high']]);
    // the findings it matched stand, unwaived
    expect(r.findings.filter((f) => f.ruleId === 'asset-without-owner').map((f) => [f.entity.id, f.waiver])).toEqual([
      ['cam-1', undefined],
      ['cam-2', undefined],
    ]);
    expect(r.waivers.map((w) => [w.status, w.matched, w.refusal])).toEqual([['refused', 2, ['no approver', expect.stringMatching(/^expires 9999-12-31 beyond/)]]]);
  });

  it('an approved broad waiver within the horizon, and an anchored glob, waive the findings they match', () => {
    const approved = run(inv('{ rule: "*", target: "*", reason: r, approver: CISO, expires: 2027-11-29 }'));
    expect(approved.findings.map((f) => [f.ruleId, f.waiver?.status])).toEqual([
      ['asset-without-owner', 'active'],
      ['asset-without-owner', 'active'],
    ]);
    const anchored = run(inv('{ rule: asset-without-owner, target: cam-*, reason: r, expires: 9999-12-31 }'));
    expect(anchored.findings.map((f) => [f.ruleId, f.waiver?.status])).toEqual([
      ['asset-without-owner', 'active'],
      ['asset-without-owner', 'active'],
    ]);
  });

  it('the register follows maxHorizonDays from the configuration, and keeps the gate when the rule is off or not selected', () => {
    const w = '{ rule: "*", target: "*", reason: r, approver: CISO, expires: 2028-06-30 }';
    expect(run(inv(w)).waivers.map((x) => x.status)).toEqual(['refused']);
    const wide = run(inv(w), ['asset-without-owner', RULE], 'rules:\n  waiver-too-broad:\n    params: { maxHorizonDays: 730 }\n');
    expect(wide.waivers.map((x) => x.status)).toEqual(['active']);
    expect(wide.findings.map((f) => f.ruleId)).toEqual(['asset-without-owner', 'asset-without-owner']);
    const off = run(inv(w), ['asset-without-owner', RULE], 'rules:\n  waiver-too-broad: off\n');
    expect(off.waivers.map((x) => x.status)).toEqual(['refused']);
    expect(off.findings.map((f) => [f.ruleId, f.waiver])).toEqual([
      ['asset-without-owner', undefined],
      ['asset-without-owner', undefined],
    ]);
    const notSelected = run(inv(w), ['asset-without-owner']);
    expect(notSelected.waivers.map((x) => x.status)).toEqual(['refused']);
  });
});
