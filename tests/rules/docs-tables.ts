/**
 * Generates the reference tables of docs/rules/README.md from the code, so that the rule
 * language reference cannot drift: computed attributes (src/rules/attributes.ts COMPUTED and
 * GRANT_ATTRIBUTES of src/functions/access-grants.ts), the built-in functions (their options
 * schemas, defaults and data keys) and the index of built-in rules.
 *
 * Each table sits between `<!-- generated:<name> -->` and `<!-- /generated:<name> -->` in the
 * README. tests/rules/docs-readme.test.ts and docs-index.test.ts fail when a table is out of
 * date; run them with UPDATE_DOCS=1 to rewrite the tables in place.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GRANT_ATTRIBUTES } from '../../src/functions/access-grants.js';
import { FUNCTIONS } from '../../src/functions/index.js';
import { COMPUTED, SELECTABLE_TYPES } from '../../src/rules/attributes.js';
import { loadRules } from '../../src/rules/load.js';
import { ROOT } from '../helpers.js';

export const README = path.join(ROOT, 'docs', 'rules', 'README.md');

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (v: unknown) => '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';

export function computedAttributesTable(): string {
  const rows = ['| entity type | attribute | value |', '|---|---|---|'];
  for (const type of SELECTABLE_TYPES) {
    const attrs = Object.entries(COMPUTED[type] ?? {});
    if (attrs.length === 0) rows.push(`| \`${type}\` | (none) | only its own fields, \`id\` and \`$entityType\` |`);
    for (const [name, def] of attrs) rows.push(`| \`${type}\` | \`${name}\` | ${cell(def.description)} |`);
  }
  for (const [name, description] of Object.entries(GRANT_ATTRIBUTES)) rows.push(`| access grant (\`access-grants\` \`where\`) | \`${name}\` | ${cell(description)} |`);
  return rows.join('\n');
}

interface PropSchema {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
}

function typeOf(p: PropSchema): string {
  if (p.enum) return p.enum.map((e) => `\`${String(e)}\``).join(' \\| ');
  const types = Array.isArray(p.type) ? p.type : [p.type ?? 'any'];
  return types.map((t) => (t === 'object' ? 'condition' : t === 'array' ? 'list' : t)).join(' or ');
}

export function functionsSection(): string {
  const out: string[] = [];
  for (const fn of [...FUNCTIONS.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const schema = fn.optionsSchema as { properties?: Record<string, PropSchema>; required?: string[] };
    const defaults = fn.defaults as Record<string, unknown>;
    out.push(`### ${fn.name}`, '', cell(fn.description), '', `Selects: ${fn.appliesTo.map((t) => `\`${t}\``).join(', ')}.`, '');
    out.push('| option | type | default | meaning |', '|---|---|---|---|');
    for (const [name, p] of Object.entries(schema.properties ?? {})) {
      const def = name in defaults ? code(defaults[name]) : schema.required?.includes(name) ? 'required' : '(none)';
      const cond = fn.conditionOptions?.[name];
      const desc = cell(p.description ?? '') + (cond ? ` A condition on ${cond === 'grant' ? 'the access grant' : `the \`${cond}\``}.` : '');
      out.push(`| \`${name}\` | ${typeOf(p)} | ${def} | ${desc} |`);
    }
    out.push('', `Data keys for the message: ${fn.dataKeys.map((k) => `\`{{${k}}}\``).join(', ')}.`, '');
  }
  return out.join('\n').trimEnd();
}

export function rulesIndexTable(): string {
  const rules = loadRules({ cwd: ROOT, functions: FUNCTIONS });
  const rows = ['| id | severity | category | title |', '|---|---|---|---|'];
  for (const r of rules) rows.push(`| [${r.id}](${r.id}.md) | ${r.severity} | ${r.category} | ${cell(r.title)} |`);
  return rows.join('\n');
}

export const GENERATORS: Record<string, () => string> = {
  'computed-attributes': computedAttributesTable,
  functions: functionsSection,
  'rules-index': rulesIndexTable,
};

const markers = (name: string) => [`<!-- generated:${name} -->\n`, `<!-- /generated:${name} -->`] as const;

/** The text between the markers of a generated section, or undefined when the markers are missing. */
export function section(md: string, name: string): string | undefined {
  const [open, close] = markers(name);
  const a = md.indexOf(open);
  const b = md.indexOf(close, a + open.length);
  if (a === -1 || b === -1) return undefined;
  return md.slice(a + open.length, b).replace(/\n$/, '');
}

/** Rewrites one generated section of the README in place (UPDATE_DOCS=1). */
export function updateSection(name: string): void {
  const md = readFileSync(README, 'utf8');
  const [open, close] = markers(name);
  const a = md.indexOf(open);
  const b = md.indexOf(close, a + open.length);
  if (a === -1 || b === -1) throw new Error(`markers for ${name} missing in ${README}`);
  writeFileSync(README, md.slice(0, a + open.length) + GENERATORS[name]!() + '\n' + md.slice(b));
}
