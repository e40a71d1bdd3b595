import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'data-diode-direction';

/** Zones of every trust; conduit cd-1 through diode-1 joins `a` and `b`, one way from `from` to `to`. */
const net = (a: string, b: string, dir?: { from: string; to: string }, tail = '') =>
  yaml`
  seglint: 1
  zones:
    - { id: z-internet, trust: internet }
    - { id: z-dmz, trust: dmz }
    - { id: z-office, trust: internal }
    - { id: z-office-2, trust: internal }
    - { id: z-plant, trust: restricted }
    - { id: z-closed, trust: closed }
  conduits:
    - id: cd-1
      zones: [${a}, ${b}]
      via: [diode-1]
  ${dir ? `    direction: { from: ${dir.from}, to: ${dir.to} }` : ''}
  assets:
    - { id: diode-1, kind: data-diode, interfaces: [{ zone: ${a} }, { zone: ${b} }] }
`.concat(tail);

describe(RULE, () => {
  it('reports a diode that carries data from the DMZ up into the plant', () => {
    const text = net('z-plant', 'z-dmz', { from: 'z-dmz', to: 'z-plant' });
    const { findings } = runRule(RULE, text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe(RULE);
    expect(f.entity).toEqual({ type: 'conduit', id: 'cd-1' });
    expect(f.location.line).toBe(lineOf(text, 'id: cd-1'));
    expect(f.evidence).toMatchObject({ attributes: { direction: { from: 'z-dmz', to: 'z-plant' }, $directionTrustDelta: 2 } });
    expect(f.message).toBe('one-way conduit cd-1 carries data from z-dmz up to z-plant, 2 trust level(s) higher');
  });

  it('stays silent on a diode from high to low trust, between equal trusts, and on two-way conduits', () => {
    expect(runRule(RULE, net('z-plant', 'z-dmz', { from: 'z-plant', to: 'z-dmz' })).findings).toEqual([]);
    expect(runRule(RULE, net('z-office', 'z-office-2', { from: 'z-office', to: 'z-office-2' })).findings).toEqual([]);
    expect(runRule(RULE, net('z-plant', 'z-dmz')).findings).toEqual([]);
  });

  it('reports a rise of one level (boundary)', () => {
    expect(runRule(RULE, net('z-plant', 'z-closed', { from: 'z-plant', to: 'z-closed' })).findings.map((f) => f.data.$directionTrustDelta)).toEqual([1]);
  });

  it('honours `minRise` set in the inventory policy', () => {
    const tail = 'policy:\n  params:\n    data-diode-direction: { minRise: 3 }\n';
    expect(runRule(RULE, net('z-plant', 'z-dmz', { from: 'z-dmz', to: 'z-plant' }, tail)).findings).toEqual([]);
    const text = net('z-internet', 'z-closed', { from: 'z-internet', to: 'z-closed' }, tail);
    expect(runRule(RULE, text).findings.map((f) => [f.entity.id, f.location.line, f.data.$directionTrustDelta])).toEqual([['cd-1', lineOf(text, 'id: cd-1'), 5]]);
  });
});
