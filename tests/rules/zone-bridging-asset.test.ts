import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'zone-bridging-asset';

/** A closed and an internal zone joined by firewall fw-1; extra assets and links appended. */
const net = (assets: string, links = '', tail = '') =>
  yaml`
  seglint: 1
  zones:
    - { id: scanners, trust: closed }
    - { id: scanners-b, trust: closed }
    - { id: office, trust: internal }
    - { id: vendor-hq, trust: external }
  conduits:
    - { id: cd-1, zones: [scanners, office], via: [fw-1] }
  assets:
    - { id: fw-1, kind: firewall, interfaces: [{ zone: scanners }, { zone: office }] }
    - { id: scanner-1, kind: scanner, zone: scanners }
    - { id: ws-1, kind: workstation, zone: office }
    - { id: hq, kind: external-endpoint, zone: vendor-hq }
`.concat(assets, 'links:\n', '  - { id: l-scan-fw, from: scanner-1, to: fw-1, medium: ethernet, conduit: cd-1 }\n', links, tail);

describe(RULE, () => {
  it('reports a dual-homed server with interfaces in zones of different trust', () => {
    const text = net('  - id: srv-dual\n    kind: server\n    interfaces: [{ zone: scanners }, { zone: office }]\n');
    const { findings } = runRule(RULE, text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe(RULE);
    expect(f.entity).toEqual({ type: 'asset', id: 'srv-dual' });
    expect(f.location.line).toBe(lineOf(text, 'id: srv-dual'));
    expect(f.evidence).toMatchObject({ attributes: { $filtering: false, $bridgedTrusts: ['closed', 'internal'] } });
    expect(f.message).toBe('server srv-dual bridges zones of trust closed, internal without being a firewall or data diode');
  });

  it('reports a modem that links a closed zone to an external zone outside any conduit, not the external endpoint', () => {
    const text = net('  - { id: modem-1, kind: modem, zone: scanners }\n', '  - { id: l-modem-hq, from: modem-1, to: hq, medium: mobile }\n');
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => [f.entity.id, f.location.line])).toEqual([['modem-1', lineOf(text, 'id: modem-1')]]);
    expect(findings[0]!.data.$bridgedTrusts).toEqual(['closed', 'external']);
  });

  it('reports a zoneless switch that joins zones of different trust', () => {
    const text = net('  - { id: sw-x, kind: switch }\n', '  - { id: l-1, from: scanner-1, to: sw-x, medium: ethernet }\n  - { id: l-2, from: sw-x, to: ws-1, medium: ethernet }\n');
    expect(runRule(RULE, text).findings.map((f) => f.entity.id)).toEqual(['sw-x']);
  });

  it('stays silent on firewalls, links through conduits, and assets spanning zones of one trust', () => {
    const text = net(
      '  - id: srv-same\n    kind: server\n    interfaces: [{ zone: scanners }, { zone: scanners-b }]\n',
      '  - { id: l-fw-ws, from: fw-1, to: ws-1, medium: ethernet, conduit: cd-1 }\n',
    );
    expect(runRule(RULE, text).findings).toEqual([]);
  });

  it('honours `ignoreKinds` set in the inventory policy', () => {
    const dual = '  - id: srv-dual\n    kind: server\n    interfaces: [{ zone: scanners }, { zone: office }]\n';
    const vpnLink = '  - { id: l-ws-hq, from: ws-1, to: hq, medium: vpn }\n';
    // by default the external endpoint is not reported, the workstation is (findings in line order)
    expect(runRule(RULE, net(dual, vpnLink)).findings.map((f) => f.entity.id)).toEqual(['ws-1', 'srv-dual']);
    const tail = 'policy:\n  params:\n    zone-bridging-asset: { ignoreKinds: [server] }\n';
    const text = net(dual, vpnLink, tail);
    expect(runRule(RULE, text).findings.map((f) => [f.entity.id, f.location.line])).toEqual([
      ['ws-1', lineOf(text, 'id: ws-1')],
      ['hq', lineOf(text, 'id: hq')],
    ]);
  });
});
