import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

describe('procurement-without-security-assessment', () => {
  const inv = yaml`
    seglint: 1
    organizations:
      - { id: nuctech, type: vendor, country: CN }
      - { id: smiths, type: vendor, country: GB }
    assets:
      - id: scanner-1
        kind: scanner
        vendor: nuctech
        criticality: critical
        procurement: { securityAssessment: false, date: 2016-05-01 }
      - id: scanner-2
        kind: scanner
        vendor: smiths
        criticality: critical
        procurement: { securityAssessment: true, date: 2019-05-01 }
      - id: scanner-3
        kind: scanner
        vendor: smiths
        criticality: critical
      - id: modem-1
        kind: modem
        vendor: nuctech
        criticality: high
        procurement: { securityAssessment: false }
  `;

  it('reports critical assets bought without a recorded assessment, or with no procurement record', () => {
    const { findings } = runRule('procurement-without-security-assessment', inv);
    expect(findings.map((f) => [f.ruleId, f.entity, f.location.line])).toEqual([
      ['procurement-without-security-assessment', { type: 'asset', id: 'scanner-1' }, lineOf(inv, 'id: scanner-1')],
      ['procurement-without-security-assessment', { type: 'asset', id: 'scanner-3' }, lineOf(inv, 'id: scanner-3')],
    ]);
    expect(findings[0]!.evidence).toEqual({ attributes: { criticality: 'critical', 'procurement.securityAssessment': false } });
    expect(findings[0]!.message).toBe('critical asset scanner-1 (vendor nuctech) was bought without a recorded national-security assessment (procurement.securityAssessment: false)');
  });

  it('widens the criticalities through the inventory policy', () => {
    const text = inv + 'policy:\n  params:\n    procurement-without-security-assessment: { criticalities: [critical, high] }\n';
    expect(runRule('procurement-without-security-assessment', text).findings.map((f) => f.entity.id)).toEqual(['scanner-1', 'scanner-3', 'modem-1']);
  });

  it('stays silent when every critical asset has a recorded assessment', () => {
    const text = yaml`
      seglint: 1
      assets:
        - { id: scanner-1, kind: scanner, criticality: critical, procurement: { securityAssessment: true } }
        - { id: printer-1, kind: other, criticality: low }
    `;
    expect(runRule('procurement-without-security-assessment', text).findings).toEqual([]);
  });
});
