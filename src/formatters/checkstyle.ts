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
import { compareFindings, type Severity } from '../findings/types.js';
import { annotationMessage, isOpen } from './common.js';
import { groupBy } from '../base/group.js';
import type { Formatter } from './types.js';
import { xmlAttrs } from './junit.js';

export const CHECKSTYLE_SEVERITY: Record<Severity, 'error' | 'warning' | 'info'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'info',
  info: 'info',
};

export const checkstyle: Formatter = (report) => {
  const byFile = groupBy([...report.findings].filter(isOpen).sort(compareFindings), (f) => f.location.file);
  const files = [...byFile].map(([file, findings]) => {
    const errors = findings.map(
      (f) =>
        `    <error${xmlAttrs({ line: f.location.line, column: f.location.column, severity: CHECKSTYLE_SEVERITY[f.severity], message: annotationMessage(f), source: `seglint.${f.ruleId}` })}/>`,
    );
    return [`  <file${xmlAttrs({ name: file })}>`, ...errors, '  </file>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">', ...files, '</checkstyle>', ''].join(
    '\n',
  );
};
