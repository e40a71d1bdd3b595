/**
 * group-share: groups the selected assets by a field (their function), or by several fields
 * at once (their function and kind), and reports every value of another field (their vendor)
 * that holds more than `maxShare` of a group. Group and value texts compare by their text key
 * (src/base/text.ts): spellings a reviewer cannot tell apart fall in one group, shown by
 * its most frequent spelling; the evidence lists the spellings when there were several.
 */
import { getPath } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import type { FunctionContext, FunctionResult, RuleFunction } from '../rules/function.js';
import { percent } from '../base/percent.js';
import { Spellings } from '../base/text.js';
import { compareStrings } from '../base/compare.js';
import { pushTo } from '../base/group.js';

export interface GroupShareOptions {
  /** One field, or several: the group is then the combination of their values. */
  groupBy: string | string[];
  field: string;
  maxShare: number;
  /** Groups smaller than this are not judged. */
  minGroupSize: number;
}

export const groupShare: RuleFunction<GroupShareOptions> = {
  name: 'group-share',
  description:
    'Share of a group: groups the selected assets by one field and reports a value of another field that holds more than a share of a group (vendor share of a function).',
  appliesTo: ['asset'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      groupBy: {
        type: ['string', 'array'],
        items: { type: 'string' },
        minItems: 1,
        description:
          'Field to group by (e.g. function), or a list of fields whose combined values form the group (e.g. [function, kind]); an asset missing any of them is not grouped.',
      },
      field: { type: 'string', description: 'Field whose share is measured (e.g. vendor).' },
      maxShare: { type: ['number', 'string'], description: 'Largest share allowed, 0..1.' },
      minGroupSize: { type: ['integer', 'string'], description: 'Smallest group judged.' },
    },
  },
  defaults: { groupBy: 'function', field: 'vendor', maxShare: 0.5, minGroupSize: 2 },
  dataKeys: ['group', 'value', 'count', 'total', 'share', 'maxShare'],
  run(selected: Entity[], o: GroupShareOptions, ctx: FunctionContext): FunctionResult[] {
    // groups and values by their text key (NFKC, trimmed, no invisible or lookalike characters)
    const groups = new Map<string, Map<string, string[]>>();
    const totals = new Map<string, number>();
    const spellingsOfGroup = new Map<string, Set<string>>();
    const groupFields = Array.isArray(o.groupBy) ? o.groupBy : [o.groupBy];
    const fieldSpellings = groupFields.map(() => new Spellings());
    const valueSpellings = new Spellings();
    const groupLabel = groupFields.join('/');
    for (const e of selected) {
      const parts = groupFields.map((f) => getPath(e.obj, f));
      if (parts.some((g) => g === undefined || g === null)) continue;
      const gk = parts.map((p, i) => fieldSpellings[i]!.add(String(p))).join('\u0000');
      totals.set(gk, (totals.get(gk) ?? 0) + 1);
      const seen = spellingsOfGroup.get(gk) ?? new Set<string>();
      seen.add(parts.map(String).join('/'));
      spellingsOfGroup.set(gk, seen);
      const v = getPath(e.obj, o.field);
      if (v === undefined || v === null) continue;
      const vk = valueSpellings.add(String(v));
      const byValue = groups.get(gk) ?? new Map<string, string[]>();
      pushTo(byValue, vk, e.id);
      groups.set(gk, byValue);
    }
    // a group is shown by the most frequent spelling of each of its fields
    const label = (gk: string) =>
      gk
        .split('\u0000')
        .map((k, i) => fieldSpellings[i]!.label(k))
        .join('/');
    const ordered = [...groups.keys()]
      .map((gk) => ({ gk, gl: label(gk) }))
      .sort((a, b) => compareStrings(a.gl, b.gl) || compareStrings(a.gk, b.gk));
    const out: FunctionResult[] = [];
    for (const { gk, gl } of ordered) {
      const total = totals.get(gk)!;
      if (total < o.minGroupSize) continue;
      const values = [...groups.get(gk)!]
        .map(([vk, ids]) => ({ vk, value: valueSpellings.label(vk), ids }))
        .sort((a, b) => compareStrings(a.value, b.value) || compareStrings(a.vk, b.vk));
      for (const { value, ids } of values) {
        const share = ids.length / total;
        if (share <= o.maxShare) continue;
        const org = ctx.entity('organization', value);
        const sorted = [...ids].sort();
        const spellings = [...spellingsOfGroup.get(gk)!].sort();
        out.push({
          entity: org ? { type: 'organization', id: value } : { type: 'asset', id: sorted[0]! },
          data: { group: gl, value, count: ids.length, total, share: percent(share), maxShare: percent(o.maxShare) },
          evidence: {
            groupBy: o.groupBy,
            group: gl,
            field: o.field,
            value,
            count: ids.length,
            total,
            share: Math.round(share * 10000) / 10000,
            assets: sorted,
            ...(spellings.length > 1 ? { groupSpellings: spellings } : {}),
          },
          related: sorted.map((id) => ({ type: 'asset', id, role: `${groupLabel} ${gl}` })),
          key: `${gl}|${value}`,
        });
      }
    }
    return out;
  },
};
