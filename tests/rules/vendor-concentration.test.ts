import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

/** `n` critical scanners from nuctech and `m` from smiths, plus one image server per vendor. */
const port = (n: number, m: number, extra = '') => {
  const scanners = [
    ...Array.from({ length: n }, (_, i) => `  - { id: scanner-n${i + 1}, kind: scanner, function: cargo-scanning, vendor: nuctech, criticality: critical }`),
    ...Array.from({ length: m }, (_, i) => `  - { id: scanner-s${i + 1}, kind: scanner, function: cargo-scanning, vendor: smiths, criticality: critical }`),
  ].join('\n');
  return (
    yaml`
    seglint: 1
    organizations:
      - id: nuctech
        type: vendor
        country: CN
      - id: smiths
        type: vendor
        country: GB
    assets:
      - { id: server-n, kind: server, function: cargo-scanning, vendor: nuctech, criticality: critical }
      - { id: server-s, kind: server, function: cargo-scanning, vendor: smiths, criticality: critical }
    ` +
    scanners +
    '\n' +
    extra
  );
};

describe('vendor-concentration', () => {
  it('reports 4 of 7 scanners from one vendor on the vendor, with the assets as evidence', () => {
    const inv = port(4, 3);
    const { findings } = runRule('vendor-concentration', inv);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe('vendor-concentration');
    expect(f.entity).toEqual({ type: 'organization', id: 'nuctech' });
    expect(f.location.line).toBe(lineOf(inv, 'id: nuctech'));
    expect(f.evidence).toMatchObject({ group: 'cargo-scanning/scanner', value: 'nuctech', count: 4, total: 7, share: 0.5714, assets: ['scanner-n1', 'scanner-n2', 'scanner-n3', 'scanner-n4'] });
    expect(f.message).toBe('nuctech supplies 4 of 7 critical assets of cargo-scanning/scanner (57.14%, more than 50%)');
  });

  it('does not count a vendor image server together with the scanners (grouped by function and kind)', () => {
    // 3 of 6 scanners is exactly half; the servers are 1 of 2 each
    expect(runRule('vendor-concentration', port(3, 3)).findings).toEqual([]);
  });

  it('judges a whole function when groupBy is overridden to [function]', () => {
    // 4 nuctech scanners + 1 server of 9 cargo-scanning assets: 55.56%
    const inv = port(4, 3) + 'policy:\n  params:\n    vendor-concentration: { groupBy: [function] }\n';
    const { findings } = runRule('vendor-concentration', inv);
    expect(findings.map((f) => f.evidence)).toEqual([expect.objectContaining({ group: 'cargo-scanning', count: 5, total: 9 })]);
  });

  it('honours maxShare from the inventory policy (boundary: equal to the share is allowed)', () => {
    const inv = port(4, 3) + 'policy:\n  params:\n    vendor-concentration: { maxShare: 0.5714285714285714 }\n';
    expect(runRule('vendor-concentration', inv).findings).toEqual([]);
    const lower = port(4, 3) + 'policy:\n  params:\n    vendor-concentration: { maxShare: 0.3 }\n';
    // nuctech 4/7 and smiths 3/7 scanners both exceed 30%; the servers (1 of 2) too
    expect(runRule('vendor-concentration', lower).findings.map((f) => `${f.evidence.group}|${f.entity.id}`)).toEqual(
      expect.arrayContaining(['cargo-scanning/scanner|nuctech', 'cargo-scanning/scanner|smiths', 'cargo-scanning/server|nuctech', 'cargo-scanning/server|smiths']),
    );
  });

  it('ignores groups smaller than minGroupSize and assets outside the criticalities', () => {
    const inv = yaml`
      seglint: 1
      organizations:
        - { id: nuctech, type: vendor }
      assets:
        - { id: scanner-1, kind: scanner, function: cargo-scanning, vendor: nuctech, criticality: critical }
        - { id: scanner-2, kind: scanner, function: cargo-scanning, vendor: nuctech, criticality: high }
        - { id: scanner-3, kind: scanner, vendor: nuctech, criticality: critical }
    `;
    expect(runRule('vendor-concentration', inv).findings).toEqual([]);
    const widened = inv + 'policy:\n  params:\n    vendor-concentration: { criticalities: [critical, high] }\n';
    const { findings } = runRule('vendor-concentration', widened);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.entity).toEqual({ type: 'organization', id: 'nuctech' });
    expect(findings[0]!.evidence).toMatchObject({ count: 2, total: 2, share: 1 });
  });

  it('stays silent when the function is diversified', () => {
    expect(runRule('vendor-concentration', port(2, 2)).findings).toEqual([]);
  });
});
