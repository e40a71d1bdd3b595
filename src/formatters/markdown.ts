/**
 * Markdown findings list for auditors: a title block (inventory, date, tool, files with their
 * SHA-256), a summary by severity and by category, every finding with its rule, evidence,
 * rationale, references, remediation and waiver status, the waiver register and the rules
 * that ran. Inventory text is escaped so that it renders as written (GitHub-flavoured Markdown).
 */
import type { Report } from '../findings/report.js';
import type { Finding } from '../findings/types.js';
import {
  baselineText,
  categoryCounts,
  headline,
  percent,
  referenceText,
  ruleMap,
  rulesOf,
  safeUrl,
  severityCounts,
  waiverText,
  where,
  withCode,
  type RuleInfo,
} from './common.js';
import { chainProduct, describeEvidence, hopVia, type EvidenceItem } from './evidence.js';
import type { FormatContext, Formatter } from './types.js';
import { paramOverrides, policyFacts, valueText, type Piece } from './policy.js';

/** Inline text: Markdown punctuation escaped, line breaks folded. */
export function mdText(s: string): string {
  return s.replace(/\r?\n|\r/g, ' ').replace(/([\\`*_{}[\]<>|#~&!])/g, '\\$1');
}

/** Text that starts a line (a paragraph, a list item): also no list or heading syntax at its start. */
export function mdLine(s: string): string {
  return mdText(s)
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A code span that holds any text; `table` also escapes pipes, which GFM tables split on even in code. */
export function mdCode(s: string, table = false): string {
  const t = s.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim()) ? ' ' : '';
  const span = t === '' ? '' : `${fence}${pad}${t}${pad}${fence}`;
  return table ? span.replace(/\|/g, '\\|') : span;
}

/** Rule text: its `code` spans kept, the rest escaped. */
export function ruleText(s: string): string {
  return withCode(
    s,
    (t, first) => (first ? mdLine(t) : mdText(t)),
    (c) => mdCode(c),
  );
}

function link(text: string, url: string | undefined): string {
  const u = safeUrl(url);
  return u ? `[${text}](<${u.replace(/[<>\s|]/g, encodeURIComponent)}>)` : text;
}

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

export function evidenceMarkdown(items: EvidenceItem[]): string[] {
  const out: string[] = [];
  for (const it of items) {
    const label = `**${mdText(it.label)}:**`;
    if (it.kind === 'field') out.push(`- ${label} ${mdText(it.value)}`);
    else if (it.kind === 'path') {
      out.push(`- ${label} ${it.hops.length} hop${it.hops.length === 1 ? '' : 's'} from ${mdCode(it.start)}`);
      it.hops.forEach((h, i) => out.push(`  ${i + 1}. ${mdCode(h.from)} → ${mdCode(h.to)} via ${mdText(hopVia(h))}`));
      if (it.zones.length)
        out.push(`- **${mdText(it.label)} zones crossed:** ${it.zones.map((z) => mdCode(z)).join(' → ')}`);
      if (it.conduits.length)
        out.push(`- **${mdText(it.label)} conduits passed:** ${it.conduits.map((c) => mdCode(c)).join(', ')}`);
    } else if (it.kind === 'chains') {
      out.push(`- ${label}`);
      for (const c of it.chains) {
        let s = mdCode(c.organizations[0] ?? '');
        for (let i = 1; i < c.organizations.length; i++)
          s += ` ← ${c.shares[i - 1] !== undefined ? `${mdText(percent(c.shares[i - 1]!))} ` : ''}${mdCode(c.organizations[i]!)}`;
        out.push(`  - ${s}: ${mdText(chainProduct(c))}`);
      }
    } else {
      out.push(`- ${label}`);
      for (const e of it.entries)
        out.push(`  - ${mdLine(e.value)}${e.items.length ? `: ${e.items.map((x) => mdCode(x)).join(', ')}` : ''}`);
    }
  }
  return out;
}

function findingSection(n: number, f: Finding, rule: RuleInfo | undefined): string[] {
  const title = rule?.title ?? f.ruleId;
  const out: string[] = [`### ${n}. ${mdText(title)}`, ''];
  const waiver = f.waiver ? mdText(waiverText(f)) : 'none';
  out.push(
    `- **Rule:** ${link(mdCode(f.ruleId), rule?.helpUri)}`,
    `- **Severity:** ${f.severity}`,
    `- **Category:** ${mdText(f.category)}`,
    `- **Entity:** ${mdText(f.entity.type)} ${mdCode(f.entity.id)}`,
    `- **Location:** ${mdCode(where(f))}`,
    `- **Message:** ${mdText(f.message)}`,
    `- **Waiver:** ${waiver}`,
  );
  if (f.baselineState) out.push(`- **Baseline:** ${baselineText(f.baselineState)}`);
  const related = f.related.map(
    (r) =>
      `${r.role ? `${mdText(r.role)}: ` : ''}${mdText(r.type)} ${mdCode(r.id)}${r.location ? ` (${mdCode(where({ location: r.location }))})` : ''}`,
  );
  if (related.length) out.push(`- **Related:** ${related.join('; ')}`);
  out.push(`- **Fingerprint:** ${mdCode(f.fingerprint)}`, '');
  const ev = evidenceMarkdown(describeEvidence(f.evidence));
  if (ev.length) out.push('**Evidence**', '', ...ev, '');
  if (rule?.rationale) out.push('**Rationale**', '', ruleText(rule.rationale), '');
  if (rule?.references.length)
    out.push('**References**', '', ...rule.references.map((r) => `- ${link(mdLine(referenceText(r)), r.url)}`), '');
  if (rule?.remediation) out.push('**Remediation**', '', ruleText(rule.remediation), '');
  return out;
}

const WAIVER_ORDER = { active: 0, refused: 1, expired: 2, unused: 3 } as const;

/** A waiver's status, with the reasons a refused one does not apply. */
export function waiverStatusText(w: Report['waivers'][number]): string {
  return w.refusal?.length ? `${w.status}: ${w.refusal.join('; ')}` : w.status;
}

export function waiverRegister(report: Report): Report['waivers'] {
  return report.waivers
    .map((w, i) => ({ w, i }))
    .sort((a, b) => WAIVER_ORDER[a.w.status] - WAIVER_ORDER[b.w.status] || a.i - b.i)
    .map(({ w }) => w);
}

export function renderMarkdown(report: Report, ctx: FormatContext): string {
  const rules = rulesOf(report, ctx);
  const byId = ruleMap(rules);
  const c = (s: string) => mdCode(s, true);
  const t = (s: string) => mdText(s);
  const out: string[] = [`# Findings: ${mdText(report.inventory.name)}`, ''];
  out.push(
    ...table(
      ['', ''],
      [
        ['Inventory', t(report.inventory.name)],
        ['Date', report.date],
        ['Tool', `${t(report.tool.name)} ${t(report.tool.version)}`],
        ['Result', t(headline(report, ctx))],
      ],
    ),
    '',
    '## Files',
    '',
    ...table(
      ['File', 'SHA-256'],
      report.inventory.files.map((f) => [c(f.path), c(f.sha256)]),
    ),
    '',
    '## Summary',
    '',
    '### By severity',
    '',
    ...table(
      ['Severity', 'Findings', 'Waived', 'Open'],
      severityCounts(report).map((s) => [s.severity, String(s.count), String(s.waived), String(s.open)]),
    ),
    '',
    '### By category',
    '',
  );
  const cats = categoryCounts(report);
  out.push(
    ...(cats.length
      ? table(
          ['Category', 'Findings', 'Waived', 'Open'],
          cats.map((x) => [t(x.category), String(x.count), String(x.waived), String(x.open)]),
        )
      : ['No findings.']),
    '',
  );
  out.push('## Findings', '');
  if (report.findings.length === 0) out.push('No findings.', '');
  report.findings.forEach((f, i) => out.push(...findingSection(i + 1, f, byId.get(f.ruleId))));
  out.push(...waiverMarkdown(report));
  out.push(...policyMarkdown(report, ctx));
  out.push('## Rules that ran', '');
  if (rules.length === 0) out.push('No rules ran.', '');
  else
    out.push(
      ...table(
        ['Rule', 'Title', 'Severity', 'Category', 'Source', 'Findings'],
        rules.map((r) => [
          link(c(r.id), r.helpUri),
          t(r.title),
          r.severity,
          t(r.category),
          c(r.source),
          String(r.findings),
        ]),
      ),
      '',
    );
  return out.join('\n').replace(/\n+$/, '\n');
}

/** The waiver register: every waiver, its status and how many findings it matched. */
function waiverMarkdown(report: Report): string[] {
  const c = (s: string) => mdCode(s, true);
  const t = (s: string) => mdText(s);
  const lines: string[] = [];
  lines.push('## Waiver register', '');
  const ws = waiverRegister(report);
  if (ws.length === 0) lines.push('No waivers.', '');
  else
    lines.push(
      ...table(
        ['Status', 'Id', 'Rule', 'Target', 'Expires', 'Matched', 'Reason', 'Approver', 'Ticket', 'Location'],
        ws.map((w) => [
          t(waiverStatusText(w)),
          w.id ? c(w.id) : '',
          c(w.rule),
          c(w.target),
          t(w.expires),
          String(w.matched),
          t(w.reason),
          w.approver ? t(w.approver) : '',
          w.ticket ? t(w.ticket) : '',
          w.location ? c(where({ location: w.location })) : '',
        ]),
      ),
      '',
    );
  return lines;
}

export const markdown: Formatter = (report, ctx) => renderMarkdown(report, ctx);

/** The policy section: where the policy came from, the configuration file, the threshold, and the parameters that differ from the defaults. */
export function policyMarkdown(report: Report, ctx: FormatContext): string[] {
  const p = report.policy;
  if (!p) return [];
  const piece = (x: Piece) => ('code' in x ? mdCode(x.code, true) : mdText(x.text));
  const overrides = paramOverrides(report, ctx);
  return [
    '## Policy',
    '',
    ...table(
      ['', ''],
      policyFacts(p).map(([label, pieces]) => [label, pieces.map(piece).join('')]),
    ),
    '',
    '### Parameters',
    '',
    ...(overrides.length
      ? [
          ...table(
            ['Rule', 'Parameter', 'Value', 'Default'],
            overrides.map((o) => [
              mdCode(o.rule, true),
              mdCode(o.param, true),
              mdCode(valueText(o.value), true),
              mdCode(valueText(o.default), true),
            ]),
          ),
          '',
          'Every other parameter of the rules that ran has its default.',
        ]
      : ['Every parameter of the rules that ran has its default.']),
    '',
  ];
}
