import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'closed-zone-external-path';

/** A closed scanner network behind a firewall, with a modem; extra zones, assets and links are list items. */
const port = (o: { zones?: string[]; assets?: string[]; links?: string[]; tail?: string; officeTrust?: string } = {}) =>
  yaml`
  seglint: 1
  zones:
    - id: scanners
      trust: closed
    - id: office
      trust: ${o.officeTrust ?? 'internal'}
    - id: vendor-hq
      trust: external
  ${items(o.zones)}
  conduits:
    - { id: cd-scan-office, zones: [scanners, office], via: [fw-1] }
  assets:
    - { id: scanner-1, kind: scanner, zone: scanners }
    - { id: modem-1, kind: modem, zone: scanners }
    - { id: fw-1, kind: firewall, interfaces: [{ zone: scanners }, { zone: office }] }
    - { id: ws-1, kind: workstation, zone: office }
    - { id: hq, kind: external-endpoint, zone: vendor-hq }
  ${items(o.assets)}
  links:
    - { id: l-scan-modem, from: scanner-1, to: modem-1, medium: ethernet }
    - { id: l-scan-fw, from: scanner-1, to: fw-1, medium: ethernet, conduit: cd-scan-office }
    - { id: l-fw-ws, from: fw-1, to: ws-1, medium: ethernet, conduit: cd-scan-office }
  ${items(o.links)}
`.concat(o.tail ? `${o.tail}\n` : '');

/** Extra list items, indented to sit in the template below (which `yaml` dedents by 2). */
function items(list: string[] | undefined): string {
  return (list ?? []).map((x, i) => `${i === 0 ? '  - ' : '    - '}${x}`).join('\n');
}

type PathEv = { path: { assets: string[]; hops: { link: string }[] } };

describe(RULE, () => {
  it('reports a closed zone that reaches an external zone, with the shortest path hop by hop', () => {
    const inv = port({ links: ['{ id: l-modem-hq, from: modem-1, to: hq, medium: mobile, purpose: remote-maintenance }'] });
    const { findings } = runRule(RULE, inv);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe(RULE);
    expect(f.entity).toEqual({ type: 'zone', id: 'scanners' });
    expect(f.location.line).toBe(lineOf(inv, 'id: scanners'));
    expect(f.data).toMatchObject({ targetZone: 'vendor-hq', targetTrust: 'external', target: 'hq', hops: 1 });
    expect(f.evidence).toMatchObject({
      source: 'modem-1',
      target: 'hq',
      targetZone: 'vendor-hq',
      path: { assets: ['modem-1', 'hq'], hops: [{ link: 'l-modem-hq', from: 'modem-1', to: 'hq', medium: 'mobile' }] },
    });
    expect(f.message).toBe('closed zone scanners reaches vendor-hq (external) in 1 hop(s): modem-1 -[l-modem-hq mobile remote-maintenance]-> hq');
  });

  it('follows any number of hops, through firewalls too, one finding per reached outside zone', () => {
    const inv = port({
      zones: ['{ id: cloud, trust: internet }'],
      assets: ['{ id: router-1, kind: router, zone: office }', '{ id: cloud-1, kind: server, zone: cloud }'],
      links: [
        '{ id: l-ws-router, from: ws-1, to: router-1, medium: ethernet }',
        '{ id: l-router-cloud, from: router-1, to: cloud-1, medium: vpn }',
        '{ id: l-router-hq, from: router-1, to: hq, medium: vpn }',
      ],
    });
    const { findings } = runRule(RULE, inv);
    expect(findings.map((f) => [f.entity.id, f.data.targetZone, f.data.hops])).toEqual([
      ['scanners', 'cloud', 3],
      ['scanners', 'vendor-hq', 3],
    ]);
    const ev = findings[1]!.evidence as PathEv;
    // the firewall has an interface in the closed zone, so the path starts there
    expect(ev.path.assets).toEqual(['fw-1', 'ws-1', 'router-1', 'hq']);
    expect(ev.path.hops.map((h) => h.link)).toEqual(['l-fw-ws', 'l-ws-router', 'l-router-hq']);
  });

  it('stays silent when the closed zone reaches only internal zones', () => {
    expect(runRule(RULE, port()).findings).toEqual([]);
  });

  it('honours link direction: a link that only carries data into the closed zone is no way out', () => {
    const inbound = port({ links: ['{ id: l-modem-hq, from: modem-1, to: hq, medium: mobile, direction: reverse }'] });
    expect(runRule(RULE, inbound).findings).toEqual([]);
    const outbound = port({ links: ['{ id: l-modem-hq, from: modem-1, to: hq, medium: mobile, direction: forward }'] });
    expect(runRule(RULE, outbound).findings.map((f) => f.data.targetZone)).toEqual(['vendor-hq']);
  });

  it('counts an external endpoint outside any zone, unless `targetKinds` is emptied', () => {
    const inv = port({ assets: ['{ id: x-1, kind: external-endpoint }'], links: ['{ id: l-modem-x, from: modem-1, to: x-1, medium: satellite }'] });
    const { findings } = runRule(RULE, inv);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.data).toMatchObject({ target: 'x-1', targetZone: '(no zone)', hops: 1 });
    const off = port({
      assets: ['{ id: x-1, kind: external-endpoint }'],
      links: ['{ id: l-modem-x, from: modem-1, to: x-1, medium: satellite }'],
      tail: 'policy:\n  params:\n    closed-zone-external-path: { targetKinds: [] }',
    });
    expect(runRule(RULE, off).findings).toEqual([]);
  });

  it('checks restricted zones too when `trusts` is overridden in the policy', () => {
    const o = { officeTrust: 'restricted', links: ['{ id: l-ws-hq, from: ws-1, to: hq, medium: vpn }'] };
    // default: only the closed zone, whose path through the firewall still counts
    expect(runRule(RULE, port(o)).findings.map((f) => [f.entity.id, f.data.hops])).toEqual([['scanners', 2]]);
    const inv = port({ ...o, tail: 'policy:\n  params:\n    closed-zone-external-path: { trusts: [closed, restricted] }' });
    const { findings } = runRule(RULE, inv);
    expect(findings.map((f) => [f.entity.id, f.data.hops])).toEqual([
      ['scanners', 2],
      ['office', 1],
    ]);
    const office = findings.find((f) => f.entity.id === 'office')!;
    expect(office.location.line).toBe(lineOf(inv, 'id: office'));
    expect(office.message).toContain('restricted zone office reaches vendor-hq (external)');
  });

  it('with `targetTrusts` narrowed to internet, an external endpoint still counts through `targetKinds`', () => {
    const inv = port({
      links: ['{ id: l-modem-hq, from: modem-1, to: hq, medium: mobile }'],
      tail: 'policy:\n  params:\n    closed-zone-external-path: { targetTrusts: [internet] }',
    });
    // hq is an external-endpoint: still counted by targetKinds
    expect(runRule(RULE, inv).findings.map((f) => f.data.target)).toEqual(['hq']);
  });
});
