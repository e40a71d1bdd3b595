import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'asset-without-camera';

const inventory = (assets: string, extra = '') => yaml`
  seglint: 1
  sites:
    - { id: port, kind: seaport }
  rooms:
    - { id: lanes, site: port, kind: field, camera: true }
    - { id: yard, site: port, kind: field }
  assets:
${assets}
` + extra;

describe('asset-without-camera', () => {
  describe('invalid', () => {
    it('reports a scanner in a room without cameras that records no coverage', () => {
      const inv = inventory('    - { id: scanner-1, kind: scanner, room: yard }');
      const { findings } = runRule(RULE, inv);
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.ruleId).toBe(RULE);
      expect(f.entity).toEqual({ type: 'asset', id: 'scanner-1' });
      expect(f.location.line).toBe(lineOf(inv, 'id: scanner-1'));
      expect(f.evidence).toEqual({ attributes: { kind: 'scanner', cameraCoverage: null, '$room.camera': null } });
      expect(f.message).toBe('scanner scanner-1 is not under camera coverage (cameraCoverage: (none), room camera: (none))');
    });

    it('reports a scanner in no room at all', () => {
      const inv = inventory('    - { id: scanner-2, kind: scanner, site: port }');
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity)).toEqual([{ type: 'asset', id: 'scanner-2' }]);
      expect(findings[0]!.location.line).toBe(lineOf(inv, 'id: scanner-2'));
    });

    it('reports a known blind spot (cameraCoverage: false) even in a room with cameras', () => {
      const inv = inventory('    - { id: scanner-3, kind: scanner, room: lanes, cameraCoverage: false }');
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity.id)).toEqual(['scanner-3']);
      expect(findings[0]!.evidence.attributes).toMatchObject({ cameraCoverage: false, '$room.camera': true });
    });

    it('checks the kinds given in the inventory policy', () => {
      const inv = inventory(
        ['    - { id: scanner-1, kind: scanner, room: lanes }', '    - { id: plc-1, kind: plc, room: yard }'].join('\n'),
        'policy:\n  params:\n    asset-without-camera: { kinds: [scanner, plc] }\n',
      );
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity.id)).toEqual(['plc-1']);
      expect(findings[0]!.location.line).toBe(lineOf(inv, 'id: plc-1'));
    });
  });

  describe('valid', () => {
    it('a scanner with its own camera coverage, in a room without cameras', () => {
      expect(runRule(RULE, inventory('    - { id: scanner-1, kind: scanner, room: yard, cameraCoverage: true }')).findings).toEqual([]);
    });

    it('a scanner that records nothing, in a room under camera surveillance', () => {
      expect(runRule(RULE, inventory('    - { id: scanner-1, kind: scanner, room: lanes }')).findings).toEqual([]);
    });

    it('assets of other kinds without cameras (scanners by default)', () => {
      expect(runRule(RULE, inventory('    - { id: plc-1, kind: plc, room: yard }\n    - { id: srv-1, kind: server }')).findings).toEqual([]);
    });
  });
});
