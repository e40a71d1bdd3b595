import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { junit, xmlAttr, xmlText } from '../../src/formatters/junit.js';
import { displayContext, FORMATTERS } from '../../src/formatters/index.js';
import { visibleDeep } from '../../src/base/sanitize.js';
import { HOSTILE, open, realisticReport, syntheticReport } from './support.js';

type X = any;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  parseAttributeValue: false,
});

function parse(xml: string): X {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

const cases = (doc: X): X[] => doc.testsuites.testsuite.flatMap((s: X) => s.testcase);

describe('junit formatter', () => {
  it('is registered, behind the sanitising layer', () => {
    const { report, ctx } = syntheticReport();
    expect(FORMATTERS.get('junit')!(report, ctx)).toBe(junit(visibleDeep(report), displayContext(ctx)));
  });

  it('parses, has a suite per rule that ran and one failure per finding that stands (example inventory)', () => {
    const { report, ctx } = realisticReport();
    const doc = parse(junit(report, ctx));
    const suites: X[] = doc.testsuites.testsuite;
    expect(suites.map((s) => s['@name'])).toEqual(report.rules.map((r) => r.id));
    const failures = cases(doc).filter((c) => 'failure' in c);
    expect(failures).toHaveLength(report.findings.filter(open).length);
    expect(Number(doc.testsuites['@failures'])).toBe(failures.length);
    for (const s of suites) {
      const fs = report.findings.filter((f) => f.ruleId === s['@name']);
      expect(s.testcase).toHaveLength(Math.max(1, fs.length));
      expect(Number(s['@tests'])).toBe(s.testcase.length);
    }
    // file:line in the body
    const f = report.findings.find(open)!;
    expect(
      failures.some((c) =>
        String(c.failure['#text']).includes(`${f.location.file}:${f.location.line}:${f.location.column}`),
      ),
    ).toBe(true);
  });

  it('fails unwaived findings, skips waived and baselined ones, and passes rules without findings', () => {
    const { report, ctx } = syntheticReport();
    const xml = junit(report, ctx);
    const doc = parse(xml);
    const all = cases(doc);
    const failures = all.filter((c) => 'failure' in c);
    const skipped = all.filter((c) => 'skipped' in c);
    expect(failures).toHaveLength(report.findings.filter(open).length); // 5: the expired waiver still fails
    expect(skipped).toHaveLength(2); // the active waiver and the baselined finding
    expect(Number(doc.testsuites['@failures'])).toBe(5);
    expect(Number(doc.testsuites['@skipped'])).toBe(2);
    expect(Number(doc.testsuites['@tests'])).toBe(report.findings.length + 1);

    const waived = skipped.find((c) => c['@name'] === 'room server-room')!;
    expect(waived.skipped['@message']).toMatch(/^waived until 2027-12-31: rebuilt in 2027/);
    const expired = failures.find((c) => c['@name'] === 'room annex')!;
    expect(expired.failure['#text']).toContain('waiver expired on 2021-12-31');

    const silent = doc.testsuites.testsuite.find((s: X) => s['@name'] === 'silent-rule');
    expect(silent.testcase).toEqual([
      expect.objectContaining({ '@name': 'no findings', '@classname': 'seglint.silent-rule' }),
    ]);
    expect(silent['@failures']).toBe('0');

    const zone = failures.find((c) => c['@name'] === 'zone office')!;
    expect(zone['@classname']).toBe('seglint.zone-reach');
    expect(zone['@file']).toBe('inv/plant.yaml');
    expect(zone['@line']).toBe('10');
    expect(zone.failure['@type']).toBe('critical');
    expect(zone.failure['@message']).toBe('inv/plant.yaml:10:5: zone-reach message 1');
    const body: string = zone.failure['#text'];
    expect(body).toContain('inv/plant.yaml:10:5');
    expect(body).toContain('1. pc-1 -> fw-1 via link l-1 (ethernet)');
    expect(body).toContain('2. fw-1 -> plc-9 via link l-2 (mobile, remote-maintenance, conduit c-1)');
    expect(body).toContain('remediation: Fix zone-reach.');
  });

  it('escapes inventory text so that it round-trips', () => {
    const { report, ctx } = syntheticReport();
    const xml = junit(report, ctx);
    expect(xml).not.toContain('<script>');
    const doc = parse(xml);
    const hostile = cases(doc).find((c) => c['@classname'] === 'seglint.note-only')!;
    // attribute values: line breaks are kept as character references, so they survive normalisation
    const p = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      htmlEntities: true,
      isArray: (n) => n === 'testcase' || n === 'testsuite',
    });
    const raw = p.parse(xml).testsuites.testsuite.find((s: X) => s['@name'] === 'note-only').testcase[0];
    expect(hostile['@name']).toContain('asset <script>');
    expect(raw.failure['@message']).toContain(`hostile ${HOSTILE.slice(0, 20)}`);
    expect(hostile.failure['#text']).toContain('alert("x")');
    expect(doc.testsuites['@name']).toBe('seglint 1.2.3: Plant <b>&</b> "yard"');
  });

  it('escapes what XML cannot carry, visibly', () => {
    expect(xmlText('a & <b> c')).toBe('a &amp; &lt;b&gt; c');
    expect(xmlAttr(`"q" 'a'\n\tz`)).toBe('&quot;q&quot; &apos;a&apos;&#10;&#9;z');
    expect(xmlText('bell\u0007 nul\u0000 ok\u00e9 \ud83d\ude00 lone\ud800')).toBe(
      'bell\\u0007 nul\\u0000 ok\u00e9 \ud83d\ude00 lone\\ud800',
    );
  });

  it('is deterministic', () => {
    const { report, ctx } = syntheticReport();
    expect(junit(structuredClone(report), ctx)).toBe(junit(report, ctx));
  });

  it('names several findings on one entity apart', () => {
    const { report, ctx } = syntheticReport();
    report.findings.push({ ...structuredClone(report.findings[1]!), fingerprint: 'f'.repeat(32) });
    const doc = parse(junit(report, ctx));
    const names = doc.testsuites.testsuite
      .find((s: X) => s['@name'] === 'state-owned')
      .testcase.map((c: X) => c['@name']);
    expect(new Set(names).size).toBe(2);
  });
});
