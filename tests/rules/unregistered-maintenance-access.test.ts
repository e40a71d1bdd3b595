import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'unregistered-maintenance-access';

const inventory = (people: string, extra = '') => yaml`
  seglint: 1
  sites:
    - { id: port, kind: seaport }
  rooms:
    - { id: server-room, site: port, kind: server-room }
    - { id: office, site: port, kind: office }
  assets:
    - { id: scanner-1, kind: scanner, site: port, criticality: critical }
    - { id: srv-1, kind: server, room: server-room, criticality: critical }
    - { id: ws-1, kind: workstation, room: office, criticality: high }
  people:
${people}
` + extra;

describe('unregistered-maintenance-access', () => {
  describe('invalid', () => {
    it('reports every grant of a person who is not registered with the operator', () => {
      const inv = inventory(yaml`
        - id: tech-1
          registered: false
          access:
            - { target: scanner-1, escorted: false, permit: true }
            - { target: ws-1, escorted: true }
      `.replace(/^/gm, '    '));
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => [f.ruleId, f.entity, f.location.line])).toEqual([
        [RULE, { type: 'person', id: 'tech-1' }, lineOf(inv, 'target: scanner-1')],
        [RULE, { type: 'person', id: 'tech-1' }, lineOf(inv, 'target: ws-1')],
      ]);
      expect(findings[0]!.evidence).toMatchObject({ registered: false, grant: { target: 'scanner-1', permit: true } });
      expect(findings[0]!.message).toBe('tech-1 has access to asset scanner-1 (registered: false, escorted: false, work permit: true)');
    });

    it('treats a person who records no registration as not registered', () => {
      const inv = inventory('    - { id: tech-2, access: [{ target: ws-1, escorted: true }] }');
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => [f.entity.id, f.data.registered])).toEqual([['tech-2', false]]);
    });

    it('reports unescorted access to a critical asset, and to a room holding one, without a work permit (answer 12)', () => {
      const inv = inventory(yaml`
        - id: tech-3
          registered: true
          access:
            - { target: scanner-1, escorted: false }
            - { target: server-room, permit: false }
            - { target: ws-1 }
      `.replace(/^/gm, '    '));
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => [f.data.target, f.data.targetType, f.location.line])).toEqual([
        ['scanner-1', 'asset', lineOf(inv, 'target: scanner-1')],
        ['server-room', 'room', lineOf(inv, 'target: server-room')],
      ]);
      expect(findings[0]!.message).toBe('tech-3 has access to asset scanner-1 (registered: true, escorted: false, work permit: false)');
    });

    it('honours permitCriticalities set in the inventory policy', () => {
      const inv = inventory('    - { id: tech-4, registered: true, access: [{ target: ws-1 }] }', 'policy:\n  params:\n    unregistered-maintenance-access: { permitCriticalities: [critical, high] }\n');
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => [f.entity.id, f.data.target])).toEqual([['tech-4', 'ws-1']]);
      expect(findings[0]!.location.line).toBe(lineOf(inv, 'target: ws-1'));
    });
  });

  describe('valid', () => {
    it('registered technicians with permits, or escorted', () => {
      const inv = inventory(yaml`
        - id: tech-1
          registered: true
          access:
            - { target: scanner-1, escorted: false, permit: true }
            - { target: server-room, escorted: true }
            - { target: ws-1 }
      `.replace(/^/gm, '    '));
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('an unregistered person without any access', () => {
      expect(runRule(RULE, inventory('    - { id: visitor, registered: false }')).findings).toEqual([]);
    });

    it('no permit check when permitCriticalities is empty', () => {
      const inv = inventory('    - { id: tech-1, registered: true, access: [{ target: scanner-1 }] }', 'policy:\n  params:\n    unregistered-maintenance-access: { permitCriticalities: [] }\n');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });
  });
});
