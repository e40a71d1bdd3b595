/**
 * CSV for spreadsheets: a header row, then one row per finding in report order. RFC 4180: CRLF
 * line ends, fields with a comma, quote or line break are quoted and quotes doubled. A text
 * field starting with = + - @ or a tab/CR gets a leading apostrophe, so a spreadsheet does not
 * run inventory text as a formula (OWASP "CSV injection").
 */
import type { Finding } from '../findings/types.js';
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
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
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
