/** `seglint explain <rule>`: prints a rule's documentation (a built-in rule's page, or a user rule's own fields). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { prepare } from '../../check/check.js';
import type { Rule } from '../../rules/load.js';
import { PACKAGE_ROOT } from '../../source/schema.js';
import { visible, visibleLines } from '../../base/sanitize.js';
import { cwdOf, RULES_OPTION, type Command } from '../shared.js';

/** A user rule's documentation: its own fields (one-line fields made visible, prose keeps its line breaks). */
function userRuleDoc(rule: Rule): string {
  const v = visible;
  const lines = [
    `# ${rule.id}: ${v(rule.title)}`,
    '',
    `Severity: ${rule.severity}. Category: ${rule.category}. Defined in ${v(rule.source.file)}.`,
    '',
    '## Rationale',
    '',
    visibleLines(rule.rationale),
    '',
    '## Remediation',
    '',
    visibleLines(rule.remediation),
  ];
  if (Object.keys(rule.params).length) {
    lines.push('', '## Parameters', '');
    for (const [k, d] of Object.entries(rule.params))
      lines.push(`- \`${v(k)}\` (default \`${v(String(JSON.stringify(d.default)))}\`): ${v(d.description)}`);
  }
  if (rule.references.length) {
    lines.push('', '## References', '');
    for (const r of rule.references)
      lines.push(`- ${v(r.source)} ${v(r.id)}${r.title ? `: ${v(r.title)}` : ''}${r.url ? ` <${v(r.url)}>` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export const explainCommand: Command = {
  command: 'explain <rule>',
  describe: "Print a rule's documentation",
  builder: (y) =>
    y.positional('rule', { type: 'string', describe: 'Rule id', demandOption: true }).option('rules', RULES_OPTION),
  handler: async (args, io) => {
    const cwd = cwdOf(args, io);
    const { rules } = prepare({
      paths: [],
      cwd,
      config: false,
      rulesDirs: args.rules as string[] | undefined,
      only: [args.rule as string],
    });
    const rule = rules[0]!;
    const doc = path.join(PACKAGE_ROOT, 'docs', 'rules', `${rule.id}.md`);
    io.stdout(rule.source.builtin && existsSync(doc) ? readFileSync(doc, 'utf8') : userRuleDoc(rule));
    return 0;
  },
};
