import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'missing-monitoring';

const inventory = (zones: string, assets: string, extra = '') => yaml`
  seglint: 1
  zones:
${zones}
  assets:
${assets}
` + extra;

describe('missing-monitoring', () => {
  describe('invalid', () => {
    it('reports a closed zone and the critical asset in it, neither monitored (answer 9)', () => {
      const inv = inventory(
        '    - { id: scanner-network, trust: closed, monitoring: [] }',
        '    - { id: scanner-1, kind: scanner, zone: scanner-network, criticality: critical }\n    - { id: modem-1, kind: modem, zone: scanner-network, criticality: high }',
      );
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => [f.ruleId, f.entity, f.location.line])).toEqual([
        [RULE, { type: 'zone', id: 'scanner-network' }, lineOf(inv, 'id: scanner-network')],
        [RULE, { type: 'asset', id: 'scanner-1' }, lineOf(inv, 'id: scanner-1')],
      ]);
      // evidence holds every attribute the selections read; those of the other entity type are null
      expect(findings[0]!.evidence).toEqual({ attributes: { criticality: null, $monitoring: [], $monitoringRequired: true } });
      expect(findings[1]!.evidence).toEqual({ attributes: { criticality: 'critical', $monitoring: [], $monitoringRequired: null } });
      expect(findings[0]!.message).toBe('zone scanner-network has no monitoring in effect (monitoring: (none); needs one of log-collection, ids, alerting, edr, netflow, siem)');
      expect(findings[1]!.message).toMatch(/^asset scanner-1 has no monitoring in effect/);
    });

    it('reports a restricted zone with no monitoring field at all', () => {
      const inv = inventory('    - { id: plant, trust: restricted }', '    - { id: sensor-1, kind: sensor, zone: plant, criticality: low }');
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity)).toEqual([{ type: 'zone', id: 'plant' }]);
    });

    it('follows the inventory policy.requireMonitoringFor for zones', () => {
      const inv = inventory(
        '    - { id: dmz, trust: dmz }\n    - { id: closed-net, trust: closed }',
        '    - { id: srv-1, kind: server, zone: dmz, criticality: medium }',
        'policy:\n  requireMonitoringFor: [dmz]\n',
      );
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity)).toEqual([{ type: 'zone', id: 'dmz' }]);
      expect(findings[0]!.location.line).toBe(lineOf(inv, 'id: dmz'));
    });

    it('honours criticalities and capabilities set in policy.params', () => {
      const inv = inventory(
        '    - { id: office, trust: internal, monitoring: [netflow] }',
        '    - { id: fw-1, kind: firewall, zone: office, criticality: high }',
        'policy:\n  params:\n    missing-monitoring: { criticalities: [critical, high], capabilities: [log-collection, siem] }\n',
      );
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity)).toEqual([{ type: 'asset', id: 'fw-1' }]);
      expect(findings[0]!.evidence.attributes).toMatchObject({ criticality: 'high', $monitoring: ['netflow'] });
    });
  });

  describe('valid', () => {
    it('a critical asset monitored through its zone', () => {
      const inv = inventory('    - { id: scanner-network, trust: closed, monitoring: [ids] }', '    - { id: scanner-1, kind: scanner, zone: scanner-network, criticality: critical }');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('a closed zone monitored through its parent', () => {
      const inv = inventory(
        '    - { id: plant, trust: restricted, monitoring: [log-collection] }\n    - { id: cell, trust: closed, parent: plant }',
        '    - { id: plc-1, kind: plc, zone: cell, criticality: critical }',
      );
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('a critical asset with its own monitoring in an internal zone', () => {
      const inv = inventory('    - { id: office, trust: internal }', '    - { id: srv-1, kind: server, zone: office, criticality: critical, monitoring: [edr] }');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('unmonitored internal and dmz zones with no critical asset (not required by default)', () => {
      const inv = inventory('    - { id: office, trust: internal }\n    - { id: dmz, trust: dmz }', '    - { id: ws-1, kind: workstation, zone: office, criticality: high }');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });
  });
});
