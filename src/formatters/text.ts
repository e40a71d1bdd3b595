/** Human-readable text: grouped by file, `line:col severity rule-id message`, then a summary line. */
import { SEVERITIES } from '../findings/types.js';
import type { Finding } from '../findings/types.js';
import type { Formatter } from './types.js';
import { policyLine } from './policy.js';

const COLORS: Record<string, string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[2m',
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';

function suffix(f: Finding): string {
  const parts: string[] = [];
  if (f.waiver?.status === 'active')
    parts.push(`waived until ${f.waiver.expires}${f.waiver.ticket ? `, ${f.waiver.ticket}` : ''}`);
  if (f.waiver?.status === 'expired')
    parts.push(`waiver expired ${f.waiver.expires}${f.waiver.ticket ? `, ${f.waiver.ticket}` : ''}`);
  if (f.baselineState === 'new') parts.push('new');
  if (f.baselineState === 'absent') parts.push('resolved');
  return parts.length ? ` [${parts.join('; ')}]` : '';
}

export const text: Formatter = (report, ctx) => {
  const c = (code: string, s: string) => (ctx.color ? `${code}${s}${RESET}` : s);
  const lines: string[] = [];
  const ruleWidth = Math.max(0, ...report.findings.map((f) => f.ruleId.length));
  let file = '';
  for (const f of report.findings) {
    if (f.location.file !== file) {
      if (file) lines.push('');
      file = f.location.file;
      lines.push(c(BOLD, file));
    }
    const pos = `${f.location.line}:${f.location.column}`.padEnd(8);
    const sev = f.severity.padEnd(8);
    lines.push(
      `  ${c(DIM, pos)} ${c(COLORS[f.severity]!, sev)} ${f.ruleId.padEnd(ruleWidth)} ${f.message}${suffix(f)}`,
    );
  }
  if (lines.length) lines.push('');
  const s = report.summary;
  const counts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) => `${s.bySeverity[sev]} ${sev}`);
  const extra = [s.waived ? `${s.waived} waived` : '', s.baselined ? `${s.baselined} in baseline` : ''].filter(Boolean);
  const head = s.total === 0 ? 'No findings' : `${s.total} finding${s.total === 1 ? '' : 's'} (${counts.join(', ')})`;
  const fail = ctx.failOn === 'none' ? '' : `; ${s.failing} at or above ${ctx.failOn}`;
  if (s.diff)
    lines.push(`Compared with the base: ${s.diff.new} new, ${s.diff.unchanged} unchanged, ${s.diff.resolved} resolved`);
  lines.push(
    `${head}${extra.length ? `, ${extra.join(', ')}` : ''}${fail} in ${report.inventory.name} (${report.inventory.files.length} file${report.inventory.files.length === 1 ? '' : 's'}, ${report.inventory.counts.assets ?? 0} assets)`,
  );
  const expired = report.waivers.filter((w) => w.status === 'expired');
  const unused = report.waivers.filter((w) => w.status === 'unused');
  const refused = report.waivers.filter((w) => w.status === 'refused');
  if (refused.length)
    lines.push(
      `${refused.length} waiver${refused.length === 1 ? '' : 's'} refused (too broad, waiving nothing): ${refused.map((w) => `${w.rule} on ${w.target} (${(w.refusal ?? []).join('; ')})`).join(', ')}`,
    );
  if (expired.length)
    lines.push(
      `${expired.length} waiver${expired.length === 1 ? '' : 's'} expired: ${expired.map((w) => `${w.rule} on ${w.target} (${w.expires})`).join(', ')}`,
    );
  if (unused.length)
    lines.push(
      `${unused.length} waiver${unused.length === 1 ? '' : 's'} matched nothing: ${unused.map((w) => `${w.rule} on ${w.target}`).join(', ')}`,
    );
  const policy = policyLine(report, ctx);
  if (policy) lines.push(ctx.color ? `${DIM}${policy}${RESET}` : policy);
  return lines.join('\n') + '\n';
};
