/**
 * Helpers shared by the formatters: rule metadata for the rules that ran (the report's list,
 * completed from the context), help links, waiver and baseline wording, percentages.
 * Everything here is pure and deterministic.
 */
import { percent } from '../base/percent.js';
import { isCounted } from '../findings/waivers.js';
import { formatLocation } from '../source/errors.js';
import type { Report } from '../findings/report.js';
import type { Category, Finding, Severity } from '../findings/types.js';
import { SEVERITIES } from '../findings/types.js';
import type { Reference } from '../rules/load.js';
import type { FormatContext } from './types.js';

/** What the formatters know about one rule that ran. */
export interface RuleInfo {
  id: string;
  title: string;
  /** Effective severity (after configuration), from the report. */
  severity: Severity;
  category: Category | string;
  rationale: string;
  remediation: string;
  references: Reference[];
  tags: string[];
  /** Its documentation page, where one exists: the rule's own helpUri, or a built-in rule's page under the docs base. */
  helpUri?: string;
  /** builtin, or the rule file. */
  source: string;
  /** Findings it produced (waived ones included). */
  findings: number;
}

/**
 * A rule's documentation link: its own `helpUri`, or for a built-in rule its page under the
 * docs base (known only when package.json names the project's repository or homepage). A user
 * rule without a helpUri has no page: its help travels as text, and no link is made up.
 */
export function helpUriOf(id: string, ctx: FormatContext, explicit?: string, builtin = false): string | undefined {
  if (explicit !== undefined) return explicit;
  return builtin && ctx.docsBase ? `${ctx.docsBase}${id}.md` : undefined;
}

/**
 * The rules that ran, in the report's order, with their metadata from `ctx.rules`; a rule a
 * finding names that the report does not list is appended (synthetic or partial reports).
 */
export function rulesOf(report: Report, ctx: FormatContext): RuleInfo[] {
  const out: RuleInfo[] = [];
  const seen = new Set<string>();
  const add = (
    id: string,
    fallback: { title?: string; severity?: Severity; category?: string; source?: string; findings?: number },
  ) => {
    if (seen.has(id)) return;
    seen.add(id);
    const r = ctx.rules.get(id);
    out.push({
      id,
      title: fallback.title ?? r?.title ?? id,
      severity: fallback.severity ?? r?.severity ?? 'info',
      category: fallback.category ?? r?.category ?? 'inventory',
      rationale: (r?.rationale ?? '').trim(),
      remediation: (r?.remediation ?? '').trim(),
      references: r?.references ?? [],
      tags: r?.tags ?? [],
      ...(() => {
        const uri = helpUriOf(id, ctx, r?.helpUri, r?.source.builtin ?? false);
        return uri === undefined ? {} : { helpUri: uri };
      })(),
      source: fallback.source ?? (r ? (r.source.builtin ? 'builtin' : r.source.file) : 'unknown'),
      findings: fallback.findings ?? report.findings.filter((f) => f.ruleId === id).length,
    });
  };
  for (const r of report.rules) add(r.id, r);
  for (const f of report.findings) add(f.ruleId, { severity: f.severity, category: f.category });
  return out;
}

export function ruleMap(rules: RuleInfo[]): Map<string, RuleInfo> {
  return new Map(rules.map((r) => [r.id, r]));
}

/** A finding that still stands in this run: not waived, not hidden by the baseline, not resolved. */
export const isOpen = isCounted;

/** `file:line:col`. */
export function where(f: { location: { file: string; line: number; column: number } }): string {
  return formatLocation(f.location);
}

/** Forward slashes, for URIs and CI annotations. */
export function slashPath(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * A finding on one line, as CI annotations show it (GitHub, GitLab Code Quality, Checkstyle):
 * `severity: message`, with an expired waiver and a new diff finding noted in parentheses.
 */
export function annotationMessage(f: Finding): string {
  const notes = [
    f.waiver?.status === 'expired'
      ? `waiver${f.waiver.id ? ` ${f.waiver.id}` : ''} expired on ${f.waiver.expires}`
      : '',
    f.baselineState === 'new' ? 'new' : '',
  ].filter(Boolean);
  return `${f.severity}: ${f.message}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** 0.1596 -> "15.96%" (the same rendering as in rule messages). */
export { percent };

/** One line on the waiver of a finding, or "" when none matched. */
export function waiverText(f: Finding): string {
  const w = f.waiver;
  if (!w) return '';
  const extra = [
    w.id ? `waiver ${w.id}` : '',
    w.approver ? `approved by ${w.approver}` : '',
    w.ticket ? `ticket ${w.ticket}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const head = w.status === 'active' ? `waived until ${w.expires}` : `waiver expired on ${w.expires}`;
  return `${head}: ${w.reason}${extra ? ` (${extra})` : ''}`;
}

export function baselineText(state: Finding['baselineState']): string {
  return state === 'new'
    ? 'new'
    : state === 'unchanged'
      ? 'unchanged (in the baseline)'
      : state === 'absent'
        ? 'absent (resolved)'
        : '';
}

/** "source id: title", the text of a reference. */
export function referenceText(r: Reference): string {
  return `${r.source} ${r.id}${r.title ? `: ${r.title}` : ''}`;
}

/** Only http(s) links are rendered as links (no javascript: or data: from a user's rule file). */
export function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

/** Severities with their counts, most severe first. */
export function severityCounts(report: Report): { severity: Severity; count: number; waived: number; open: number }[] {
  return SEVERITIES.map((severity) => {
    const fs = report.findings.filter((f) => f.severity === severity);
    return {
      severity,
      count: fs.length,
      waived: fs.filter((f) => f.waiver?.status === 'active').length,
      open: fs.filter(isOpen).length,
    };
  });
}

/** Categories with findings, sorted by name. */
export function categoryCounts(report: Report): { category: string; count: number; waived: number; open: number }[] {
  const cats = [...new Set(report.findings.map((f) => f.category as string))].sort();
  return cats.map((category) => {
    const fs = report.findings.filter((f) => f.category === category);
    return {
      category,
      count: fs.length,
      waived: fs.filter((f) => f.waiver?.status === 'active').length,
      open: fs.filter(isOpen).length,
    };
  });
}

/** The one-line headline of the summary. */
export function headline(report: Report, ctx: FormatContext): string {
  const s = report.summary;
  const counts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) => `${s.bySeverity[sev]} ${sev}`);
  const head = s.total === 0 ? 'No findings' : `${s.total} finding${s.total === 1 ? '' : 's'} (${counts.join(', ')})`;
  const extra = [`${s.waived} waived`, s.baselined ? `${s.baselined} in the baseline` : ''].filter(Boolean).join(', ');
  const fail = ctx.failOn === 'none' ? '' : `; ${s.failing} failing at or above ${ctx.failOn}`;
  return `${head}, ${extra}${fail}`;
}

/**
 * Rule text (rationale, remediation) may mark names as `code`; everything else is plain text.
 * Renders the code spans with `code` and the rest with `text` (which escapes).
 */
export function withCode(s: string, text: (t: string, first: boolean) => string, code: (c: string) => string): string {
  return s
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 === 1 ? code(part.slice(1, -1)) : part ? text(part, i === 0) : ''))
    .join('');
}
