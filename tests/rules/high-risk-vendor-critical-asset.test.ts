import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const inv = (opts: { law?: boolean; offensive?: string; mitigations?: string; criticality?: string; maintainer?: string; extra?: string; owners?: string; moreAssets?: string } = {}) => yaml`
  seglint: 1
  jurisdictions:
    - country: CN
      intelligenceCooperationLaw: ${opts.law ?? true}
      offensiveProgrammeAgainst: ${opts.offensive ?? '[NL]'}
  organizations:
    - id: customs
      type: operator
      country: NL
    - id: cnnc
      type: state-enterprise
      country: CN
    - id: tongfang
      type: holding
      country: CN
      owners: [{ organization: cnnc, share: 0.21 }]
    - id: nuctech
      type: vendor
      country: CN
      owners: ${opts.owners ?? '[{ organization: tongfang, share: 0.76 }]'}
      ${opts.mitigations ?? 'notes: no mitigations'}
  sites:
    - { id: port, kind: seaport, country: NL }
  assets:
    - { id: scanner-1, kind: scanner, vendor: nuctech, maintainer: ${opts.maintainer ?? 'nuctech'}, owner: customs, site: port, criticality: ${opts.criticality ?? 'critical'} }
    ${opts.moreAssets ?? '- { id: printer-1, kind: other }'}
  ${opts.extra ?? ''}
`;

describe('high-risk-vendor-critical-asset', () => {
  it('reports a vendor meeting criteria 1 and 2 that maintains a critical asset, with the criteria as evidence', () => {
    const text = inv();
    const { findings } = runRule('high-risk-vendor-critical-asset', text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe('high-risk-vendor-critical-asset');
    expect(f.entity).toEqual({ type: 'organization', id: 'nuctech' });
    expect(f.location.line).toBe(lineOf(text, 'id: nuctech'));
    expect(f.evidence).toMatchObject({
      criterion1: ['CN law obliges cooperation with intelligence services', '15.96% state-owned'],
      criterion2: ['CN runs an offensive intelligence programme against NL'],
      stateOwnership: { share: 0.1596, chains: [{ organizations: ['nuctech', 'tongfang', 'cnnc'], shares: [0.76, 0.21] }] },
      access: { remoteLinks: [], maintained: ['scanner-1'], staff: [] },
      criticalAssets: ['scanner-1'],
      mitigations: [],
    });
    expect(f.severity).toBe('critical');
  });

  it('counts unescorted physical access of its staff as extensive access', () => {
    const text =
      inv({ maintainer: 'customs' }) +
      yaml`
      people:
        - id: tech-1
          employer: nuctech
          access: [{ target: scanner-1, escorted: false }]
        - id: tech-2
          employer: nuctech
          access: [{ target: scanner-1, escorted: true }]
    `;
    const { findings } = runRule('high-risk-vendor-critical-asset', text);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence).toMatchObject({ access: { remoteLinks: [], maintained: [], staff: ['tech-1'] } });
  });

  it('counts a remote-maintenance link at one of its assets as extensive access', () => {
    const text =
      inv({ maintainer: 'customs', moreAssets: '- { id: nuctech-hq, kind: external-endpoint, owner: nuctech, zone: hq }' }) +
      yaml`
      zones:
        - { id: hq, trust: external }
      links:
        - { id: l-remote, from: scanner-1, to: nuctech-hq, medium: mobile, purpose: remote-maintenance }
    `;
    const { findings } = runRule('high-risk-vendor-critical-asset', text);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence).toMatchObject({ access: { remoteLinks: ['l-remote'], maintained: [], staff: [] } });
    expect(findings[0]!.related).toEqual([expect.objectContaining({ type: 'link', id: 'l-remote', role: 'remote access' })]);
  });

  it('stays silent when a mitigation is recorded (criterion 3b)', () => {
    const text = inv({ mitigations: "mitigations: [{ measure: 'escorted visits only, no remote access', approvedBy: CISO }]" });
    expect(runRule('high-risk-vendor-critical-asset', text).findings).toEqual([]);
  });

  it('stays silent without extensive access (3a): supplied only, not maintained, no staff, no remote link', () => {
    expect(runRule('high-risk-vendor-critical-asset', inv({ maintainer: 'customs' })).findings).toEqual([]);
  });

  it('stays silent when the supplied assets are not critical', () => {
    expect(runRule('high-risk-vendor-critical-asset', inv({ criticality: 'low' })).findings).toEqual([]);
  });

  it('stays silent when neither criterion 1 nor 2 holds', () => {
    const text = inv({ law: false, offensive: '[]', owners: '[]' });
    expect(runRule('high-risk-vendor-critical-asset', text).findings).toEqual([]);
  });

  it('meets criterion 1 on state ownership alone, at the threshold from the inventory policy (boundary)', () => {
    const base = inv({ law: false, offensive: '[]' });
    // 15.96% is above the default 10%
    expect(runRule('high-risk-vendor-critical-asset', base).findings.map((f) => f.evidence.criterion1)).toEqual([['15.96% state-owned']]);
    // a threshold equal to the share still reports (at or above)
    const equal = base + 'policy:\n  params:\n    high-risk-vendor-critical-asset: { stateOwnershipThreshold: 0.1596 }\n';
    expect(runRule('high-risk-vendor-critical-asset', equal).findings).toHaveLength(1);
    const above = base + 'policy:\n  params:\n    high-risk-vendor-critical-asset: { stateOwnershipThreshold: 0.2 }\n';
    expect(runRule('high-risk-vendor-critical-asset', above).findings).toEqual([]);
  });

  it('widens criticalities through the inventory policy', () => {
    const text = inv({ criticality: 'medium' }) + 'policy:\n  params:\n    high-risk-vendor-critical-asset: { criticalities: [critical, high, medium] }\n';
    expect(runRule('high-risk-vendor-critical-asset', text).findings.map((f) => f.entity.id)).toEqual(['nuctech']);
  });
});
