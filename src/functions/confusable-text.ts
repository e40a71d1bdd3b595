/**
 * confusable-text: reports text fields that look like other text: a word mixing scripts
 * (Latin with Cyrillic or Greek), invisible characters, stray whitespace, compatibility or
 * lookalike characters (see textIssues in src/base/text.ts). One result per entity and
 * field, pointing at the field, with every issue and its characters as evidence. Linear in
 * the length of the text.
 */
import { getPath } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import { issueText, textIssues } from '../base/text.js';
import type { FunctionResult, RuleFunction } from '../rules/function.js';

export interface ConfusableTextOptions {
  /** Fields checked, as paths (`name`, `audit.by`); a field that does not hold a string is skipped. */
  fields: string[];
}

export const confusableText: RuleFunction<ConfusableTextOptions> = {
  name: 'confusable-text',
  description:
    'Deceptive text in fields of the selected entities: words mixing scripts, invisible characters, stray whitespace, compatibility or lookalike characters, each named by code point and position.',
  appliesTo: ['asset', 'organization', 'site', 'room', 'zone', 'conduit', 'link', 'person'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      fields: {
        type: ['array', 'string'],
        items: { type: 'string' },
        description:
          'Fields to check (paths such as name or audit.by); a field that does not hold a string is skipped.',
      },
    },
  },
  defaults: { fields: ['name', 'function', 'model'] },
  dataKeys: ['field', 'value', 'problems'],
  run(selected: Entity[], o: ConfusableTextOptions): FunctionResult[] {
    const out: FunctionResult[] = [];
    for (const e of selected) {
      for (const field of o.fields) {
        const value = getPath(e.obj, field);
        if (typeof value !== 'string') continue;
        const issues = textIssues(value);
        if (issues.length === 0) continue;
        const dot = field.lastIndexOf('.');
        const holder = dot === -1 ? e.obj : getPath(e.obj, field.slice(0, dot));
        out.push({
          entity: { type: e.type, id: e.id },
          at: { obj: holder as object, field: field.slice(dot + 1) },
          data: { field, value, problems: issues.map(issueText).join('; ') },
          evidence: { field, value, issues },
          key: field,
        });
      }
    }
    return out;
  },
};
