import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'shared-room-multi-vendor';

const inventory = (room: string, assets: string, extra = '') => yaml`
  seglint: 1
  organizations:
    - { id: vendor-a, type: vendor }
    - { id: vendor-b, type: vendor }
    - { id: vendor-c, type: vendor }
  sites:
    - { id: port, kind: seaport }
  rooms:
    - id: server-room
      site: port
      kind: server-room
${room}
  assets:
${assets}
` + extra;

const threeServers = [
  '    - { id: srv-a, kind: server, vendor: vendor-a, room: server-room }',
  '    - { id: srv-b, kind: server, vendor: vendor-b, room: server-room }',
  '    - { id: srv-c, kind: server, vendor: vendor-c, room: server-room }',
].join('\n');

describe('shared-room-multi-vendor', () => {
  describe('invalid', () => {
    it('reports a room with servers of three vendors and separation none, with the vendors as evidence', () => {
      const inv = inventory('      separation: none', threeServers);
      const { findings } = runRule(RULE, inv);
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.ruleId).toBe(RULE);
      expect(f.entity).toEqual({ type: 'room', id: 'server-room' });
      expect(f.location.line).toBe(lineOf(inv, 'id: server-room'));
      expect(f.evidence).toEqual({ field: 'vendor', count: 3, max: 1, values: { 'vendor-a': ['srv-a'], 'vendor-b': ['srv-b'], 'vendor-c': ['srv-c'] } });
      expect(f.message).toBe('server-room (separation: none) holds equipment of 3 vendors, more than 1: vendor-a: srv-a; vendor-b: srv-b; vendor-c: srv-c');
      expect(f.related.map((r) => r.id)).toEqual(['srv-a', 'srv-b', 'srv-c']);
      expect(f.waiver).toBeUndefined();
    });

    it('reports a room that records no separation at all', () => {
      const inv = inventory('      camera: true', threeServers);
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity.id)).toEqual(['server-room']);
      expect(f0(findings).message).toContain('(separation: (none))');
    });

    it('keeps the finding with waiver status expired when the waiver has run out (answer 11)', () => {
      const waiver = yaml`
        waivers:
          - id: waiver-room
            rule: shared-room-multi-vendor
            target: server-room
            reason: room rebuilt into a computer room in 2021
            expires: 2021-12-31
      `;
      const inv = inventory('      separation: none', threeServers, waiver);
      const { findings } = runRule(RULE, inv);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.waiver).toMatchObject({ status: 'expired', id: 'waiver-room', expires: '2021-12-31' });
      expect(findings[0]!.location.line).toBe(lineOf(inv, 'id: server-room'));
    });

    it('marks the finding as waived while the waiver is in force', () => {
      const waiver = 'waivers:\n  - { rule: shared-room-multi-vendor, target: server-room, reason: rebuild planned, expires: 2027-06-30 }\n';
      const { findings } = runRule(RULE, inventory('      separation: none', threeServers, waiver));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.waiver?.status).toBe('active');
    });

    it('counts the kinds given by policy.params, and a separation value declared as none', () => {
      const assets = [
        '    - { id: srv-a, kind: server, vendor: vendor-a, room: server-room }',
        '    - { id: sw-b, kind: switch, vendor: vendor-b, room: server-room }',
      ].join('\n');
      const policy = 'policy:\n  params:\n    shared-room-multi-vendor: { kinds: [server, switch], separations: [none, locked-racks] }\n';
      const inv = inventory('      separation: locked-racks', assets, policy);
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity.id)).toEqual(['server-room']);
      expect(findings[0]!.evidence.values).toEqual({ 'vendor-a': ['srv-a'], 'vendor-b': ['sw-b'] });
    });

    it('reports at the boundary: two vendors against max 1', () => {
      const assets = [
        '    - { id: srv-a, kind: server, vendor: vendor-a, room: server-room }',
        '    - { id: st-b, kind: storage, vendor: vendor-b, room: server-room }',
      ].join('\n');
      const { findings } = runRule(RULE, inventory('      separation: none', assets));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.data.count).toBe(2);
    });
  });

  describe('valid', () => {
    it('a room with cages', () => {
      expect(runRule(RULE, inventory('      separation: cages', threeServers)).findings).toEqual([]);
    });

    it('servers of a single vendor', () => {
      const assets = [
        '    - { id: srv-a, kind: server, vendor: vendor-a, room: server-room }',
        '    - { id: srv-a2, kind: server, vendor: vendor-a, room: server-room }',
        '    - { id: srv-x, kind: server, room: server-room }',
      ].join('\n');
      expect(runRule(RULE, inventory('      separation: none', assets)).findings).toEqual([]);
    });

    it('other kinds of other vendors do not count', () => {
      const assets = [
        '    - { id: srv-a, kind: server, vendor: vendor-a, room: server-room }',
        '    - { id: sw-b, kind: switch, vendor: vendor-b, room: server-room }',
        '    - { id: fw-c, kind: firewall, vendor: vendor-c, room: server-room }',
      ].join('\n');
      expect(runRule(RULE, inventory('      separation: none', assets)).findings).toEqual([]);
    });

    it('a higher max set in the policy', () => {
      const policy = 'policy:\n  params:\n    shared-room-multi-vendor: { max: 3 }\n';
      expect(runRule(RULE, inventory('      separation: none', threeServers, policy)).findings).toEqual([]);
    });
  });
});

function f0<T>(xs: T[]): T {
  expect(xs.length).toBeGreaterThan(0);
  return xs[0]!;
}
