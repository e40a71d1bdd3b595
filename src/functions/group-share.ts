/**
 * group-share: groups the selected assets by a field (their function), or by several fields
 * at once (their function and kind), and reports every value of another field (their vendor)
 * that holds more than `maxShare` of a group.
 */
import { getPath } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import type { FunctionContext, FunctionResult, RuleFunction } from './types.js';
import { percent } from './path-text.js';

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
  description: 'Share of a group: groups the selected assets by one field and reports a value of another field that holds more than a share of a group (vendor share of a function).',
  appliesTo: ['asset'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      groupBy: { type: ['string', 'array'], items: { type: 'string' }, minItems: 1, description: 'Field to group by (e.g. function), or a list of fields whose combined values form the group (e.g. [function, kind]); an asset missing any of them is not grouped.' },
      field: { type: 'string', description: 'Field whose share is measured (e.g. vendor).' },
      maxShare: { type: ['number', 'string'], description: 'Largest share allowed, 0..1.' },
      minGroupSize: { type: ['integer', 'string'], description: 'Smallest group judged.' },
    },
  },
  defaults: { groupBy: 'function', field: 'vendor', maxShare: 0.5, minGroupSize: 2 },
  dataKeys: ['group', 'value', 'count', 'total', 'share', 'maxShare'],
  run(selected: Entity[], o: GroupShareOptions, ctx: FunctionContext): FunctionResult[] {
    const groups = new Map<string, Map<string, string[]>>();
    const totals = new Map<string, number>();
    const groupFields = Array.isArray(o.groupBy) ? o.groupBy : [o.groupBy];
    const groupLabel = groupFields.join('/');
    for (const e of selected) {
      const parts = groupFields.map((f) => getPath(e.obj, f));
      if (parts.some((g) => g === undefined || g === null)) continue;
      const gk = parts.map(String).join('/');
      totals.set(gk, (totals.get(gk) ?? 0) + 1);
      const v = getPath(e.obj, o.field);
      if (v === undefined || v === null) continue;
      const byValue = groups.get(gk) ?? new Map<string, string[]>();
      const list = byValue.get(String(v)) ?? [];
      list.push(e.id);
      byValue.set(String(v), list);
      groups.set(gk, byValue);
    }
    const out: FunctionResult[] = [];
    for (const gk of [...groups.keys()].sort()) {
      const total = totals.get(gk)!;
      if (total < o.minGroupSize) continue;
      for (const [value, ids] of [...groups.get(gk)!.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const share = ids.length / total;
        if (share <= o.maxShare) continue;
        const org = ctx.entity('organization', value);
        const sorted = [...ids].sort();
        out.push({
          entity: org ? { type: 'organization', id: value } : { type: 'asset', id: sorted[0]! },
          data: { group: gk, value, count: ids.length, total, share: percent(share), maxShare: percent(o.maxShare) },
          evidence: { groupBy: o.groupBy, group: gk, field: o.field, value, count: ids.length, total, share: Math.round(share * 10000) / 10000, assets: sorted },
          related: sorted.map((id) => ({ type: 'asset', id, role: `${groupLabel} ${gk}` })),
          key: `${gk}|${value}`,
        });
      }
    }
    return out;
  },
};
