import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

describe('asset-without-owner', () => {
  const inv = yaml`
    seglint: 1
    organizations:
      - { id: customs, type: operator, country: NL }
    assets:
      - { id: scanner-1, kind: scanner, owner: customs }
      - id: sw-core
        kind: switch
      - { id: vendor-hq, kind: external-endpoint }
      - { id: fw-1, kind: firewall, name: Spare firewall }
  `;

  it('reports assets with no owner, except external endpoints', () => {
    const { findings } = runRule('asset-without-owner', inv);
    expect(findings.map((f) => [f.ruleId, f.entity, f.location.line])).toEqual([
      ['asset-without-owner', { type: 'asset', id: 'sw-core' }, lineOf(inv, 'id: sw-core')],
      ['asset-without-owner', { type: 'asset', id: 'fw-1' }, lineOf(inv, 'id: fw-1')],
    ]);
    expect(findings[0]!.evidence).toEqual({ attributes: { kind: 'switch', owner: null } });
    expect(findings[0]!.message).toBe('switch sw-core has no owner');
  });

  it('lets the inventory policy change the exempt kinds', () => {
    const none = inv + 'policy:\n  params:\n    asset-without-owner: { exemptKinds: [] }\n';
    expect(runRule('asset-without-owner', none).findings.map((f) => f.entity.id)).toEqual(['sw-core', 'vendor-hq', 'fw-1']);
    const more = inv + 'policy:\n  params:\n    asset-without-owner: { exemptKinds: [external-endpoint, switch, firewall] }\n';
    expect(runRule('asset-without-owner', more).findings).toEqual([]);
  });

  it('stays silent when every asset has an owner', () => {
    const text = yaml`
      seglint: 1
      organizations:
        - { id: customs, type: operator }
      assets:
        - { id: scanner-1, kind: scanner, owner: customs }
    `;
    expect(runRule('asset-without-owner', text).findings).toEqual([]);
  });
});
