import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkstyle, CHECKSTYLE_SEVERITY } from '../../src/formatters/checkstyle.js';
import { displayContext, FORMATTERS } from '../../src/formatters/index.js';
import { hasUnsafe, visibleDeep } from '../../src/base/sanitize.js';
import { ROOT, run, tempDir, TODAY } from '../helpers.js';
import { HOSTILE, open, realisticReport, syntheticReport } from './support.js';

type X = any;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['file', 'error'].includes(name),
  parseAttributeValue: false,
});

function parse(xml: string): X {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml);
  expect(doc.checkstyle['@version']).toBe('4.3');
  return doc;
}

const errors = (doc: X): X[] =>
  (doc.checkstyle.file ?? []).flatMap((f: X) => f.error.map((e: X) => ({ ...e, file: f['@name'] })));

describe('checkstyle formatter', () => {
  it('is registered, behind the sanitising layer', () => {
    const { report, ctx } = syntheticReport();
    expect(FORMATTERS.get('checkstyle')!(report, ctx)).toBe(checkstyle(visibleDeep(report), displayContext(ctx)));
  });

  it('parses, and has one error per finding that stands, grouped by file (example inventory)', () => {
    const { report, ctx } = realisticReport();
    const doc = parse(checkstyle(report, ctx));
    const standing = report.findings.filter(open);
    const es = errors(doc);
    expect(es).toHaveLength(standing.length);
    es.forEach((e, n) => {
      const f = standing[n]!;
      expect(e.file).toBe(f.location.file);
      expect(e['@line']).toBe(String(f.location.line));
      expect(e['@column']).toBe(String(f.location.column));
      expect(e['@severity']).toBe(CHECKSTYLE_SEVERITY[f.severity]);
      expect(e['@source']).toBe(`seglint.${f.ruleId}`);
      expect(e['@message']).toContain(f.message);
    });
    const names = doc.checkstyle.file.map((f: X) => f['@name']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('maps severities, leaves out waived, baselined and resolved findings, is deterministic', () => {
    const { report, ctx } = syntheticReport();
    report.findings.push({
      ...structuredClone(report.findings[1]!),
      baselineState: 'absent',
      fingerprint: 'e'.repeat(32),
    });
    const out = FORMATTERS.get('checkstyle')!(report, ctx);
    const es = errors(parse(out));
    expect(es.map((e) => [e['@source'], e['@severity']])).toEqual([
      ['seglint.note-only', 'info'],
      ['seglint.zone-reach', 'error'],
      ['seglint.state-owned', 'error'],
      ['seglint.multi-vendor-room', 'warning'],
      ['seglint.old-audit', 'info'],
    ]);
    expect(es[3]['@message']).toContain('waiver w-2 expired on 2021-12-31');
    const shuffled = structuredClone(report);
    shuffled.findings.reverse();
    expect(FORMATTERS.get('checkstyle')!(shuffled, ctx)).toBe(out);
    expect(CHECKSTYLE_SEVERITY).toEqual({
      critical: 'error',
      high: 'error',
      medium: 'warning',
      low: 'info',
      info: 'info',
    });
  });

  it('keeps hostile text as data', () => {
    const { report, ctx } = syntheticReport();
    report.findings[5]!.location.file = 'inv/"odd"\u202e <name>.yaml';
    const out = FORMATTERS.get('checkstyle')!(report, ctx);
    expect(hasUnsafe(out.replace(/\n/g, ''))).toBe(false);
    expect(out).not.toContain('<script>');
    const doc = parse(out);
    expect(doc.checkstyle.file).toHaveLength(2);
    const hostile = errors(doc).find((e) => e['@source'] === 'seglint.note-only');
    expect(hostile.file).toBe('inv/"odd"\\u202e <name>.yaml');
    expect(hostile['@message']).toContain('<script>alert("x")</script> & \'q\'');
    expect(hostile['@message']).not.toMatch(/[\n\r]/);
    expect(HOSTILE).toContain('\n');
  });

  it('is written by check -f checkstyle -o x.xml (the extension accepts it)', async () => {
    const dir = tempDir();
    const r = await run(
      [
        'check',
        path.join(ROOT, 'inventories/port-of-rotterdam.yaml'),
        '--today',
        TODAY,
        '-f',
        'checkstyle',
        '-o',
        'seglint.checkstyle.xml',
      ],
      { cwd: dir },
    );
    expect(r.stderr).not.toMatch(/error/);
    expect([0, 1]).toContain(r.status);
    const es = errors(parse(readFileSync(path.join(dir, 'seglint.checkstyle.xml'), 'utf8')));
    expect(es.length).toBeGreaterThan(0);
  });
});
