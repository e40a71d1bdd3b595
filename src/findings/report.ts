/**
 * The JSON report: a public contract, described by schemas/report.schema.json. Built from its
 * own small input (ReportInput: what was checked, the findings, the rules run, the waivers, the
 * policy), so that findings/ needs nothing of the application or the rule engine above it.
 */
import { ENTITY_COLLECTIONS, type CollectionName, type Inventory } from '../inventory/types.js';
import type { WaiverRecord } from './waivers.js';
import { isCounted } from './waivers.js';
import { SEVERITIES, type Finding, type Severity } from './types.js';
import { compareStrings } from '../base/compare.js';

export const REPORT_VERSION = 1;

/** The policy a run applied: where it came from, the configuration file, the threshold. In every report. */
export interface PolicyInfo {
  /** self: the inventory's own configuration, params and waivers; base: gating mode. */
  from: 'self' | 'base';
  /** In gating mode: the git revision or path the policy was read from. */
  base?: string;
  /** The configuration file applied (display path; in gating mode, its path in the base), or null. */
  config: string | null;
  /** The fail threshold, and who set it. */
  failOn: Severity | 'none';
  failOnFrom: 'command-line' | 'configuration' | 'default';
  /** User rule directories loaded (display paths). */
  rulesDirs: string[];
}

/** A rule that ran, as the report lists it. */
export interface RuleSummary {
  id: string;
  title: string;
  /** The effective severity of the run. */
  severity: Severity;
  category: string;
  /** `builtin`, or the rule file (display path). */
  source: string;
  /** Effective parameters, keys in canonical (sorted) order. */
  params: Record<string, unknown>;
}

/** What a report is made of (the application builds it from a run: src/check/report.ts). */
export interface ReportInput {
  inventory: Pick<Inventory, 'name' | 'files' | 'jurisdictions' | 'waivers' | CollectionName>;
  /** The date the run judged expiry and age by. */
  date: string;
  /** The findings to report (a baseline or a diff may have chosen them). */
  findings: Finding[];
  rules: RuleSummary[];
  waivers: WaiverRecord[];
  policy: PolicyInfo;
}

export interface ReportRule {
  id: string;
  title: string;
  severity: Severity;
  category: string;
  source: string;
  findings: number;
  /** Effective parameters of the run (defaults, then the policy's params, then the configuration's). */
  params?: Record<string, unknown>;
}

export interface Report {
  reportVersion: number;
  tool: { name: 'seglint'; version: string };
  inventory: { name: string; files: { path: string; sha256: string }[]; counts: Record<string, number> };
  date: string;
  findings: Finding[];
  summary: {
    total: number;
    bySeverity: Record<Severity, number>;
    byCategory: Record<string, number>;
    waived: number;
    failing: number;
    baselined?: number;
    diff?: { new: number; unchanged: number; resolved: number };
  };
  rules: ReportRule[];
  waivers: (WaiverRecord['waiver'] & {
    status: WaiverRecord['status'];
    matched: number;
    refusal?: string[];
    location?: WaiverRecord['location'];
  })[];
  /** The policy applied: where it came from, the configuration file, the fail threshold (seglint always writes it). */
  policy?: PolicyInfo;
}

export function summarize(findings: Finding[], atOrAbove: (s: Severity) => boolean): Report['summary'] {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byCategory: Record<string, number> = {};
  let waived = 0;
  let failing = 0;
  let baselined = 0;
  let total = 0;
  for (const f of findings) {
    // a resolved finding (diff: in the base, gone now) no longer stands: summary.diff counts it
    if (f.baselineState === 'absent') continue;
    total++;
    bySeverity[f.severity]++;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
    if (f.waiver?.status === 'active') waived++;
    if (f.baselineState === 'unchanged') baselined++;
    if (isCounted(f) && atOrAbove(f.severity)) failing++;
  }
  const sortedCats = Object.fromEntries(Object.entries(byCategory).sort(([a], [b]) => compareStrings(a, b)));
  return { total, bySeverity, byCategory: sortedCats, waived, failing, ...(baselined ? { baselined } : {}) };
}

export function buildReport(input: ReportInput, version: string, atOrAbove: (s: Severity) => boolean): Report {
  const { inventory: inv, findings } = input;
  const counts: Record<string, number> = { jurisdictions: inv.jurisdictions.length };
  for (const section of Object.keys(ENTITY_COLLECTIONS) as CollectionName[]) counts[section] = inv[section].length;
  counts.waivers = inv.waivers.length;
  const perRule = new Map<string, number>();
  for (const f of findings) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  return {
    reportVersion: REPORT_VERSION,
    tool: { name: 'seglint', version },
    inventory: {
      name: inv.name,
      files: inv.files,
      counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => compareStrings(a, b))),
    },
    date: input.date,
    findings,
    summary: summarize(findings, atOrAbove),
    rules: input.rules.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      category: r.category,
      source: r.source,
      findings: perRule.get(r.id) ?? 0,
      params: r.params,
    })),
    waivers: input.waivers.map((w) => ({
      ...canonicalWaiver(w.waiver),
      status: w.status,
      matched: w.matched,
      ...(w.refusal ? { refusal: w.refusal } : {}),
      ...(w.location ? { location: w.location } : {}),
    })),
    policy: { ...input.policy },
  };
}

/** The waiver's fields in a fixed order, so that the report does not depend on the order of keys in the file. */
function canonicalWaiver(w: WaiverRecord['waiver']): WaiverRecord['waiver'] {
  const out: Record<string, unknown> = {};
  for (const k of ['id', 'rule', 'target', 'reason', 'approver', 'ticket', 'expires'] as const)
    if (w[k] !== undefined) out[k] = w[k];
  for (const [k, v] of Object.entries(w)) if (!(k in out)) out[k] = v;
  return out as unknown as WaiverRecord['waiver'];
}
