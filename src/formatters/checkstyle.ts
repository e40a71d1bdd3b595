/**
 * Checkstyle XML, which Jenkins (Warnings NG), reviewdog, Danger and many CI tools read:
 *   <checkstyle version="4.3"><file name="inv/plant.yaml">
 *     <error line="41" column="9" severity="error" message="..." source="seglint.rule-id"/>
 *   </file></checkstyle>
 * One <file> per inventory file with findings that stand (not under an active waiver, not
 * hidden by the baseline, not resolved), files and errors in the report's order (file, line,
 * column, rule). Severities: critical and high -> error, medium -> warning, low and info -> info.
 * The registry hands this format the report with every string made `visible`
 * (src/formatters/index.ts); attribute values are then XML-escaped as JUnit's are.
 */
import { compareFindings, type Finding, type Severity } from '../findings/types.js';
import { isOpen } from './common.js';
import type { Formatter } from './types.js';
import { xmlAttr } from './junit.js';

export const CHECKSTYLE_SEVERITY: Record<Severity, 'error' | 'warning' | 'info'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'info',
  info: 'info',
};

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

export const checkstyle: Formatter = (report) => {
  const byFile = new Map<string, Finding[]>();
  for (const f of [...report.findings].filter(isOpen).sort(compareFindings)) {
    const list = byFile.get(f.location.file) ?? [];
    list.push(f);
    byFile.set(f.location.file, list);
  }
  const files = [...byFile].map(([file, findings]) => {
    const errors = findings.map((f) => {
      const notes = [
        f.waiver?.status === 'expired'
          ? `waiver${f.waiver.id ? ` ${f.waiver.id}` : ''} expired on ${f.waiver.expires}`
          : '',
        f.baselineState === 'new' ? 'new' : '',
      ].filter(Boolean);
      const message = `${f.severity}: ${f.message}${notes.length ? ` (${notes.join('; ')})` : ''}`;
      return `    <error${attrs({ line: f.location.line, column: f.location.column, severity: CHECKSTYLE_SEVERITY[f.severity], message, source: `seglint.${f.ruleId}` })}/>`;
    });
    return [`  <file${attrs({ name: file })}>`, ...errors, '  </file>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">', ...files, '</checkstyle>', ''].join(
    '\n',
  );
};
