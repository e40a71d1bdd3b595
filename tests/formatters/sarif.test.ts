import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { sarif, artifactUri, ruleName } from '../../src/formatters/sarif.js';
import { displayContext, FORMATTERS } from '../../src/formatters/index.js';
import { jsonSafe } from '../../src/base/sanitize.js';
import { ROOT } from '../helpers.js';
import { DOCS, realisticReport, syntheticReport } from './support.js';

/** The official OASIS schema, vendored (see tests/fixtures/sarif/README.md). */
const SARIF_SCHEMA = path.resolve(ROOT, 'tests', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

let validator: ValidateFunction | undefined;
function sarifErrors(log: unknown): unknown[] {
  if (!validator) {
    // unicodeRegExp off: the official schema's `language` pattern is not valid with the u flag
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
      a: Ajv,
    ) => Ajv;
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as { $id: string; properties?: object };
    expect(schema.properties).toBeTypeOf('object');
    ajv.addSchema(schema);
    validator = ajv.getSchema(schema.$id)!;
    expect(validator).toBeTypeOf('function');
  }
  return validator(log) ? [] : (validator.errors ?? []);
}

type Log = any;

describe('sarif formatter', () => {
  it('is registered, its output with no raw control or bidi character', () => {
    const { report, ctx } = syntheticReport();
    expect(FORMATTERS.get('sarif')!(report, ctx)).toBe(jsonSafe(sarif(report, displayContext(ctx))));
  });

  it('writes valid SARIF 2.1.0 for the example inventory, with a region for every result and a helpUri for every rule', () => {
    const { report, ctx } = realisticReport();
    expect(report.findings.length).toBeGreaterThan(0);
    const out = sarif(report, ctx);
    const log: Log = JSON.parse(out);
    expect(sarifErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.tool.driver.name).toBe('seglint');
    // every rule that ran, in report order
    expect(run.tool.driver.rules.map((r: Log) => r.id)).toEqual(report.rules.map((r) => r.id));
    for (const r of run.tool.driver.rules) {
      expect(r.helpUri).toBe(`${DOCS}${r.id}.md`);
      const meta = ctx.rules.get(r.id)!;
      expect(r.shortDescription.text).toBe(meta.title);
      expect(r.fullDescription.text).toBe(meta.rationale.trim());
      expect(r.help.text).toContain(meta.remediation.trim());
      expect(r.help.markdown).toContain('## Remediation');
      expect(r.properties.category).toBe(meta.category);
      expect(Number(r.properties['security-severity'])).toBeGreaterThanOrEqual(0);
      expect(r.properties.tags).toContain('security');
    }
    expect(run.results).toHaveLength(report.findings.length);
    for (const [i, res] of run.results.entries()) {
      const f = report.findings[i]!;
      expect(res.ruleId).toBe(f.ruleId);
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(f.ruleId);
      expect(res.locations[0].physicalLocation.region).toEqual({
        startLine: f.location.line,
        startColumn: f.location.column,
      });
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toBe(f.location.file);
      expect(res.locations[0].logicalLocations[0]).toMatchObject({ name: f.entity.id, kind: f.entity.type });
      expect(res.partialFingerprints['seglint/v1']).toBe(f.fingerprint);
      expect(res.properties.evidence).toEqual(f.evidence);
      expect(res.relatedLocations ?? []).toHaveLength(f.related.filter((r) => r.location).length);
    }
    expect(run.artifacts).toEqual(
      report.inventory.files.map((f) => ({
        location: { uri: f.path },
        roles: ['analysisTarget'],
        hashes: { 'sha-256': f.sha256 },
      })),
    );
  });

  it('maps severities to levels and security-severity, waivers to suppressions, and carries the baseline state', () => {
    const { report, ctx } = syntheticReport();
    const log: Log = JSON.parse(sarif(report, ctx));
    expect(sarifErrors(log)).toEqual([]);
    const run = log.runs[0];
    const rules = Object.fromEntries(run.tool.driver.rules.map((r: Log) => [r.id, r]));
    // silent-rule ran with no findings and is listed all the same
    expect(Object.keys(rules).sort()).toEqual(report.rules.map((r) => r.id).sort());
    expect(rules['zone-reach'].defaultConfiguration.level).toBe('error');
    expect(rules['zone-reach'].properties['security-severity']).toBe('9.5');
    expect(rules['state-owned'].properties['security-severity']).toBe('8.0');
    expect(rules['multi-vendor-room'].properties['security-severity']).toBe('5.5');
    expect(rules['old-audit'].properties['security-severity']).toBe('3.0');
    expect(rules['note-only'].properties['security-severity']).toBe('0.0');
    expect(rules['zone-reach'].name).toBe('ZoneReach');
    expect(rules['zone-reach'].help.markdown).toContain(
      '[iec-62443 3-3 SR 5.1: network segmentation](https://example.org/iec)',
    );
    expect(rules['zone-reach'].help.markdown).not.toContain('javascript:');
    expect(rules['zone-reach'].defaultConfiguration.parameters).toEqual({ max: 1 });

    const byFp = Object.fromEntries(run.results.map((r: Log) => [r.partialFingerprints['seglint/v1'], r]));
    const res = (n: number) => byFp[n.toString(16).padStart(32, '0')];
    expect([1, 2, 3, 5, 6].map((n) => res(n).level)).toEqual(['error', 'error', 'warning', 'note', 'note']);
    expect(res(3).suppressions).toEqual([
      expect.objectContaining({
        kind: 'external',
        status: 'accepted',
        justification: expect.stringContaining('rebuilt in 2027'),
      }),
    ]);
    expect(res(3).suppressions[0].location.physicalLocation.region.startLine).toBe(200);
    expect(res(4).suppressions).toEqual([]); // expired: not suppressed
    expect(res(4).properties.waiver.status).toBe('expired');
    expect(res(1).baselineState).toBe('new');
    expect(res(7).baselineState).toBe('unchanged');
    expect(res(2).baselineState).toBeUndefined();
    // related entities with a location, with their role as message
    expect(res(1).relatedLocations.map((r: Log) => r.message.text)).toEqual([
      'path start: asset pc-1',
      'path end: asset plc-9',
    ]);
    // a file name with a space, a comma and a percent sign is a valid URI reference
    expect(res(6).locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'inv/odd%20name%2C%20100%25.yaml',
      index: 1,
    });
    expect(res(6).message.text).toContain('<script>');
  });

  it('checks against the schema for real (a wrong level or a relative helpUri is caught)', () => {
    const { report, ctx } = syntheticReport();
    const log: Log = JSON.parse(sarif(report, ctx));
    log.runs[0].results[0].level = 'critical';
    expect(sarifErrors(log)).not.toEqual([]);
    const log2: Log = JSON.parse(sarif(report, ctx));
    log2.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/x.md';
    expect(sarifErrors(log2)).not.toEqual([]);
  });

  it('leaves a relative docs base out of helpUri (SARIF wants an absolute URI) but keeps it in the help text', () => {
    const { report, ctx } = syntheticReport();
    const log: Log = JSON.parse(sarif(report, { ...ctx, docsBase: 'docs/rules/' }));
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].tool.driver.rules[0].helpUri).toBeUndefined();
    expect(log.runs[0].tool.driver.rules[0].help.text).toContain('docs/rules/zone-reach.md');
  });

  it('is deterministic and ends with a newline', () => {
    const { report, ctx } = syntheticReport();
    const a = sarif(report, ctx);
    expect(sarif(structuredClone(report), ctx)).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
  });

  it('validates with no findings and no rules', () => {
    const { report, ctx } = syntheticReport();
    report.findings = [];
    report.rules = [];
    const log: Log = JSON.parse(sarif(report, ctx));
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
  });

  it('makes URIs of paths', () => {
    expect(artifactUri('inventories/a b.yaml')).toBe('inventories/a%20b.yaml');
    expect(artifactUri('inventories\\win.yaml')).toBe('inventories/win.yaml');
    expect(artifactUri('/abs/x.yaml')).toBe('file:///abs/x.yaml');
    expect(artifactUri('C:\\x\\y.yaml')).toBe('file:///C:/x/y.yaml');
    expect(ruleName('mobile-uplink-in-closed-zone')).toBe('MobileUplinkInClosedZone');
  });
});
