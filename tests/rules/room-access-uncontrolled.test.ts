import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'room-access-uncontrolled';

const inventory = (access: string, criticality = 'critical', extra = '') => yaml`
  seglint: 1
  organizations:
    - { id: operator, type: operator }
  sites:
    - { id: port, kind: seaport }
  rooms:
    - { id: office, site: port, kind: office }
    - id: server-room
      site: port
      kind: server-room
${access}
  assets:
    - { id: srv-1, kind: server, room: server-room, criticality: ${criticality} }
    - { id: ws-1, kind: workstation, room: office, criticality: low }
` + extra;

const FULL = '      accessControl: { badge: true, accessLog: true, grantedBy: operator }';

describe('room-access-uncontrolled', () => {
  describe('invalid', () => {
    it('reports a room with a critical asset and no access control at all', () => {
      const inv = inventory('      camera: true');
      const { findings } = runRule(RULE, inv);
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.ruleId).toBe(RULE);
      expect(f.entity).toEqual({ type: 'room', id: 'server-room' });
      expect(f.location.line).toBe(lineOf(inv, 'id: server-room'));
      expect(f.evidence).toEqual({
        attributes: { $criticalities: ['critical'], 'accessControl.badge': null, 'accessControl.accessLog': null, 'accessControl.grantedBy': null },
      });
      expect(f.message).toBe('server-room holds critical assets but its access control is incomplete (badge: (none), access log: (none), granted by: (none))');
    });

    it('reports a badge without an access log', () => {
      const inv = inventory('      accessControl: { badge: true, grantedBy: operator }');
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity)).toEqual([{ type: 'room', id: 'server-room' }]);
      expect(findings[0]!.evidence.attributes).toMatchObject({ 'accessControl.badge': true, 'accessControl.accessLog': null, 'accessControl.grantedBy': 'operator' });
    });

    it('reports a room whose access nobody grants', () => {
      const inv = inventory('      accessControl: { badge: true, accessLog: true }');
      expect(runRule(RULE, inv).findings.map((f) => f.entity.id)).toEqual(['server-room']);
    });

    it('reports badge: false', () => {
      const inv = inventory('      accessControl: { badge: false, accessLog: true, grantedBy: operator }');
      expect(runRule(RULE, inv).findings.map((f) => f.entity.id)).toEqual(['server-room']);
    });

    it('honours criticalities set in the inventory policy', () => {
      const policy = 'policy:\n  params:\n    room-access-uncontrolled: { criticalities: [critical, high] }\n';
      const inv = inventory('      accessControl: { badge: true }', 'high', policy);
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity.id)).toEqual(['server-room']);
      expect(findings[0]!.location.line).toBe(lineOf(inv, 'id: server-room'));
    });
  });

  describe('valid', () => {
    it('a room with badge, access log and a party that grants access', () => {
      expect(runRule(RULE, inventory(FULL)).findings).toEqual([]);
    });

    it('a room without critical assets (high is below the default)', () => {
      expect(runRule(RULE, inventory('      camera: true', 'high')).findings).toEqual([]);
    });

    it('an office with only low-criticality assets and no access control', () => {
      const { findings } = runRule(RULE, inventory(FULL, 'critical'));
      expect(findings.filter((f) => f.entity.id === 'office')).toEqual([]);
    });
  });
});
