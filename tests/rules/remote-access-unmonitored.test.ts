import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'remote-access-unmonitored';

const inventory = (link: string, extra = '') => yaml`
  seglint: 1
  zones:
    - { id: scanner-network, trust: closed }
    - { id: dmz, trust: dmz }
    - { id: vendor-hq, trust: external }
  assets:
    - { id: scanner-1, kind: scanner, zone: scanner-network }
    - { id: modem-1, kind: modem, zone: scanner-network }
    - { id: jump-1, kind: server, zone: dmz }
    - { id: hq, kind: external-endpoint, zone: vendor-hq }
  links:
    - { id: link-scanner-modem, from: scanner-1, to: modem-1, medium: ethernet, purpose: remote-maintenance }
${link}
` + extra;

describe('remote-access-unmonitored', () => {
  describe('invalid', () => {
    it('reports an always-on mobile link to the head office without session logging (answer 10)', () => {
      const inv = inventory(yaml`
            - id: link-modem-hq
              from: modem-1
              to: hq
              medium: mobile
              purpose: remote-maintenance
              mode: always-on
              sessionLogging: false
      `.replace(/^/gm, '    '));
      const { findings } = runRule(RULE, inv);
      expect(findings).toHaveLength(1);
      const f = findings[0]!;
      expect(f.ruleId).toBe(RULE);
      expect(f.entity).toEqual({ type: 'link', id: 'link-modem-hq' });
      expect(f.location.line).toBe(lineOf(inv, 'id: link-modem-hq'));
      expect(f.evidence.attributes).toMatchObject({ purpose: 'remote-maintenance', $externalEnd: true, medium: 'mobile', sessionLogging: false, mode: 'always-on' });
      expect(f.message).toBe('remote-maintenance link link-modem-hq (mobile) is not monitored and switched: session logging false, mode always-on, approval (none)');
    });

    it('reports a logged link whose mode is not recorded (not on demand)', () => {
      const inv = inventory('    - { id: link-hq-jump, from: hq, to: jump-1, medium: vpn, purpose: remote-maintenance, sessionLogging: true }');
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => [f.entity.id, f.location.line])).toEqual([['link-hq-jump', lineOf(inv, 'id: link-hq-jump')]]);
      expect(findings[0]!.evidence.attributes).toMatchObject({ sessionLogging: true, mode: null });
    });

    it('reports an on-demand link without session logging', () => {
      const inv = inventory('    - { id: link-hq-jump, from: hq, to: jump-1, medium: ethernet, purpose: remote-maintenance, mode: on-demand }');
      expect(runRule(RULE, inv).findings.map((f) => f.entity.id)).toEqual(['link-hq-jump']);
    });

    it('reports a satellite link even when neither end is recorded as external', () => {
      const inv = inventory('    - { id: link-sat, from: modem-1, to: jump-1, medium: satellite, purpose: remote-maintenance, mode: always-on, sessionLogging: true }');
      expect(runRule(RULE, inv).findings.map((f) => f.entity.id)).toEqual(['link-sat']);
    });

    it('with requireApproval set in the policy, reports a logged on-demand link without approval', () => {
      const inv = inventory(
        '    - { id: link-hq-jump, from: hq, to: jump-1, medium: vpn, purpose: remote-maintenance, mode: on-demand, sessionLogging: true }',
        'policy:\n  params:\n    remote-access-unmonitored: { requireApproval: true }\n',
      );
      const { findings } = runRule(RULE, inv);
      expect(findings.map((f) => f.entity.id)).toEqual(['link-hq-jump']);
      expect(findings[0]!.message).toContain('approval (none)');
    });

    it('checks the purposes set in the policy', () => {
      const inv = inventory(
        '    - { id: link-mgmt, from: hq, to: jump-1, medium: vpn, purpose: management, mode: always-on, sessionLogging: true }',
        'policy:\n  params:\n    remote-access-unmonitored: { purposes: [remote-maintenance, management] }\n',
      );
      expect(runRule(RULE, inv).findings.map((f) => f.entity.id)).toEqual(['link-mgmt']);
    });
  });

  describe('valid', () => {
    it('an on-demand, logged link through a jump host; the local leg to a modem is not a remote link', () => {
      const inv = inventory('    - { id: link-hq-jump, from: hq, to: jump-1, medium: vpn, purpose: remote-maintenance, mode: on-demand, sessionLogging: true }');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('the same link with approval: true when approval is required', () => {
      const inv = inventory(
        '    - { id: link-hq-jump, from: hq, to: jump-1, medium: vpn, purpose: remote-maintenance, mode: on-demand, sessionLogging: true, approval: true }',
        'policy:\n  params:\n    remote-access-unmonitored: { requireApproval: true }\n',
      );
      expect(runRule(RULE, inv).findings).toEqual([]);
    });

    it('an always-on data link to the outside is not remote maintenance', () => {
      const inv = inventory('    - { id: link-data, from: jump-1, to: hq, medium: vpn, purpose: data, mode: always-on }');
      expect(runRule(RULE, inv).findings).toEqual([]);
    });
  });
});
