/**
 * high-risk-vendor-critical-asset: what a rule test file cannot state about a finding, the
 * remote-maintenance link it names as related (with its role). The rule's own cases (criteria,
 * access, mitigations, thresholds) are in rules/high-risk-vendor-critical-asset.test.yaml.
 */
import { describe, expect, it } from 'vitest';
import { runRule, yaml } from '../helpers.js';

const RULE = 'high-risk-vendor-critical-asset';

describe(`${RULE}: related entities`, () => {
  it('names the remote-maintenance link that gives the vendor extensive access as related', () => {
    const text = yaml`
      seglint: 1
      jurisdictions:
        - { country: CN, intelligenceCooperationLaw: true, offensiveProgrammeAgainst: [NL] }
      organizations:
        - { id: customs, type: operator, country: NL }
        - { id: nuctech, type: vendor, country: CN }
      zones:
        - { id: hq, trust: external }
      assets:
        - { id: scanner-1, kind: scanner, vendor: nuctech, maintainer: customs, owner: customs, criticality: critical }
        - { id: nuctech-hq, kind: external-endpoint, owner: nuctech, zone: hq }
      links:
        - { id: l-remote, from: scanner-1, to: nuctech-hq, medium: mobile, purpose: remote-maintenance }
    `;
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => [f.messageId, f.entity.id, f.data.access])).toEqual([[RULE, 'nuctech', 'remote maintenance over l-remote']]);
    expect(findings[0]!.related).toEqual([expect.objectContaining({ type: 'link', id: 'l-remote', role: 'remote access' })]);
  });
});
