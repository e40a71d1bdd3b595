/**
 * distinct-count: groups the assets of each selected room, zone or site and counts the
 * distinct values of a field among them (vendors per room). A finding when there are more
 * than `max`; the evidence lists which assets have which value. Values compare by their text
 * key (src/base/text.ts), so spellings a reviewer cannot tell apart count once.
 */
import type { Asset } from '../inventory/types.js';
import type { Condition } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import { getPath } from '../rules/conditions.js';
import type { FunctionContext, FunctionResult, RuleFunction } from '../rules/function.js';
import { Spellings } from '../base/text.js';
import { compareBy } from '../base/compare.js';
import { pushTo } from '../base/group.js';

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
  description:
    'Counts the distinct values of a field among the assets of a room, zone or site (e.g. vendors of the servers in a room).',
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
      if (e.type === 'room') members = m.indexes.byReference.byRoom.get(e.id) ?? [];
      else if (e.type === 'zone') members = m.assetsInZone(e.id);
      else members = [...m.assets.values()].filter((a) => m.siteOf(a) === e.id);
      // values by their text key (NFKC, trimmed, no invisible or lookalike characters), each
      // shown by its most frequent spelling among the members
      const spellings = new Spellings();
      const groups = new Map<string, string[]>();
      for (const a of members) {
        if (o.where && !ctx.matches(o.where, ctx.entity('asset', a.id)!)) continue;
        const v = getPath(a, o.field);
        if (v === undefined || v === null) continue;
        const k = spellings.add(String(v));
        pushTo(groups, k, a.id);
      }
      if (groups.size <= o.max) continue;
      const labelled = [...groups.keys()]
        .map((k) => ({ k, label: spellings.label(k) }))
        .sort(
          compareBy(
            (x) => x.label,
            (x) => x.k,
          ),
        );
      const values = labelled.map((x) => x.label);
      const byValue: Record<string, string[]> = Object.create(null) as Record<string, string[]>; // keys are inventory text
      for (const { k, label } of labelled) byValue[label] = groups.get(k)!.sort();
      const variants = labelled
        .filter(({ k }) => spellings.variants(k).length > 1)
        .map(({ k, label }) => [label, spellings.variants(k)] as const);
      out.push({
        entity: { type: e.type, id: e.id },
        data: {
          count: values.length,
          max: o.max,
          values: values.join(', '),
          members: values.map((v) => `${v}: ${byValue[v]!.join(', ')}`).join('; '),
        },
        evidence: {
          field: o.field,
          count: values.length,
          max: o.max,
          values: byValue,
          ...(variants.length ? { spellings: Object.fromEntries(variants) } : {}),
        },
        related: values.flatMap((v) => byValue[v]!.map((id) => ({ type: 'asset', id, role: `${o.field} ${v}` }))),
      });
    }
    return out;
  },
};
