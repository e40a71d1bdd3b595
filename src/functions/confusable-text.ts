/**
 * confusable-text: reports text fields that look like other text: a word mixing scripts
 * (Latin with Cyrillic or Greek), invisible characters, stray whitespace, compatibility or
 * lookalike characters (see textIssues in src/inventory/text.ts). One result per entity and
 * field, pointing at the field, with every issue and its characters as evidence. Linear in
 * the length of the text.
 */
import { getPath } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import { issueText, textIssues } from '../inventory/text.js';
import type { FunctionResult, RuleFunction } from './types.js';

export interface ConfusableTextOptions {
  /** Fields checked, as paths (a list of strings is checked item by item). */
  fields: string[];
}

export const confusableText: RuleFunction<ConfusableTextOptions> = {
  name: 'confusable-text',
  description: 'Deceptive text in fields of the selected entities: words mixing scripts, invisible characters, stray whitespace, compatibility or lookalike characters, each named by code point and position.',
  appliesTo: ['asset', 'organization', 'site', 'room', 'zone', 'conduit', 'link', 'person'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      fields: { type: ['array', 'string'], items: { type: 'string' }, description: 'Fields to check (paths); a field holding a list of strings is checked item by item.' },
    },
  },
  defaults: { fields: ['name', 'function', 'model'] },
  dataKeys: ['field', 'value', 'problems'],
  run(selected: Entity[], o: ConfusableTextOptions): FunctionResult[] {
    const out: FunctionResult[] = [];
    for (const e of selected) {
      for (const field of o.fields) {
        const v = getPath(e.obj, field);
        const items = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
        items.forEach((item, i) => {
          if (typeof item !== 'string') return;
          const issues = textIssues(item);
          if (issues.length === 0) return;
          const dot = field.lastIndexOf('.');
          const holder = dot === -1 ? e.obj : getPath(e.obj, field.slice(0, dot));
          const key = dot === -1 ? field : field.slice(dot + 1);
          const at = Array.isArray(v) ? { obj: v as object, field: i } : holder && typeof holder === 'object' ? { obj: holder as object, field: key } : undefined;
          const name = Array.isArray(v) ? `${field}[${i}]` : field;
          out.push({
            entity: { type: e.type, id: e.id },
            ...(at ? { at } : {}),
            data: { field: name, value: item, problems: issues.map(issueText).join('; ') },
            evidence: { field: name, value: item, issues },
            key: name,
          });
        });
      }
    }
    return out;
  },
};
