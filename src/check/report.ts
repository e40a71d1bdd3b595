/**
 * A run's report input: what findings/report.ts needs of a CheckResult, and no more. The
 * application owns this step because it knows both sides: the run (rules, their effective
 * parameters, the waiver register, the policy) and the report's own small input type.
 */
import type { ReportInput } from '../findings/report.js';
import type { Finding } from '../findings/types.js';
import type { CheckResult } from './check.js';
import { canonical } from '../base/canonical.js';

/** The report input of `result`; `findings` when a baseline or a diff chose others than the run's. */
export function reportInput(
  result: Pick<CheckResult, 'load' | 'today' | 'findings' | 'runs' | 'waivers' | 'policy'>,
  findings: Finding[] = result.findings,
): ReportInput {
  return {
    inventory: result.load.inventory,
    date: result.today,
    findings,
    rules: result.runs.map((r) => ({
      id: r.rule.id,
      title: r.rule.title,
      severity: r.severity,
      category: r.rule.category,
      source: r.rule.source.builtin ? 'builtin' : r.rule.source.file,
      params: canonical(r.params) as Record<string, unknown>,
    })),
    waivers: result.waivers,
    policy: result.policy,
  };
}
