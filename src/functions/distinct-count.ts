/**
 * distinct-count: groups the assets of each selected room, zone or site and counts the
 * distinct values of a field among them (vendors per room). A finding when there are more
 * than `max`; the evidence lists which assets have which value.
 */
import type { Asset } from '../inventory/types.js';
import type { Condition } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import { getPath } from '../rules/conditions.js';
import { indexes } from '../rules/attributes.js';
import type { FunctionContext, FunctionResult, RuleFunction } from './types.js';

export interface DistinctCountOptions {
  /** Condition on the member assets to count. */
  where?: Condition;
  /** Field of the member assets whose distinct values are counted. */
  field: string;
  /** Most distinct values allowed. */
  max: number;
}

export const distinctCount: RuleFunction<DistinctCountOptions> = {
  name: 'distinct-count',
  description: 'Counts the distinct values of a field among the assets of a room, zone or site (e.g. vendors of the servers in a room).',
  appliesTo: ['room', 'zone', 'site'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['field'],
    properties: {
      where: { type: 'object', description: 'Condition on the member assets.' },
      field: { type: 'string', description: 'Field of the member assets.' },
      max: { type: ['integer', 'string'], description: 'Most distinct values allowed.' },
    },
  },
  defaults: { field: 'vendor', max: 1 },
  conditionOptions: { where: 'asset' },
  dataKeys: ['count', 'max', 'values', 'members'],
  run(selected: Entity[], o: DistinctCountOptions, ctx: FunctionContext): FunctionResult[] {
    const m = ctx.model;
    const out: FunctionResult[] = [];
    for (const e of selected) {
      let members: Asset[];
      if (e.type === 'room') members = indexes(m).byRoom.get(e.id) ?? [];
      else if (e.type === 'zone') members = m.assetsInZone(e.id);
      else members = [...m.assets.values()].filter((a) => m.siteOf(a) === e.id);
      const groups = new Map<string, string[]>();
      for (const a of members) {
        if (o.where && !ctx.matches(o.where, ctx.entity('asset', a.id)!)) continue;
        const v = getPath(a, o.field);
        if (v === undefined || v === null) continue;
        const k = String(v);
        const g = groups.get(k) ?? [];
        g.push(a.id);
        groups.set(k, g);
      }
      if (groups.size <= o.max) continue;
      const values = [...groups.keys()].sort();
      const byValue: Record<string, string[]> = {};
      for (const v of values) byValue[v] = groups.get(v)!.sort();
      out.push({
        entity: { type: e.type, id: e.id },
        data: { count: values.length, max: o.max, values: values.join(', '), members: values.map((v) => `${v}: ${byValue[v]!.join(', ')}`).join('; ') },
        evidence: { field: o.field, count: values.length, max: o.max, values: byValue },
        related: values.flatMap((v) => byValue[v]!.map((id) => ({ type: 'asset', id, role: `${o.field} ${v}` }))),
      });
    }
    return out;
  },
};
