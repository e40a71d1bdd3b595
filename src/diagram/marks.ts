/**
 * Findings as marks on a diagram: per entity, the most severe finding and the rules that
 * reported it, drawn as an outline in the severity's colour, a line of rule ids in the label
 * and the messages in the tooltip. Actively waived findings are left out.
 */
import { severityRank, type Finding, type Severity } from '../findings/types.js';
import { SEVERITY_COLOR, type Style } from './scene.js';
import { wrap } from './styles.js';
import { compareBy } from '../base/compare.js';

/** Per entity (`type:id`): the most severe finding and the rules that reported it. */
export interface FindingMark {
  severity: Severity;
  rules: string[];
  messages: string[];
}

export function indexFindings(findings: Finding[] = []): Map<string, FindingMark> {
  const out = new Map<string, FindingMark>();
  const sorted = [...findings].sort(
    compareBy(
      (f) => f.ruleId,
      (f) => f.message,
    ),
  );
  for (const f of sorted) {
    if (f.waiver?.status === 'active') continue;
    const key = `${f.entity.type}:${f.entity.id}`;
    const m = out.get(key);
    if (!m)
      out.set(key, {
        severity: f.severity,
        rules: [f.ruleId],
        messages: [`${f.ruleId} (${f.severity}): ${f.message}`],
      });
    else {
      if (severityRank(f.severity) > severityRank(m.severity)) m.severity = f.severity;
      if (!m.rules.includes(f.ruleId)) m.rules.push(f.ruleId);
      m.messages.push(`${f.ruleId} (${f.severity}): ${f.message}`);
    }
  }
  return out;
}

/** The line of rule ids under a marked entity's label (at most three named). */
export function ruleLine(m: FindingMark | undefined): string[] {
  if (!m) return [];
  const shown = m.rules.slice(0, 3).join(', ');
  return wrap(`! ${shown}${m.rules.length > 3 ? ` +${m.rules.length - 3}` : ''}`, 40);
}

export function highlight(style: Style, m: FindingMark | undefined): Style {
  if (!m) return style;
  return { ...style, stroke: SEVERITY_COLOR[m.severity], width: 3 };
}

export function tooltipOf(base: string[], m: FindingMark | undefined): string {
  return [...base, ...(m ? m.messages : [])].join('\n');
}
