/**
 * CSV for spreadsheets: a header row, then one row per finding in report order. RFC 4180: CRLF
 * line ends, quotes doubled. Every text cell goes through `csvCell` (OWASP "CSV injection"):
 * control characters escaped (`\u0000`, never a raw NUL or line break), a leading apostrophe
 * on a cell that opens with = + - @, or has one of them after a separator character (, ; tab |),
 * so that no spreadsheet, whatever its list separator, runs inventory text as a formula; and
 * quotes around every cell holding a separator character or a quote.
 */
import type { Finding } from '../findings/types.js';
import { csvCell } from '../base/sanitize.js';
import type { Formatter } from './types.js';

export const CSV_COLUMNS = [
  'severity',
  'ruleId',
  'category',
  'entityType',
  'entityId',
  'file',
  'line',
  'column',
  'message',
  'waiverStatus',
  'waiverExpires',
  'fingerprint',
] as const;

export function csvField(v: string | number): string {
  return typeof v === 'number' ? String(v) : csvCell(v);
}

function row(f: Finding): (string | number)[] {
  return [
    f.severity,
    f.ruleId,
    f.category,
    f.entity.type,
    f.entity.id,
    f.location.file,
    f.location.line,
    f.location.column,
    f.message,
    f.waiver?.status ?? '',
    f.waiver?.expires ?? '',
    f.fingerprint,
  ];
}

export const csv: Formatter = (report) => {
  const rows = [[...CSV_COLUMNS], ...report.findings.map(row)];
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
};
