import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'maintenance-screening';

const inventory = (people: string, extra = '') => yaml`
  seglint: 1
  sites:
    - { id: port, kind: seaport, requiredScreening: certificate-of-conduct }
  rooms:
    - { id: server-room, site: port, kind: server-room, requiredScreening: security-clearance }
  assets:
    - { id: scanner-1, kind: scanner, site: port, requiredScreening: security-screening }
    - { id: ws-1, kind: workstation, site: port }
  people:
${people}
` + extra;

describe('maintenance-screening', () => {
  describe('invalid', () => {
    it('reports unescorted access to a scanner that requires a VGB by someone holding a VOG (answer 13)', () => {
      const inv = inventory(yaml`
        - id: tech-1
          screening: certificate-of-conduct
          registered: true
          access:
            - { target: ws-1, escorted: false }
            - { target: scanner-1, escorted: false, permit: true }
      `.replace(/^/gm, '    '));
      const { findings } = runRule(RULE, inv);
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.ruleId).toBe(RULE);
      expect(f.entity).toEqual({ type: 'person', id: 'tech-1' });
      expect(f.location.line).toBe(lineOf(inv, 'target: scanner-1'));
      expect(f.evidence).toMatchObject({ grant: { target: 'scanner-1', escorted: false, permit: true }, required: 'security-screening', held: 'certificate-of-conduct' });
      expect(f.data).toMatchObject({ target: 'scanner-1', targetType: 'asset', gap: 1 });
      expect(f.message).toBe('tech-1 has unescorted access to asset scanner-1 with certificate-of-conduct, which requires security-screening (1 level(s) short)');
    });

    it('treats a missing escorted flag as unescorted and a missing screening as none; one finding per grant', () => {
      const inv = inventory(yaml`
        - id: tech-2
          access:
            - { target: port }
            - { target: server-room }
      `.replace(/^/gm, '    '));
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => [f.data.target, f.data.gap, f.location.line])).toEqual([
        ['port', 1, lineOf(inv, 'target: port')],
        ['server-room', 3, lineOf(inv, 'target: server-room')],
      ]);
      expect(findings[1]!.evidence).toMatchObject({ required: 'security-clearance', held: 'none' });
    });

    it('honours minGap set in the inventory policy', () => {
      const inv = inventory(
        yaml`
          - id: tech-3
            screening: certificate-of-conduct
            access:
              - { target: scanner-1 }
              - { target: server-room }
        `.replace(/^/gm, '    '),
        'policy:\n  params:\n    maintenance-screening: { minGap: 2 }\n',
      );
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => [f.entity.id, f.data.target, f.data.gap])).toEqual([['tech-3', 'server-room', 2]]);
      expect(findings[0]!.location.line).toBe(lineOf(inv, 'target: server-room'));
    });
  });

  describe('valid', () => {
    it('screening equal to the highest requirement (boundary: gap 0)', () => {
      const inv = inventory('    - { id: tech-1, screening: security-screening, access: [{ target: scanner-1 }, { target: ws-1 }] }');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('escorted access below the requirement', () => {
      const inv = inventory('    - { id: tech-1, screening: none, access: [{ target: server-room, escorted: true }] }');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('a person without access', () => {
      expect(runRule(RULE, inventory('    - { id: visitor, screening: none }')).findings).toEqual([]);
    });
  });
});
