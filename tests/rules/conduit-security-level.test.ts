import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'conduit-security-level';

/** Zones at SL 3 (plant) and SL 2 (office) joined by conduit cd-1 at `level` (none when omitted). */
const plant = (level?: number, tail = '') =>
  yaml`
  seglint: 1
  zones:
    - { id: plant, trust: restricted, securityLevel: 3 }
    - { id: office, trust: internal, securityLevel: 2 }
  conduits:
    - id: cd-1
      zones: [plant, office]
      via: [fw-1]
  ${level === undefined ? '' : `    securityLevel: ${level}`}
  assets:
    - { id: fw-1, kind: firewall, interfaces: [{ zone: plant }, { zone: office }] }
`.concat(tail);

describe(RULE, () => {
  it('reports a conduit below the highest level of the zones it joins', () => {
    const text = plant(2);
    const { findings } = runRule(RULE, text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe(RULE);
    expect(f.entity).toEqual({ type: 'conduit', id: 'cd-1' });
    expect(f.location.line).toBe(lineOf(text, 'id: cd-1'));
    expect(f.evidence).toMatchObject({ attributes: { $maxZoneSecurityLevel: 3, $securityLevelGap: 1 } });
    expect(f.message).toBe('conduit cd-1 has security level 2, 1 below level 3 of a zone it joins');
  });

  it('reports a conduit without a level when a zone it joins has one', () => {
    const { findings } = runRule(RULE, plant());
    expect(findings.map((f) => [f.entity.id, f.data.$securityLevelGap])).toEqual([['cd-1', 3]]);
    expect(findings[0]!.message).toContain('has security level (none), 3 below level 3');
  });

  it('stays silent at or above the zones\' level (boundary: equal)', () => {
    expect(runRule(RULE, plant(3)).findings).toEqual([]);
    expect(runRule(RULE, plant(4)).findings).toEqual([]);
  });

  it('stays silent when no zone has a level', () => {
    const text = plant().replace(', securityLevel: 3 }', ' }').replace(', securityLevel: 2 }', ' }');
    expect(runRule(RULE, text).findings).toEqual([]);
  });

  it('honours `minGap` set in the inventory policy', () => {
    const tail = 'policy:\n  params:\n    conduit-security-level: { minGap: 2 }\n';
    expect(runRule(RULE, plant(2, tail)).findings).toEqual([]);
    const text = plant(1, tail);
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => [f.entity.id, f.location.line, f.data.$securityLevelGap])).toEqual([['cd-1', lineOf(text, 'id: cd-1'), 2]]);
  });
});
