/**
 * One self-contained HTML page for auditors: the content of the Markdown report, plus filters
 * by severity, category and waiver status that hide and show findings (inline script), and
 * counts. Nothing is fetched: the CSS and the script are inline and pinned by their SHA-256 in a
 * Content-Security-Policy that forbids every other source, so even text that slipped through
 * escaping could not load or run anything. Prints cleanly (@media print hides the controls).
 *
 * Hooks for tests (stable): #count-total, #count-shown, #count-<severity>; each finding is an
 * <article class="finding"> with data-severity, data-category, data-rule, data-waiver
 * (none|active|expired), data-fingerprint; the filters are inputs named severity, category
 * and waiver inside form#filters; #filter-reset shows everything again.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../findings/report.js';
import { CATEGORIES, type Finding } from '../findings/types.js';
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
import { waiverRegister, waiverStatusText } from './markdown.js';
import type { FormatContext, Formatter } from './types.js';
import { paramOverrides, policyFacts, valueText, type Piece } from './policy.js';

/** Text and attribute values: & < > " ' escaped. */
export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\r/g, '&#13;');
}

const code = (s: string) => `<code>${esc(s)}</code>`;

/** Rule text: its `code` spans kept, the rest escaped. */
const ruleHtml = (s: string) => withCode(s, esc, code);

function a(text: string, url: string | undefined): string {
  const u = safeUrl(url);
  return u ? `<a href="${esc(u)}" rel="noopener noreferrer">${text}</a>` : text;
}

const CSS = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --soft: #f6f8fa;
  --critical: #8b0000; --high: #cf222e; --medium: #9a6700; --low: #0969da; --info: #57606a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 0 .2em; border-radius: 3px; word-break: break-all; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num { text-align: right; }
