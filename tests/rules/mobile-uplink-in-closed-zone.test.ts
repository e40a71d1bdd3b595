import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'mobile-uplink-in-closed-zone';

const inv = (medium: string, zoneTrust = 'closed', tail = '') =>
  yaml`
  seglint: 1
  zones:
    - { id: scanners, trust: ${zoneTrust} }
    - { id: vendor-hq, trust: external }
  assets:
    - { id: scanner-1, kind: scanner, zone: scanners }
    - { id: modem-1, kind: modem, zone: scanners }
    - { id: hq, kind: external-endpoint, zone: vendor-hq }
  links:
    - { id: l-scan-modem, from: scanner-1, to: modem-1, medium: ethernet }
    - id: l-modem-hq
      from: modem-1
      to: hq
      medium: ${medium}
      purpose: remote-maintenance
`.concat(tail);

describe(RULE, () => {
  it('reports a mobile link from an asset of a closed zone, on the link\'s medium', () => {
    const text = inv('mobile');
    const { findings } = runRule(RULE, text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe(RULE);
    expect(f.entity).toEqual({ type: 'link', id: 'l-modem-hq' });
    expect(f.location.line).toBe(lineOf(text, 'medium: mobile'));
    expect(f.evidence).toMatchObject({ asset: 'modem-1', link: 'l-modem-hq', neighbour: 'hq', medium: 'mobile', purpose: 'remote-maintenance', assetZones: ['scanners'], neighbourZones: ['vendor-hq'] });
    expect(f.message).toBe('mobile link l-modem-hq connects modem-1 in closed zone scanners to hq (vendor-hq)');
  });

  it('reports satellite and wifi links too', () => {
    expect(runRule(RULE, inv('satellite')).findings.map((f) => f.data.medium)).toEqual(['satellite']);
    expect(runRule(RULE, inv('wifi')).findings.map((f) => f.data.medium)).toEqual(['wifi']);
  });

  it('stays silent on wired links, and on zones that are not closed', () => {
    expect(runRule(RULE, inv('ethernet')).findings).toEqual([]);
    expect(runRule(RULE, inv('vpn')).findings).toEqual([]);
    expect(runRule(RULE, inv('mobile', 'restricted')).findings).toEqual([]);
  });

  it('reports a link once even when both ends are in a closed zone', () => {
    const text = inv('wifi').replace('{ id: vendor-hq, trust: external }', '{ id: vendor-hq, trust: closed }');
    expect(runRule(RULE, text).findings.map((f) => f.entity.id)).toEqual(['l-modem-hq']);
  });

  it('honours `media` and `trusts` set in the inventory policy', () => {
    const onlyMobile = 'policy:\n  params:\n    mobile-uplink-in-closed-zone: { media: [mobile] }\n';
    expect(runRule(RULE, inv('wifi', 'closed', onlyMobile)).findings).toEqual([]);
    expect(runRule(RULE, inv('mobile', 'closed', onlyMobile)).findings).toHaveLength(1);
    const restricted = 'policy:\n  params:\n    mobile-uplink-in-closed-zone: { trusts: [closed, restricted] }\n';
    const text = inv('mobile', 'restricted', restricted);
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => [f.entity.id, f.location.line])).toEqual([['l-modem-hq', lineOf(text, 'medium: mobile')]]);
  });
});
