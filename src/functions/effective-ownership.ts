/**
 * effective-ownership: the share of an organization held, directly or through chains of
 * owners, by organizations matching a condition (states and state enterprises): the product
 * of the shares along each chain, summed over chains, cross-holdings included (solved as a
 * linear system, see graph/ownership.ts). Evidence: the strongest chains (at most 5), and
 * `moreChains` when there are others.
 */
import { type Organization, STATE_HOLDER_TYPES } from '../inventory/types.js';
import type { Condition } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import type { FunctionContext, FunctionResult, RuleFunction } from '../rules/function.js';
import { percent } from '../base/percent.js';
import type { OwnershipChain } from '../graph/model.js';

export interface EffectiveOwnershipOptions {
  holders: Condition;
  threshold: number;
}

export function chainText(c: OwnershipChain): string {
  let s = c.organizations[0]!;
  for (let i = 0; i < c.shares.length; i++) s += ` <- ${percent(c.shares[i]!)} ${c.organizations[i + 1]}`;
  return c.shares.length > 1
    ? `${s} (${c.shares.map((x) => String(Math.round(x * 10000) / 10000)).join(' x ')} = ${percent(c.product)})`
    : s;
}

export function holderMatcher(ctx: FunctionContext, holders: Condition): (o: Organization) => boolean {
  return (o) => ctx.matches(holders, ctx.entity('organization', o.id)!);
}

export const effectiveOwnership: RuleFunction<EffectiveOwnershipOptions> = {
  name: 'effective-ownership',
  description:
    'Effective (indirect) ownership of an organization by holders matching a condition, multiplied along ownership chains, with the chains as evidence.',
  appliesTo: ['organization'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      holders: { type: 'object', description: 'Condition on the organizations whose holdings count.' },
      threshold: { type: ['number', 'string'], description: 'Share (0..1) at or above which to report.' },
    },
  },
  defaults: { holders: { path: 'type', in: [...STATE_HOLDER_TYPES] }, threshold: 0.1 },
  conditionOptions: { holders: 'organization' },
  dataKeys: ['share', 'threshold', 'holders', 'chain'],
  run(selected: Entity[], o: EffectiveOwnershipOptions, ctx: FunctionContext): FunctionResult[] {
    const m = ctx.model;
    const isHolder = holderMatcher(ctx, o.holders);
    const out: FunctionResult[] = [];
    for (const e of selected) {
      if (isHolder(e.obj as Organization)) continue; // a holder is not "owned by" itself
      const share = m.effectiveOwnership(e.id, isHolder, false).share; // chains only for a finding
      if (share === 0 || share + 1e-12 < o.threshold) continue;
      const r = m.effectiveOwnership(e.id, isHolder);
      const holders = [...new Set(r.chains.map((c) => c.holder))].sort();
      out.push({
        entity: { type: 'organization', id: e.id },
        at: { obj: e.obj, field: 'owners' },
        data: {
          share: percent(r.share),
          threshold: percent(o.threshold),
          holders: holders.join(', '),
          chain: r.chains.map((c) => chainText(c)).join('; ') + (r.more ? '; and weaker chains' : ''),
        },
        evidence: {
          share: Math.round(r.share * 1e6) / 1e6,
          threshold: o.threshold,
          chains: r.chains.map((c) => ({
            organizations: c.organizations,
            shares: c.shares,
            product: Math.round(c.product * 1e6) / 1e6,
          })),
          ...(r.more ? { moreChains: true } : {}),
        },
        related: holders.map((h) => ({ type: 'organization', id: h, role: 'holder' })),
      });
    }
    return out;
  },
};