[hidden] { display: none !important; }
.badge { display: inline-block; min-width: 4.5em; text-align: center; color: #fff; border-radius: 3px; padding: 0 .4em; font-size: .85em; font-weight: 600; text-transform: uppercase; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.counts { font-size: 1rem; }
.counts span[id] { font-weight: 700; }
#filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-start; background: var(--soft); border: 1px solid var(--line); padding: .5rem .75rem; margin: .5rem 0 1rem; }
#filters fieldset { border: 1px solid var(--line); margin: 0; padding: .25rem .5rem; }
#filters label { display: inline-block; margin-right: .6rem; white-space: nowrap; }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--info); border-radius: 4px; padding: .75rem 1rem; margin: 0 0 1rem; }
.finding[data-severity="critical"] { border-left-color: var(--critical); } .finding[data-severity="high"] { border-left-color: var(--high); }
.finding[data-severity="medium"] { border-left-color: var(--medium); } .finding[data-severity="low"] { border-left-color: var(--low); }
.finding[data-waiver="active"] { opacity: .8; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.evidence .k { font-weight: 600; }
.waiver-active { color: var(--medium); font-weight: 600; } .waiver-expired, .waiver-refused { color: var(--high); font-weight: 600; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; color: #000; }
  #filters, #filter-reset { display: none !important; }
  .finding { break-inside: avoid; page-break-inside: avoid; border-left-width: 4px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .badge { color: #000; background: none !important; border: 1px solid #000; }
  a { color: #000; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; word-break: break-all; }
}
`;

const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  var shown = document.getElementById('count-shown');
  var noMatch = document.getElementById('no-match');
  var reset = document.getElementById('filter-reset');
  var findings = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
  if (!form || !shown) return;
  function selected(name) {
    var set = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (i) { if (i.checked) set[i.value] = true; });
    return set;
  }
  function update() {
    var sev = selected('severity'), cat = selected('category'), wv = selected('waiver'), n = 0;
    findings.forEach(function (f) {
      var show = !!sev[f.getAttribute('data-severity')] && !!cat[f.getAttribute('data-category')] && !!wv[f.getAttribute('data-waiver')];
      f.hidden = !show;
      if (show) n++;
    });
    shown.textContent = String(n);
    if (noMatch) noMatch.hidden = n > 0 || findings.length === 0;
  }
  form.addEventListener('change', update);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  if (reset) reset.addEventListener('click', function () {
    Array.prototype.forEach.call(form.querySelectorAll('input[type="checkbox"]'), function (i) { i.checked = true; });
    update();
  });
  form.hidden = false;
  if (reset) reset.hidden = false;
  update();
})();
`;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
const CSP = `default-src 'none'; style-src 'sha256-${sha256(CSS)}'; script-src 'sha256-${sha256(SCRIPT)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

function tableHtml(head: string[], rows: string[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}>\n<thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.map((r) => `<tr>${r.map((c) => (/^\d+$/.test(c) ? `<td class="num">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`).join('\n')}\n</tbody>\n</table>`;
}

export function evidenceHtml(items: EvidenceItem[]): string {
  const lis = items.map((it) => {
    const k = `<span class="k">${esc(it.label)}:</span>`;
    if (it.kind === 'field') return `<li>${k} ${esc(it.value)}</li>`;
    if (it.kind === 'path') {
      const hops = it.hops.map((h) => `<li>${code(h.from)} → ${code(h.to)} via ${esc(hopVia(h))}</li>`).join('');
      const zones = it.zones.length ? `<div>zones crossed: ${it.zones.map(code).join(' → ')}</div>` : '';
      const conduits = it.conduits.length ? `<div>conduits passed: ${it.conduits.map(code).join(', ')}</div>` : '';
      return `<li>${k} ${it.hops.length} hop${it.hops.length === 1 ? '' : 's'} from ${code(it.start)}<ol class="path">${hops}</ol>${zones}${conduits}</li>`;
    }
    if (it.kind === 'chains') {
      const chains = it.chains.map((c) => {
        let s = code(c.organizations[0] ?? '');
        for (let i = 1; i < c.organizations.length; i++)
          s += ` ← ${c.shares[i - 1] !== undefined ? `${esc(percent(c.shares[i - 1]!))} ` : ''}${code(c.organizations[i]!)}`;
        return `<li>${s}: ${esc(chainProduct(c))}</li>`;
      });
      return `<li>${k}<ul class="chains">${chains.join('')}</ul></li>`;
    }
    const entries = it.entries.map(
      (e) => `<li>${esc(e.value)}${e.items.length ? `: ${e.items.map(code).join(', ')}` : ''}</li>`,
    );
    return `<li>${k}<ul class="values">${entries.join('')}</ul></li>`;
  });
  return `<ul class="evidence">\n${lis.join('\n')}\n</ul>`;
}

function findingHtml(n: number, f: Finding, rule: RuleInfo | undefined): string {
  const waiver = f.waiver?.status ?? 'none';
  const data = {
    'data-severity': f.severity,
    'data-category': f.category,
    'data-rule': f.ruleId,
    'data-entity-type': f.entity.type,
    'data-entity-id': f.entity.id,
    'data-waiver': waiver,
    ...(f.baselineState ? { 'data-baseline': f.baselineState } : {}),
    'data-fingerprint': f.fingerprint,
  };
  const attrs = Object.entries(data)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  const facts: [string, string][] = [
    ['Rule', a(code(f.ruleId), rule?.helpUri)],
    ['Category', esc(f.category)],
    ['Entity', `${esc(f.entity.type)} ${code(f.entity.id)}`],
    ['Location', code(where(f))],
    ['Message', esc(f.message)],
    ['Waiver', f.waiver ? `<span class="waiver-${esc(f.waiver.status)}">${esc(waiverText(f))}</span>` : 'none'],
  ];
  if (f.baselineState) facts.push(['Baseline', esc(baselineText(f.baselineState))]);
  if (f.related.length)
    facts.push([
      'Related',
      f.related
        .map(
          (r) =>
            `${r.role ? `${esc(r.role)}: ` : ''}${esc(r.type)} ${code(r.id)}${r.location ? ` (${code(where({ location: r.location }))})` : ''}`,
        )
        .join('; '),
    ]);
  facts.push(['Fingerprint', code(f.fingerprint)]);
  const parts = [
    `<article class="finding" id="finding-${n}"${attrs}>`,
    `<h3><span class="badge sev-${esc(f.severity)}">${esc(f.severity)}</span> ${n}. ${esc(rule?.title ?? f.ruleId)}</h3>`,
    `<dl class="facts">\n${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}\n</dl>`,
  ];
  const items = describeEvidence(f.evidence);
  if (items.length) parts.push('<h4>Evidence</h4>', evidenceHtml(items));
  if (rule?.rationale) parts.push('<h4>Rationale</h4>', `<p>${ruleHtml(rule.rationale)}</p>`);
  if (rule?.references.length)
    parts.push(
      '<h4>References</h4>',
      `<ul class="references">${rule.references.map((r) => `<li>${a(esc(referenceText(r)), r.url)}</li>`).join('')}</ul>`,
    );
  if (rule?.remediation) parts.push('<h4>Remediation</h4>', `<p>${ruleHtml(rule.remediation)}</p>`);
  parts.push('</article>');
  return parts.join('\n');
}

function checkbox(name: string, value: string, label: string): string {
  return `<label><input type="checkbox" name="${esc(name)}" value="${esc(value)}" checked> ${label}</label>`;
}

type SeverityCounts = ReturnType<typeof severityCounts>;
type CategoryCounts = ReturnType<typeof categoryCounts>;

/** The header (inventory, date, tool, result) and the files section (#files). */
function headerHtml(report: Report, ctx: FormatContext): string[] {
  const name = esc(report.inventory.name);
  return [
    '<header>',
    `<h1>Findings: ${name}</h1>`,
    tableHtml(
      ['', ''],
      [
        ['Inventory', name],
        ['Date', esc(report.date)],
        ['Tool', `${esc(report.tool.name)} ${esc(report.tool.version)}`],
        ['Result', esc(headline(report, ctx))],
      ],
      'meta',
    ),
    '</header>',
    '<section id="files">',
    '<h2>Files</h2>',
    tableHtml(
      ['File', 'SHA-256'],
      report.inventory.files.map((f) => [code(f.path), code(f.sha256)]),
    ),
    '</section>',
  ];
}

/** The summary section (#summary): the counts, by severity and by category. */
function summaryHtml(report: Report, sev: SeverityCounts, cats: CategoryCounts): string[] {
  return [
    '<section id="summary">',
    '<h2>Summary</h2>',
    `<p class="counts">Total: <span id="count-total" data-count="${report.findings.length}">${report.findings.length}</span> finding${report.findings.length === 1 ? '' : 's'}; ` +
      sev
        .map(
          (s) => `${s.severity}: <span id="count-${s.severity}" data-count-severity="${s.severity}">${s.count}</span>`,
        )
        .join(', ') +
      `; waived: <span id="count-waived">${report.summary.waived}</span>.</p>`,
    '<h3>By severity</h3>',
    tableHtml(
      ['Severity', 'Findings', 'Waived', 'Open'],
      sev.map((s) => [
        `<span class="badge sev-${s.severity}">${s.severity}</span>`,
        String(s.count),
        String(s.waived),
        String(s.open),
      ]),
    ),
    '<h3>By category</h3>',
    cats.length
      ? tableHtml(
          ['Category', 'Findings', 'Waived', 'Open'],
          cats.map((c) => [esc(c.category), String(c.count), String(c.waived), String(c.open)]),
        )
      : '<p>No findings.</p>',
    '</section>',
  ];
}

/** The filters form (#filters): every severity; the known categories plus any other a finding carries; the waiver states. */
function filtersHtml(report: Report, sev: SeverityCounts, cats: CategoryCounts): string[] {
  const catValues = [
    ...CATEGORIES.filter((c) => cats.some((x) => x.category === c)),
    ...cats.map((x) => x.category).filter((c) => !(CATEGORIES as readonly string[]).includes(c)),
  ];
  const waiverCounts = { none: 0, active: 0, expired: 0 };
  for (const f of report.findings) waiverCounts[f.waiver?.status ?? 'none']++;
  return [
    '<form id="filters" hidden>',
    `<fieldset id="filter-severity"><legend>Severity</legend>${sev.map((s) => checkbox('severity', s.severity, `${s.severity} (${s.count})`)).join('')}</fieldset>`,
    `<fieldset id="filter-category"><legend>Category</legend>${catValues.map((c) => checkbox('category', c, `${esc(c)} (${cats.find((x) => x.category === c)?.count ?? 0})`)).join('')}</fieldset>`,
    `<fieldset id="filter-waiver"><legend>Waiver</legend>${checkbox('waiver', 'none', `not waived (${waiverCounts.none})`)}${checkbox('waiver', 'active', `waived (${waiverCounts.active})`)}${checkbox('waiver', 'expired', `waiver expired (${waiverCounts.expired})`)}</fieldset>`,
    '</form>',
  ];
}

/** The findings section (#findings): the filters, the count shown, one article per finding. */
function findingsHtml(report: Report, rules: RuleInfo[], sev: SeverityCounts, cats: CategoryCounts): string[] {
  const byId = ruleMap(rules);
  const body = [
    '<section id="findings">',
    '<h2>Findings</h2>',
    ...filtersHtml(report, sev, cats),
    `<p class="counts"><span id="count-shown">${report.findings.length}</span> shown of ${report.findings.length} <button type="button" id="filter-reset" hidden>Show all</button></p>`,
  ];
  if (report.findings.length === 0) body.push('<p>No findings.</p>');
  report.findings.forEach((f, i) => body.push(findingHtml(i + 1, f, byId.get(f.ruleId))));
  body.push('<p id="no-match" hidden>No finding matches the filters.</p>', '</section>');
  return body;
}

/** The waiver register section (#waivers). */
function waiversHtml(report: Report): string[] {
  const ws = waiverRegister(report);
  return [
    '<section id="waivers">',
    '<h2>Waiver register</h2>',
    ws.length === 0
      ? '<p>No waivers.</p>'
      : tableHtml(
          ['Status', 'Id', 'Rule', 'Target', 'Expires', 'Matched', 'Reason', 'Approver', 'Ticket', 'Location'],
          ws.map((w) => [
            `<span class="waiver-${esc(w.status)}">${esc(waiverStatusText(w))}</span>`,
            w.id ? code(w.id) : '',
            code(w.rule),
            code(w.target),
            esc(w.expires),
            String(w.matched),
            esc(w.reason),
            esc(w.approver ?? ''),
            esc(w.ticket ?? ''),
            w.location ? code(where({ location: w.location })) : '',
          ]),
          'waivers',
        ),
    '</section>',
  ];
}

/** The section of the rules that ran (#rules). */
function rulesHtml(rules: RuleInfo[]): string[] {
  return [
    '<section id="rules">',
    '<h2>Rules that ran</h2>',
    rules.length === 0
      ? '<p>No rules ran.</p>'
      : tableHtml(
          ['Rule', 'Title', 'Severity', 'Category', 'Source', 'Findings'],
          rules.map((r) => [
            a(code(r.id), r.helpUri),
            esc(r.title),
            `<span class="badge sev-${esc(r.severity)}">${esc(r.severity)}</span>`,
            esc(r.category),
            code(r.source),
            String(r.findings),
          ]),
          'rules',
        ),
    '</section>',
  ];
}

export function renderHtml(report: Report, ctx: FormatContext): string {
  const rules = rulesOf(report, ctx);
  const sev = severityCounts(report);
  const cats = categoryCounts(report);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(report.tool.name)} ${esc(report.tool.version)}">`,
    `<title>Findings: ${esc(report.inventory.name)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...headerHtml(report, ctx),
    ...summaryHtml(report, sev, cats),
    ...findingsHtml(report, rules, sev, cats),
    ...waiversHtml(report),
    ...policyHtml(report, ctx),
    ...rulesHtml(rules),
    `<footer>Generated by ${esc(report.tool.name)} ${esc(report.tool.version)} on the inventory as of ${esc(report.date)}.</footer>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export const html: Formatter = (report, ctx) => renderHtml(report, ctx);

/** The policy section (#policy): where the policy came from, the configuration file, the threshold, the parameters that differ from the defaults. */
function policyHtml(report: Report, ctx: FormatContext): string[] {
  const p = report.policy;
  if (!p) return [];
  const piece = (x: Piece) => ('code' in x ? code(x.code) : esc(x.text));
  const overrides = paramOverrides(report, ctx);
  return [
    '<section id="policy">',
    '<h2>Policy</h2>',
    tableHtml(
      ['', ''],
      policyFacts(p).map(([label, pieces]) => [esc(label), pieces.map(piece).join('')]),
      'policy-facts',
    ),
    '<h3>Parameters</h3>',
    overrides.length
      ? tableHtml(
          ['Rule', 'Parameter', 'Value', 'Default'],
          overrides.map((o) => [code(o.rule), code(o.param), code(valueText(o.value)), code(valueText(o.default))]),
          'policy-params',
        ) + '<p>Every other parameter of the rules that ran has its default.</p>'
      : '<p>Every parameter of the rules that ran has its default.</p>',
    '</section>',
  ];
}

/** For tests: the policy the page carries. */
export const HTML_CSP = CSP;
