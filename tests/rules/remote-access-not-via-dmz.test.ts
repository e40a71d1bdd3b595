import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'remote-access-not-via-dmz';

/** Vendor -> DMZ jump host -> firewall -> plant; `links` are extra links. */
const plant = (links: string, tail = '') =>
  yaml`
  seglint: 1
  zones:
    - { id: plant, trust: restricted }
    - { id: scanners, trust: closed }
    - { id: office, trust: internal }
    - { id: dmz, trust: dmz }
    - { id: vendor, trust: external }
  conduits:
    - { id: cd-dmz-plant, zones: [dmz, plant], via: [fw-1] }
  assets:
    - { id: plc-1, kind: plc, zone: plant }
    - { id: scanner-1, kind: scanner, zone: scanners }
    - { id: fw-1, kind: firewall, interfaces: [{ zone: dmz }, { zone: plant }] }
    - { id: jump-1, kind: server, zone: dmz }
    - { id: ws-1, kind: workstation, zone: office }
    - { id: srv-office, kind: server, zone: office }
    - { id: vendor-gw, kind: external-endpoint, zone: vendor }
    - { id: vendor-laptop, kind: external-endpoint }
  links:
    - { id: l-vendor-jump, from: vendor-gw, to: jump-1, medium: vpn, purpose: remote-maintenance }
    - { id: l-jump-fw, from: jump-1, to: fw-1, medium: ethernet, purpose: remote-maintenance, conduit: cd-dmz-plant }
    - { id: l-fw-plc, from: fw-1, to: plc-1, medium: ethernet, purpose: remote-maintenance, conduit: cd-dmz-plant }
`.concat(links, tail);

describe(RULE, () => {
  it('reports a vendor link that ends inside a restricted zone', () => {
    const text = plant('  - id: l-vendor-plc\n    from: vendor-gw\n    to: plc-1\n    medium: vpn\n    purpose: remote-maintenance\n');
    const { findings } = runRule(RULE, text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe(RULE);
    expect(f.entity).toEqual({ type: 'link', id: 'l-vendor-plc' });
    expect(f.location.line).toBe(lineOf(text, 'id: l-vendor-plc'));
    expect(f.evidence).toMatchObject({ attributes: { purpose: 'remote-maintenance', $externalEnd: true, $fromTrust: 'external', $toTrust: 'restricted' } });
    expect(f.message).toBe('remote-maintenance link l-vendor-plc from vendor-gw (external) to plc-1 (restricted) ends inside a restricted or closed zone instead of a DMZ');
  });

  it('reports a link to an external endpoint whatever its purpose, and a zoneless vendor laptop', () => {
    const text = plant('  - { id: l-scan-out, from: scanner-1, to: vendor-gw, medium: mobile, purpose: data }\n  - { id: l-laptop, from: vendor-laptop, to: scanner-1, medium: wifi }\n');
    expect(runRule(RULE, text).findings.map((f) => [f.entity.id, f.location.line])).toEqual([
      ['l-scan-out', lineOf(text, 'id: l-scan-out')],
      ['l-laptop', lineOf(text, 'id: l-laptop')],
    ]);
  });

  it('reports a remote-maintenance link from an internal zone straight into the plant', () => {
    const text = plant('  - { id: l-ws-plc, from: ws-1, to: plc-1, medium: ethernet, purpose: remote-maintenance }\n');
    expect(runRule(RULE, text).findings.map((f) => f.entity.id)).toEqual(['l-ws-plc']);
  });

  it('stays silent on remote access through a DMZ jump host and a conduit, and on data links inside the operator\'s zones', () => {
    const text = plant('  - { id: l-ws-plc, from: ws-1, to: plc-1, medium: ethernet, purpose: data }\n  - { id: l-vendor-office, from: vendor-gw, to: srv-office, medium: vpn, purpose: remote-maintenance }\n');
    expect(runRule(RULE, text).findings).toEqual([]);
  });

  it('honours `trusts` and `purposes` set in the inventory policy', () => {
    const links = '  - { id: l-vendor-office, from: vendor-gw, to: srv-office, medium: vpn, purpose: remote-maintenance }\n  - { id: l-ws-plc, from: ws-1, to: plc-1, medium: ethernet, purpose: management }\n';
    const text = plant(links, 'policy:\n  params:\n    remote-access-not-via-dmz: { trusts: [internal, restricted, closed], purposes: [remote-maintenance, management] }\n');
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => [f.entity.id, f.location.line])).toEqual([
      ['l-vendor-office', lineOf(text, 'id: l-vendor-office')],
      ['l-ws-plc', lineOf(text, 'id: l-ws-plc')],
    ]);
  });
});
