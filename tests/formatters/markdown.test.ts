import { describe, expect, it } from 'vitest';
import { markdown, mdCode, mdLine, mdText } from '../../src/formatters/markdown.js';
import { displayContext, FORMATTERS } from '../../src/formatters/index.js';
import { visibleDeep } from '../../src/base/sanitize.js';
import { realisticReport, syntheticReport } from './support.js';

/** The text of a `## heading` section, up to the next `## `. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start, end === -1 ? undefined : end);
}

describe('markdown formatter', () => {
  it('is registered, behind the sanitising layer', () => {
    const { report, ctx } = syntheticReport();
    expect(FORMATTERS.get('markdown')!(report, ctx)).toBe(markdown(visibleDeep(report), displayContext(ctx)));
  });

  it('lists every finding of the example inventory with its rule, rationale and remediation', () => {
    const { report, ctx } = realisticReport();
    const md = markdown(report, ctx);
    expect(md.startsWith(`# Findings: ${report.inventory.name}\n`)).toBe(true);
    for (const f of report.inventory.files) expect(md).toContain(`| \`${f.path}\` | \`${f.sha256}\` |`);
    expect(md).toContain(`| Date | ${report.date} |`);
    const findings = section(md, 'Findings');
    expect(findings.match(/^### \d+\. /gm) ?? []).toHaveLength(report.findings.length);
    for (const f of report.findings)
      expect(findings).toContain(`\`${f.location.file}:${f.location.line}:${f.location.column}\``);
    const rules = section(md, 'Rules that ran');
    for (const r of report.rules) expect(rules).toContain(`[\`${r.id}\`]`);
    // the expired waiver of the example is in the register
    for (const w of report.waivers) expect(section(md, 'Waiver register')).toContain(`| ${w.status} |`);
    expect(md.endsWith('|\n')).toBe(true);
  });

  it('has a title block, summaries by severity and category, findings with readable evidence, the waiver register and the rules', () => {
    const { report, ctx } = syntheticReport();
    const md = markdown(report, ctx);
    expect(md).toContain('| Tool | seglint 1.2.3 |');
    expect(md).toContain(
      '| Result | 7 findings (1 critical, 1 high, 2 medium, 2 low, 1 info), 1 waived, 1 in the baseline; 5 failing at or above low |',
    );
    const summary = section(md, 'Summary');
    expect(summary).toContain('| medium | 2 | 1 | 1 |');
    expect(summary).toContain('| physical | 2 | 1 | 1 |');
    expect(summary).toContain('| low | 2 | 0 | 1 |'); // one is in the baseline

    const findings = section(md, 'Findings');
    // a path, hop by hop, as a numbered list
    expect(findings).toContain(
      '- **path:** 2 hops from `pc-1`\n  1. `pc-1` → `fw-1` via link l-1 (ethernet)\n  2. `fw-1` → `plc-9` via link l-2 (mobile, remote-maintenance, conduit c-1)',
    );
    // ownership chains with shares and product
    expect(findings).toContain('  - `nuctech` ← 76% `tongfang` ← 21% `cnnc`: 0.76 x 0.21 = 15.96%');
    expect(findings).toContain('- **share:** 15.96%');
    // values as a list
    expect(findings).toContain('- **values:**\n  - nuctech: `srv-1`, `srv-2`\n  - smiths: `srv-3`');
    expect(findings).toContain('- **access.remoteLinks:** l-1, l-2');
    // waiver status
    expect(findings).toContain(
      '- **Waiver:** waived until 2027-12-31: rebuilt in 2027 (waiver w-1, approved by Head of ops, ticket OPS-1)',
    );
    expect(findings).toContain('- **Waiver:** waiver expired on 2021-12-31: was to be rebuilt in 2021 (waiver w-2)');
    expect(findings).toContain('- **Baseline:** new');
    // rationale, references (http links only), remediation
    expect(findings).toContain('**Rationale**\n\nWhy zone-reach matters.');
    expect(findings).toContain('- [iec-62443 3-3 SR 5.1: network segmentation](<https://example.org/iec>)');
    expect(findings).toContain('- seed Q10\n');
    expect(md).not.toContain('javascript:');
    expect(findings).toContain('**Remediation**\n\nFix zone-reach.');

    // waiver register: active, expired, unused
    const register = section(md, 'Waiver register');
    const statuses = [...register.matchAll(/^\| (active|expired|unused) \|/gm)].map((m) => m[1]);
    expect(statuses).toEqual(['active', 'expired', 'unused']);
    // the rule that found nothing is listed as having run
    expect(section(md, 'Rules that ran')).toContain('| Title of silent-rule | high | monitoring | `builtin` | 0 |');
  });

  it('escapes inventory text: no raw HTML, no broken tables, one line per list item', () => {
    const { report, ctx } = syntheticReport();
    const md = markdown(report, ctx);
    // outside code spans (where text is literal) no raw HTML remains
    const prose = md.replace(/(`+)(?!`)[^\n]*?[^`]\1(?!`)/g, '');
    expect(md).toContain('``<script>alert("x")</script>');
    expect(prose).not.toContain('<script>');
    expect(prose).not.toContain('<b>');
    expect(md).toContain('# Findings: Plant \\<b\\>\\&\\</b\\> "yard"');
    const msg = md.split('\n').find((l) => l.startsWith('- **Message:** hostile'))!;
    expect(msg).toContain('\\<script\\>');
    expect(msg).toContain('\\|pipe\\|');
    expect(msg).toContain('\\*star\\*');
    expect(msg).toContain('line2 =cmd'); // line breaks folded
    // every table row has as many cells as its header
    for (const block of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const rows = block.split('\n').filter(Boolean);
      const cells = (r: string) => r.replace(/\\\|/g, '').split('|').length;
      for (const r of rows) expect(cells(r)).toBe(cells(rows[0]!));
    }
  });

  it('is deterministic, and says so when there is nothing', () => {
    const { report, ctx } = syntheticReport();
    expect(markdown(structuredClone(report), ctx)).toBe(markdown(report, ctx));
    report.findings = [];
    report.waivers = [];
    const md = markdown(report, ctx);
    expect(section(md, 'Findings')).toContain('No findings.');
    expect(section(md, 'Waiver register')).toContain('No waivers.');
  });

  it('escapes helpers', () => {
    expect(mdText('a *b* [c](d) <e> | f_g `h`')).toBe('a \\*b\\* \\[c\\](d) \\<e\\> \\| f\\_g \\`h\\`');
    expect(mdLine('- x')).toBe('\\- x');
    expect(mdLine('1. x')).toBe('1\\. x');
    expect(mdText('1.2.3')).toBe('1.2.3');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`a')).toBe('`` `a ``');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
  });
});
