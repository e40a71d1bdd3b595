import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'firewall-without-ids';

const inventory = (zones: string, extra = '') => yaml`
  seglint: 1
  zones:
${zones}
    - { id: internet, trust: internet }
  conduits:
    - { id: cd-plant-office, zones: [plant, office], via: [fw-1] }
    - { id: cd-office-internet, zones: [office, internet], via: [fw-2] }
  assets:
    - id: fw-1
      kind: firewall
      interfaces: [{ zone: plant }, { zone: office }]
    - id: fw-2
      kind: firewall
      interfaces: [{ zone: office }, { zone: internet }]
` + extra;

describe('firewall-without-ids', () => {
  describe('invalid', () => {
    it('reports a zone behind a conduit with no intrusion detection, naming the conduit', () => {
      const inv = inventory('    - { id: plant, trust: restricted, monitoring: [log-collection] }\n    - { id: office, trust: internal, monitoring: [ids] }');
      const { findings } = runRule(RULE, inv);
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.ruleId).toBe(RULE);
      expect(f.entity).toEqual({ type: 'zone', id: 'plant' });
      expect(f.location.line).toBe(lineOf(inv, 'id: plant'));
      expect(f.evidence).toEqual({ attributes: { trust: 'restricted', $conduits: ['cd-plant-office'], $monitoring: ['log-collection'] } });
      expect(f.message).toBe('zone plant (restricted) sits behind conduit(s) cd-plant-office without intrusion detection (monitoring: log-collection)');
    });

    it('reports every protected zone without IDS, with all its conduits', () => {
      const inv = inventory('    - { id: plant, trust: closed }\n    - { id: office, trust: internal }');
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => [f.entity.id, f.location.line])).toEqual([
        ['plant', lineOf(inv, 'id: plant')],
        ['office', lineOf(inv, 'id: office')],
      ]);
      expect(findings[1]!.evidence.attributes).toMatchObject({ $conduits: ['cd-office-internet', 'cd-plant-office'] });
    });

    it('honours trusts set in the inventory policy (the internet zone too)', () => {
      const inv = inventory(
        '    - { id: plant, trust: closed, monitoring: [ids] }\n    - { id: office, trust: internal, monitoring: [ids] }',
        'policy:\n  params:\n    firewall-without-ids: { trusts: [internet, internal, restricted, closed] }\n',
      );
      expect(runRule(RULE, inv).findings.map((f) => f.entity.id)).toEqual(['internet']);
    });
  });

  describe('valid', () => {
    it('IDS on every zone behind a conduit; the internet zone is not checked by default', () => {
      const inv = inventory('    - { id: plant, trust: closed, monitoring: [ids] }\n    - { id: office, trust: internal, monitoring: [ids, siem] }');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('IDS inherited from a parent zone', () => {
      const inv = inventory('    - { id: site, trust: internal, monitoring: [ids] }\n    - { id: plant, trust: closed, parent: site }\n    - { id: office, trust: internal, parent: site }');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('netflow counts as detection when the policy says so', () => {
      const inv = inventory(
        '    - { id: plant, trust: closed, monitoring: [netflow] }\n    - { id: office, trust: internal, monitoring: [ids] }',
        'policy:\n  params:\n    firewall-without-ids: { detection: [ids, netflow] }\n',
      );
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('a zone that no conduit joins', () => {
      const inv = yaml`
        seglint: 1
        zones:
          - { id: lab, trust: restricted }
      `;
      expect(runRule(RULE, inv).findings).toEqual([]);
    });
  });
});
