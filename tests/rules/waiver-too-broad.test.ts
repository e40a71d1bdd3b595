import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { lineOf, runRule, tempDir, TODAY, yaml } from '../helpers.js';

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
  it('reports a waiver for every rule and entity without an approver and far in the future, at the waiver; it waives nothing', () => {
    const text = inv('{ rule: "*", target: "*", reason: temporary, expires: 9999-12-31 }');
    const r = run(text);
    const broad = r.findings.filter((f) => f.ruleId === RULE);
    expect(broad).toHaveLength(1);
    expect(broad[0]).toMatchObject({ entity: { type: 'waiver', id: '*:*' }, severity: 'high' });
    expect(broad[0]!.location.line).toBe(lineOf(text, 'rule: "*"'));
    expect(broad[0]!.evidence).toEqual({ attributes: { $refusal: ['no approver', 'expires 9999-12-31 beyond the horizon of 2027-11-29 (365 days after 2026-11-29)'] } });
    // the findings it matched stand, unwaived
    expect(r.findings.filter((f) => f.ruleId === 'asset-without-owner').map((f) => [f.entity.id, f.waiver])).toEqual([
      ['cam-1', undefined],
      ['cam-2', undefined],
    ]);
    expect(r.waivers.map((w) => [w.status, w.matched, w.refusal])).toEqual([['refused', 2, ['no approver', expect.stringMatching(/^expires 9999-12-31 beyond/)]]]);
  });

  it('counts as broad: rule *, and a target starting with a wildcard; one reason is enough to refuse', () => {
    const refused = (w: string) => runRule(RULE, inv(w)).findings.map((f) => f.evidence.attributes);
    expect(refused('{ rule: "*", target: cam-1, reason: r, approver: CISO, expires: 2099-01-01 }')).toEqual([{ $refusal: [expect.stringMatching(/^expires 2099-01-01 beyond the horizon of 2027-11-29/)] }]);
    expect(refused('{ rule: asset-without-owner, target: "*", reason: r, expires: 2027-01-01 }')).toEqual([{ $refusal: ['no approver'] }]);
    for (const target of ['"**"', '"?*"', '"*-*"', '"*am-1"']) {
      expect(refused(`{ rule: asset-without-owner, target: ${target}, reason: r, expires: 2027-01-01 }`), target).toEqual([{ $refusal: ['no approver'] }]);
    }
  });

  it('treats a blank or invisible approver as none', () => {
    for (const approver of ['""', '"   "', '"\\u200b"']) {
      const f = runRule(RULE, inv(`{ rule: "*", target: "*", reason: r, approver: ${approver}, expires: 2027-01-01 }`)).findings;
      expect(f.map((x) => x.evidence.attributes), approver).toEqual([{ $refusal: ['no approver'] }]);
    }
  });

  it('lets an approved broad waiver within the horizon apply, and anchored globs need neither', () => {
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

  it('leaves an expired broad waiver to waiver-expired', () => {
    const r = run(inv('{ rule: "*", target: "*", reason: r, expires: 2020-01-01 }'), ['asset-without-owner', RULE, 'waiver-expired']);
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['asset-without-owner', 'asset-without-owner', 'waiver-expired']);
  });

  it('takes maxHorizonDays from the configuration, and keeps the gate when the rule is off or not selected', () => {
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

  it('keeps the horizon within the calendar for huge or negative maxHorizonDays', () => {
    const w = '{ rule: "*", target: "*", reason: r, approver: CISO, expires: 9999-12-31 }';
    const huge = run(inv(w), ['asset-without-owner', RULE], 'rules:\n  waiver-too-broad:\n    params: { maxHorizonDays: 99999999999 }\n');
    expect(huge.waivers.map((x) => x.status)).toEqual(['active']);
    const negative = run(inv(w.replace('9999-12-31', TODAY)), ['asset-without-owner', RULE], 'rules:\n  waiver-too-broad:\n    params: { maxHorizonDays: -1 }\n');
    expect(negative.waivers.map((x) => x.refusal)).toEqual([[`expires ${TODAY} beyond the horizon of 2026-11-28 (-1 days after ${TODAY})`]]);
  });
});
