import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

// today is 2026-11-29 (tests/helpers.ts)
const asset = (id: string, audit: string, criticality = 'critical') => `  - { id: ${id}, kind: scanner, criticality: ${criticality}${audit ? `, audit: ${audit}` : ''} }`;
const inv = (...assets: string[]) => `seglint: 1\nassets:\n${assets.join('\n')}\n`;

describe('audit-overdue', () => {
  it('reports a critical asset whose audit is planned or running but never completed', () => {
    const text = yaml`
      seglint: 1
      assets:
        - id: scanner-1
          kind: scanner
          criticality: critical
          audit:
            status: in-progress
            by: External auditor
    `;
    const { findings } = runRule('audit-overdue', text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe('audit-overdue');
    expect(f.entity).toEqual({ type: 'asset', id: 'scanner-1' });
    expect(f.location.line).toBe(lineOf(text, 'id: scanner-1'));
    expect(f.evidence).toEqual({ field: 'audit.lastCompleted', date: null, maxMonths: 24, today: '2026-11-29' });
    expect(f.message).toBe('critical asset scanner-1 has no external audit completed in the last 24 months (last completed: never, months ago: unknown, current audit: in-progress)');
  });

  it('reports an audit more than 24 whole months old, pointing at the date', () => {
    const text = yaml`
      seglint: 1
      assets:
        - id: scanner-1
          kind: scanner
          criticality: critical
          audit:
            status: completed
            lastCompleted: 2024-10-29
    `;
    const { findings } = runRule('audit-overdue', text);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.location.line).toBe(lineOf(text, 'lastCompleted:'));
    expect(findings[0]!.evidence).toMatchObject({ date: '2024-10-29', months: 25, maxMonths: 24 });
  });

  it('counts whole months: 24 months and some days is allowed, 25 months is not (boundary)', () => {
    // 2024-10-30 -> 2026-11-29 is 24 whole months (the 25th is reached on 2026-11-30)
    expect(runRule('audit-overdue', inv(asset('scanner-1', '{ status: completed, lastCompleted: 2024-10-30 }'))).findings).toEqual([]);
    const { findings } = runRule('audit-overdue', inv(asset('scanner-1', '{ status: completed, lastCompleted: 2024-10-29 }')));
    expect(findings.map((f) => f.evidence.months)).toEqual([25]);
  });

  it('honours maxMonths from the inventory policy', () => {
    const text = inv(asset('scanner-1', '{ status: completed, lastCompleted: 2025-10-01 }')) + 'policy:\n  params:\n    audit-overdue: { maxMonths: 12 }\n';
    const { findings } = runRule('audit-overdue', text);
    expect(findings.map((f) => f.entity.id)).toEqual(['scanner-1']);
    expect(findings[0]!.evidence).toMatchObject({ months: 13, maxMonths: 12 });
    expect(findings[0]!.message).toContain('in the last 12 months');
  });

  it('stays silent on recent audits and on assets that are not critical', () => {
    const text = inv(asset('scanner-1', '{ status: completed, lastCompleted: 2026-09-15 }'), asset('camera-1', '', 'medium'));
    expect(runRule('audit-overdue', text).findings).toEqual([]);
  });
});
