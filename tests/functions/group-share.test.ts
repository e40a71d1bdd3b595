/** group-share with several groupBy fields (used by vendor-concentration). */
import { describe, expect, it } from 'vitest';
import { runRule, tempDir, yaml } from '../helpers.js';

const rule = (groupBy: string) => yaml`
  id: test-group-share
  title: test
  severity: low
  category: supply-chain
  rationale: test
  select: { type: asset }
  check:
    function: group-share
    options: { groupBy: ${groupBy}, field: vendor, maxShare: 0.5, minGroupSize: 2 }
  message: "{{value}} {{count}}/{{total}} of {{group}}"
  remediation: test
`;

const inv = yaml`
  seglint: 1
  organizations:
    - { id: a, type: vendor }
    - { id: b, type: vendor }
  assets:
    - { id: s1, kind: scanner, function: scan, vendor: a }
    - { id: s2, kind: scanner, function: scan, vendor: a }
    - { id: s3, kind: scanner, function: scan, vendor: b }
    - { id: v1, kind: server, function: scan, vendor: b }
    - { id: v2, kind: server, function: scan, vendor: b }
    - { id: v3, kind: server, function: scan, vendor: a }
    - { id: x1, kind: server, vendor: a }
`;

function run(groupBy: string) {
  const dir = tempDir({ 'test-group-share.yaml': rule(groupBy) });
  return runRule('test-group-share', inv, { rulesDirs: [dir] }).findings;
}

describe('group-share', () => {
  it('groups by one field as before', () => {
    // scan: a 3 of 6, b 3 of 6: nothing above half; x1 has no function and is not grouped
    expect(run('function')).toEqual([]);
  });

  it('groups by the combination of several fields, skipping assets missing one', () => {
    const findings = run('[function, kind]');
    expect(findings.map((f) => f.message)).toEqual(['a 2/3 of scan/scanner', 'b 2/3 of scan/server']);
    expect(findings[0]!.evidence).toMatchObject({
      groupBy: ['function', 'kind'],
      group: 'scan/scanner',
      value: 'a',
      count: 2,
      total: 3,
      share: 0.6667,
      assets: ['s1', 's2'],
    });
    expect(findings[0]!.entity).toEqual({ type: 'organization', id: 'a' });
    expect(findings[0]!.related.map((r) => r.role)).toEqual([
      'function/kind scan/scanner',
      'function/kind scan/scanner',
    ]);
  });

  it('takes a one-element list like a single field', () => {
    expect(run('[function]')).toEqual([]);
  });
});
