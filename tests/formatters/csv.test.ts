import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csv, csvField } from '../../src/formatters/csv.js';
import { displayContext, FORMATTERS } from '../../src/formatters/index.js';
import { visible, visibleDeep } from '../../src/base/sanitize.js';
import { HOSTILE, realisticReport, syntheticReport } from './support.js';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), (i += 2));
      else if (ch === '"') ((quoted = false), i++);
      else ((field += ch), i++);
    } else if (ch === '"' && field === '') ((quoted = true), i++);
    else if (ch === ',') (row.push(field), (field = ''), i++);
    else if (ch === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), (i += 2));
    else if (ch === '"' || ch === '\r' || ch === '\n') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    else ((field += ch), i++);
  }
  if (field !== '' || row.length) throw new Error('last record not terminated by CRLF');
  return rows;
}

describe('csv formatter', () => {
  it('is registered, behind the sanitising layer', () => {
    const { report, ctx } = syntheticReport();
    expect(FORMATTERS.get('csv')!(report, ctx)).toBe(csv(visibleDeep(report), displayContext(ctx)));
  });

  it('writes a header and one row per finding of the example inventory', () => {
    const { report, ctx } = realisticReport();
    const rows = parseCsv(csv(report, ctx));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(report.findings.length + 1);
    rows.slice(1).forEach((r, i) => {
      const f = report.findings[i]!;
      const rec = Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, r[j]]));
      expect(rec).toMatchObject({
        severity: f.severity,
        ruleId: f.ruleId,
        entityId: f.entity.id,
        file: f.location.file,
        line: String(f.location.line),
        column: String(f.location.column),
        fingerprint: f.fingerprint,
      });
    });
  });

  it('quotes per RFC 4180, keeps waiver status and expiry, and defuses formulas', () => {
    const { report, ctx } = syntheticReport();
    const text = csv(report, ctx);
    const rows = parseCsv(text);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const rec = (i: number) => Object.fromEntries(CSV_COLUMNS.map((c, j) => [c, rows[i + 1]![j]]));
    expect(rec(2)).toMatchObject({
      waiverStatus: 'active',
      waiverExpires: '2027-12-31',
      entityType: 'room',
      entityId: 'server-room',
      category: 'physical',
    });
    expect(rec(3)).toMatchObject({ waiverStatus: 'expired', waiverExpires: '2021-12-31' });
    expect(rec(0)).toMatchObject({ waiverStatus: '', waiverExpires: '' });
    expect(rec(5).message).toBe(`hostile ${visible(HOSTILE)}`); // quotes and commas round-trip, CR and LF written as \u000d \u000a
    expect(text.split('\r\n')).toHaveLength(rows.length + 1); // so every row is one line
    expect(rec(5).file).toBe('inv/odd name, 100%.yaml');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField(12)).toBe('12');
    expect(csvField('plain')).toBe('plain');
  });

  it('writes only the header without findings', () => {
    const { report, ctx } = syntheticReport();
    report.findings = [];
    expect(csv(report, ctx)).toBe(CSV_COLUMNS.join(',') + '\r\n');
  });
});
