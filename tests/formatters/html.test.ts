import { createHash } from 'node:crypto';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { esc, html } from '../../src/formatters/html.js';
import { displayContext, FORMATTERS } from '../../src/formatters/index.js';
import { visibleDeep } from '../../src/base/sanitize.js';
import { SEVERITIES } from '../../src/findings/types.js';
import { HOSTILE, realisticReport, syntheticReport } from './support.js';

const unesc = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#13;/g, '\r')
    .replace(/&amp;/g, '&');
const attrsOf = (tag: string) =>
  Object.fromEntries([...tag.matchAll(/ ([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, unesc(m[2]!)]));
const articles = (page: string) => [...page.matchAll(/<article class="finding"[^>]*>/g)].map((m) => attrsOf(m[0]));
const textOf = (page: string, id: string) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(page)?.[1];

/** Just enough DOM to run the page's script: the finding articles, the filter inputs, the counters. */
class El {
  hidden: boolean;
  textContent = '';
  checked = true;
  listeners: Record<string, ((e: { preventDefault(): void }) => void)[]> = {};
  constructor(
    public attrs: Record<string, string>,
    hidden = false,
  ) {
    this.hidden = hidden;
  }
  get value() {
    return this.attrs.value ?? '';
  }
  getAttribute(n: string) {
    return this.attrs[n] ?? null;
  }
  addEventListener(t: string, f: () => void) {
    (this.listeners[t] ??= []).push(f);
  }
  fire(t: string) {
    for (const f of this.listeners[t] ?? []) f({ preventDefault() {} });
  }
}

function runPage(page: string) {
  const script = /<script>([\s\S]*)<\/script>/.exec(page)![1]!;
  const findings = articles(page).map((a) => new El(a));
  const inputs = [...page.matchAll(/<input [^>]*>/g)].map((m) => new El(attrsOf(m[0])));
  const form = Object.assign(new El({}, true), {
    querySelectorAll: (sel: string) => {
      const name = /name="(\w+)"/.exec(sel)?.[1];
      return inputs.filter((i) => !name || i.attrs.name === name);
    },
  });
  const byId: Record<string, El> = {
    filters: form,
    'count-shown': new El({}),
    'no-match': new El({}, true),
    'filter-reset': new El({}, true),
  };
  const document = {
    getElementById: (id: string) => byId[id] ?? null,
    querySelectorAll: (sel: string) => (sel === 'article.finding' ? findings : []),
  };
  vm.runInNewContext(script, { document });
  const shown = () => Number(byId['count-shown']!.textContent);
  const set = (name: string, value: string, on: boolean) => {
    inputs.find((i) => i.attrs.name === name && i.attrs.value === value)!.checked = on;
    form.fire('change');
  };
  return { findings, form, byId, shown, set, visible: () => findings.filter((f) => !f.hidden) };
}

describe('html formatter', () => {
  it('is registered, behind the sanitising layer', () => {
    const { report, ctx } = syntheticReport();
    expect(FORMATTERS.get('html')!(report, ctx)).toBe(html(visibleDeep(report), displayContext(ctx)));
  });

  it('is one self-contained page: inline CSS and script pinned by a CSP, nothing fetched, print styles', () => {
    const { report, ctx } = realisticReport();
    const page = html(report, ctx);
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    // nothing that loads anything
    expect(page).not.toMatch(/<link\b|<img\b|<iframe\b|<object\b|<embed\b|\ssrc=|@import|url\(|@font-face/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page.match(/<style/g)).toHaveLength(1);
    const csp = unesc(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)![1]!);
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(style).toContain('@media print');
    // no inline event handlers or style attributes (the CSP would block them)
    expect(page).not.toMatch(/\son\w+="|\sstyle="/i);
  });

  it('has counts, filters and one element per finding with stable hooks (example inventory)', () => {
    const { report, ctx } = realisticReport();
    const page = html(report, ctx);
    expect(textOf(page, 'count-total')).toBe(String(report.findings.length));
    expect(textOf(page, 'count-shown')).toBe(String(report.findings.length));
    for (const s of SEVERITIES) expect(textOf(page, `count-${s}`)).toBe(String(report.summary.bySeverity[s]));
    const arts = articles(page);
    expect(arts.map((a) => a['data-fingerprint'])).toEqual(report.findings.map((f) => f.fingerprint));
    expect(arts.map((a) => a['data-severity'])).toEqual(report.findings.map((f) => f.severity));
    expect(arts.map((a) => a['data-category'])).toEqual(report.findings.map((f) => f.category));
    expect(arts.map((a) => a['data-rule'])).toEqual(report.findings.map((f) => f.ruleId));
    expect(new Set(arts.map((a) => a.id)).size).toBe(arts.length);
    for (const s of SEVERITIES) expect(page).toContain(`<input type="checkbox" name="severity" value="${s}" checked>`);
    for (const c of Object.keys(report.summary.byCategory))
      expect(page).toContain(`<input type="checkbox" name="category" value="${c}" checked>`);
    for (const r of report.rules) expect(page).toContain(`<code>${esc(r.id)}</code>`);
    for (const f of report.inventory.files) expect(page).toContain(`<code>${f.sha256}</code>`);
    // ids are unique
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the content of the markdown report: evidence, rationale, references, remediation, waivers, rules', () => {
    const { report, ctx } = syntheticReport();
    const page = html(report, ctx);
    expect(page).toContain(
      '<ol class="path"><li><code>pc-1</code> → <code>fw-1</code> via link l-1 (ethernet)</li><li><code>fw-1</code> → <code>plc-9</code> via link l-2 (mobile, remote-maintenance, conduit c-1)</li></ol>',
    );
    expect(page).toContain(
      '<ul class="chains"><li><code>nuctech</code> ← 76% <code>tongfang</code> ← 21% <code>cnnc</code>: 0.76 x 0.21 = 15.96%</li></ul>',
    );
    expect(page).toContain(
      '<ul class="values"><li>nuctech: <code>srv-1</code>, <code>srv-2</code></li><li>smiths: <code>srv-3</code></li></ul>',
    );
    expect(page).toContain('<h4>Rationale</h4>\n<p>Why zone-reach matters.</p>');
    expect(page).toContain(
      '<a href="https://example.org/iec" rel="noopener noreferrer">iec-62443 3-3 SR 5.1: network segmentation</a>',
    );
    expect(page).not.toContain('javascript:');
    expect(page).toContain('<h4>Remediation</h4>\n<p>Fix zone-reach.</p>');
    expect(page).toContain(
      'waived until 2027-12-31: rebuilt in 2027 (waiver w-1, approved by Head of ops, ticket OPS-1)',
    );
    const register = page.slice(page.indexOf('<section id="waivers">'), page.indexOf('<section id="rules">'));
    expect([...register.matchAll(/<span class="waiver-(\w+)">/g)].map((m) => m[1])).toEqual([
      'active',
      'expired',
      'unused',
    ]);
    expect(page.slice(page.indexOf('<section id="rules">'))).toContain('silent-rule');
    expect(articles(page).map((a) => a['data-waiver'])).toEqual([
      'none',
      'none',
      'active',
      'expired',
      'none',
      'none',
      'none',
    ]);
    expect(articles(page)[0]!['data-baseline']).toBe('new');
  });

  it('escapes all inventory text', () => {
    const { report, ctx } = syntheticReport();
    const page = html(report, ctx);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<b>');
    expect(page).toContain('<title>Findings: Plant &lt;b&gt;&amp;&lt;/b&gt; &quot;yard&quot;</title>');
    expect(page).toContain('hostile &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
    expect(articles(page)[5]!['data-entity-id']).toBe(HOSTILE);
    expect(esc(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });

  it('filters by severity, category and waiver, and keeps the shown counter right', () => {
    const { report, ctx } = syntheticReport();
    const page = html(report, ctx);
    const p = runPage(page);
    expect(p.form.hidden).toBe(false); // the controls appear once the script runs
    expect(p.byId['filter-reset']!.hidden).toBe(false);
    expect(p.shown()).toBe(7);
    p.set('severity', 'medium', false);
    expect(p.shown()).toBe(5);
    expect(p.visible().every((f) => f.attrs['data-severity'] !== 'medium')).toBe(true);
    p.set('category', 'lifecycle', false);
    expect(p.shown()).toBe(3);
    p.set('severity', 'medium', true);
    p.set('waiver', 'active', false);
    expect(p.shown()).toBe(4);
    expect(p.visible().map((f) => f.attrs.id)).toEqual(['finding-1', 'finding-2', 'finding-4', 'finding-6']);
    for (const s of ['critical', 'high', 'medium', 'low', 'info']) p.set('severity', s, false);
    expect(p.shown()).toBe(0);
    expect(p.byId['no-match']!.hidden).toBe(false);
    p.byId['filter-reset']!.fire('click');
    expect(p.shown()).toBe(7);
    expect(p.byId['no-match']!.hidden).toBe(true);
  });

  it('is deterministic and handles an empty report', () => {
    const { report, ctx } = syntheticReport();
    expect(html(structuredClone(report), ctx)).toBe(html(report, ctx));
    report.findings = [];
    const page = html(report, ctx);
    expect(textOf(page, 'count-total')).toBe('0');
    expect(textOf(page, 'count-shown')).toBe('0');
    expect(runPage(page).shown()).toBe(0);
  });
});
