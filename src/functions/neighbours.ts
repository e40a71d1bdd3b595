/**
 * neighbours: one hop over links. For each selected asset, the links attached to it that
 * match a link condition, and whose far end matches a neighbour condition. One finding per
 * link (a link found from both ends is reported once).
 */
import type { Condition } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import type { FunctionContext, FunctionResult, RuleFunction } from '../rules/function.js';
import { compareBy } from '../base/compare.js';

export interface NeighboursOptions {
  link?: Condition;
  neighbour?: Condition;
  /** Report on the link (default) or on the selected asset. */
  report: 'link' | 'asset';
}

export const neighbours: RuleFunction<NeighboursOptions> = {
  name: 'neighbours',
  description:
    'One-hop neighbours over links, filtered by a condition on the link and one on the asset at the far end.',
  appliesTo: ['asset'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      link: { type: 'object', description: 'Condition on the link.' },
      neighbour: { type: 'object', description: 'Condition on the asset at the far end.' },
      report: { enum: ['link', 'asset'], description: 'Which entity the finding is about.' },
    },
  },
  defaults: { report: 'link' },
  conditionOptions: { link: 'link', neighbour: 'asset' },
  dataKeys: ['asset', 'link', 'neighbour', 'medium', 'purpose', 'assetZones', 'neighbourZones'],
  run(selected: Entity[], o: NeighboursOptions, ctx: FunctionContext): FunctionResult[] {
    const m = ctx.model;
    const out: FunctionResult[] = [];
    const seen = new Set<string>();
    for (const e of selected) {
      const links = [...m.linksOf(e.id)].sort(compareBy((l) => l.id));
      for (const l of links) {
        const other = l.from === e.id ? l.to : l.from;
        if (o.link && !ctx.matches(o.link, ctx.entity('link', l.id)!)) continue;
        if (o.neighbour && !ctx.matches(o.neighbour, ctx.entity('asset', other)!)) continue;
        const k = o.report === 'link' ? l.id : `${e.id}|${l.id}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({
          entity: o.report === 'link' ? { type: 'link', id: l.id } : { type: 'asset', id: e.id },
          at: o.report === 'link' ? { obj: l, field: 'medium' } : undefined,
          data: {
            asset: e.id,
            link: l.id,
            neighbour: other,
            medium: l.medium,
            purpose: l.purpose ?? 'unspecified',
            assetZones: m.zonesOf(e.id).join(', ') || '(none)',
            neighbourZones: m.zonesOf(other).join(', ') || '(none)',
          },
          evidence: {
            asset: e.id,
            link: l.id,
            neighbour: other,
            medium: l.medium,
            purpose: l.purpose ?? null,
            assetZones: m.zonesOf(e.id),
            neighbourZones: m.zonesOf(other),
          },
          related: [
            { type: 'asset', id: e.id, role: 'near end' },
            { type: 'asset', id: other, role: 'far end' },
          ],
          key: o.report === 'asset' ? l.id : undefined,
        });
      }
    }
    return out;
  },
};
