/**
 * GitHub Actions workflow commands: one annotation per finding that stands (not under an active
 * waiver, not hidden by the baseline, not resolved), in report order:
 *   ::error file=inventories/port.yaml,line=41,col=9,title=rule-id::message
 * critical and high are errors, medium warnings, low and info notices. Data is escaped as the
 * runner expects (% CR LF), property values also : and , (actions/toolkit, command.ts), after
 * each value has been made `visible` (ESC, NUL, every control and bidi character escaped as
 * `\u001b`; line breaks too, so no value can start a line, let alone a `::command::`). This
 * format sanitises its own values: the file property is a path the runner reads, turned to
 * forward slashes before the escapes are written.
 */
import type { Severity } from '../findings/types.js';
import { annotationMessage, isOpen, slashPath } from './common.js';
import type { Report } from '../findings/report.js';
import { policyLine } from './policy.js';
import type { FormatContext, Formatter } from './types.js';
import { visible } from '../base/sanitize.js';

export const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (report, ctx) => {
  const lines: string[] = [];
  for (const f of report.findings) {
    if (!isOpen(f)) continue;
    const props = [
      `file=${escapeProperty(visible(slashPath(f.location.file)))}`,
      `line=${f.location.line}`,
      `col=${f.location.column}`,
      `title=${escapeProperty(visible(f.ruleId))}`,
    ].join(',');
    lines.push(`::${GITHUB_COMMAND[f.severity]} ${props}::${escapeData(visible(annotationMessage(f)))}`);
  }
  const policy = policyNotice(report, ctx);
  if (policy) lines.push(policy);
  return lines.length ? lines.join('\n') + '\n' : '';
};

/** One notice, not tied to a file, with the policy applied (in gating mode, the base it came from). */
export function policyNotice(report: Report, ctx: FormatContext): string | undefined {
  const line = policyLine(report, ctx);
  return line === undefined
    ? undefined
    : `::notice title=${escapeProperty('seglint policy')}::${escapeData(visible(line))}`;
}
