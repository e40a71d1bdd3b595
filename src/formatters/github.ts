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
import { isOpen, slashPath } from './common.js';
import type { Formatter } from './types.js';
import { visible } from '../text/sanitize.js';

export const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (report) => {
  const lines: string[] = [];
  for (const f of report.findings) {
    if (!isOpen(f)) continue;
    const props = [
      `file=${escapeProperty(visible(slashPath(f.location.file)))}`,
      `line=${f.location.line}`,
      `col=${f.location.column}`,
      `title=${escapeProperty(visible(f.ruleId))}`,
    ].join(',');
    const notes = [
      f.waiver?.status === 'expired' ? `waiver${f.waiver.id ? ` ${f.waiver.id}` : ''} expired on ${f.waiver.expires}` : '',
      f.baselineState === 'new' ? 'new' : '',
    ].filter(Boolean);
    const message = `${f.severity}: ${f.message}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    lines.push(`::${GITHUB_COMMAND[f.severity]} ${props}::${escapeData(visible(message))}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
};
