import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

describe('unvalidated-updates', () => {
  const inv = yaml`
    seglint: 1
    assets:
      - id: scanner-1
        kind: scanner
        criticality: critical
        updates: { validated: false, process: by the vendor over the remote link }
      - id: scanner-2
        kind: scanner
        criticality: critical
      - id: scanner-3
        kind: scanner
        criticality: critical
        updates: { validated: true }
      - id: switch-1
        kind: switch
        criticality: high
        updates: { validated: false }
  `;

  it('reports critical assets whose updates are not validated, or not recorded as validated', () => {
    const { findings } = runRule('unvalidated-updates', inv);
    expect(findings.map((f) => [f.ruleId, f.entity, f.location.line])).toEqual([
      ['unvalidated-updates', { type: 'asset', id: 'scanner-1' }, lineOf(inv, 'id: scanner-1')],
      ['unvalidated-updates', { type: 'asset', id: 'scanner-2' }, lineOf(inv, 'id: scanner-2')],
    ]);
    expect(findings[0]!.evidence).toEqual({ attributes: { criticality: 'critical', 'updates.validated': false } });
    expect(findings[1]!.evidence).toEqual({ attributes: { criticality: 'critical', 'updates.validated': null } });
    expect(findings[0]!.message).toBe('critical asset scanner-1 gets updates that are not validated before installation (updates.validated: false)');
    expect(findings[1]!.message).toContain('(updates.validated: (none))');
  });

  it('widens the criticalities through the inventory policy', () => {
    const text = inv + 'policy:\n  params:\n    unvalidated-updates: { criticalities: [critical, high] }\n';
    expect(runRule('unvalidated-updates', text).findings.map((f) => f.entity.id)).toEqual(['scanner-1', 'scanner-2', 'switch-1']);
  });

  it('stays silent on validated updates and on assets that are not critical', () => {
    const text = yaml`
      seglint: 1
      assets:
        - { id: scanner-1, kind: scanner, criticality: critical, updates: { validated: true } }
        - { id: camera-1, kind: camera, criticality: low, updates: { validated: false } }
        - { id: other-1, kind: other }
    `;
    expect(runRule('unvalidated-updates', text).findings).toEqual([]);
  });
});
