/**
 * high-risk-vendor: the supplier criteria of answer 6 of the seed case. A supplier is high
 * risk when (1) it is based in or controlled from a country whose law obliges firms to
 * cooperate with intelligence services, or it is state-owned at or above a threshold, or
 * (2) its country runs an offensive intelligence programme against a country where the
 * inventory's sites are; and (3a) it has extensive access (remote maintenance, unescorted
 * physical access of its staff, or maintenance of critical assets) while (3b) no mitigation
 * is recorded for it.
 */
import { type Organization, STATE_HOLDER_TYPES, isStateHolder } from '../inventory/types.js';
import type { Condition } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import type { FunctionContext, FunctionResult, RuleFunction } from '../rules/function.js';
import { percent } from '../base/percent.js';
import { holderMatcher } from './effective-ownership.js';

export interface HighRiskVendorOptions {
  stateHolders: Condition;
  stateOwnershipThreshold: number;
  criticalities: string[];
  /** Countries to protect; default: the countries of the inventory's sites. */
  protectedCountries?: string[];
}

export const highRiskVendor: RuleFunction<HighRiskVendorOptions> = {
  name: 'high-risk-vendor',
  description:
    'Supplier criteria of answer 6: law or state control (1), offensive programme (2), extensive access (3a) without mitigation (3b).',
  appliesTo: ['organization'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      stateHolders: { type: 'object', description: 'Condition on organizations that count as the state.' },
      stateOwnershipThreshold: {
        type: ['number', 'string'],
        description: 'Effective state ownership (0..1) that meets criterion 1.',
      },
      criticalities: {
        type: ['array', 'string'],
        items: { type: 'string' },
        description: 'Asset criticalities that make access extensive.',
      },
      protectedCountries: {
        type: ['array', 'string'],
        items: { type: 'string' },
        description: 'Countries to protect.',
      },
    },
  },
  defaults: {
    stateHolders: { path: 'type', in: [...STATE_HOLDER_TYPES] },
    stateOwnershipThreshold: 0.1,
    criticalities: ['critical', 'high'],
  },
  conditionOptions: { stateHolders: 'organization' },
  dataKeys: ['criteria', 'access', 'country', 'assets'],
  run(selected: Entity[], o: HighRiskVendorOptions, ctx: FunctionContext): FunctionResult[] {
    const m = ctx.model;
    const isState = holderMatcher(ctx, o.stateHolders);
    const protectedCountries = new Set(
      o.protectedCountries ?? [...m.sites.values()].map((s) => s.country).filter((c): c is string => !!c),
    );
    const ix = m.indexes.byReference;
    const out: FunctionResult[] = [];
    for (const e of selected) {
      const org = e.obj as Organization;
      const jur = org.country ? m.jurisdictions.get(org.country) : undefined;
      const criterion1: string[] = [];
      if (jur?.intelligenceCooperationLaw)
        criterion1.push(`${org.country} law obliges cooperation with intelligence services`);
      if (isStateHolder(org)) criterion1.push(`${org.type}`);
      const own = m.effectiveOwnership(org.id, isState);
      if (own.share > 0 && own.share + 1e-12 >= o.stateOwnershipThreshold && !isState(org))
        criterion1.push(`${percent(own.share)} state-owned`);
      const against = (jur?.offensiveProgrammeAgainst ?? []).filter((c) => protectedCountries.has(c)).sort();
      const criterion2 = against.length
        ? [`${org.country} runs an offensive intelligence programme against ${against.join(', ')}`]
        : [];
      if (criterion1.length === 0 && criterion2.length === 0) continue;

      const critical = new Map<string, string>();
      for (const a of [...(ix.byVendor.get(org.id) ?? []), ...(ix.byMaintainer.get(org.id) ?? [])]) {
        if (a.criticality && o.criticalities.includes(a.criticality))
          critical.set(a.id, a.maintainer === org.id ? 'maintains' : 'supplied');
      }
      if (critical.size === 0) continue;
      const access: string[] = [];
      const remoteLinks: string[] = [];
      const rx = m.indexes.remoteAccess;
      remoteLinks.push(...(rx.linksByOrg.get(org.id) ?? []));
      remoteLinks.sort();
      if (remoteLinks.length) access.push(`remote maintenance over ${remoteLinks.join(', ')}`);
      const maintained = [...critical.entries()]
        .filter(([, how]) => how === 'maintains')
        .map(([id]) => id)
        .sort();
      if (maintained.length) access.push(`maintains ${maintained.length} critical asset(s)`);
      const staff: string[] = [];
      for (const p of rx.peopleByEmployer.get(org.id) ?? []) {
        if ((p.access ?? []).some((g) => !g.escorted && !g.remote)) staff.push(p.id);
      }
      staff.sort();
      if (staff.length) access.push(`unescorted physical access of ${staff.join(', ')}`);
      if (access.length === 0) continue; // criterion 3a not met
      if ((org.mitigations ?? []).length > 0) continue; // criterion 3b: mitigated
      const assets = [...critical.keys()].sort();
      out.push({
        entity: { type: 'organization', id: org.id },
        data: {
          criteria: [...criterion1.map((c) => `1: ${c}`), ...criterion2.map((c) => `2: ${c}`)].join('; '),
          access: access.join('; '),
          country: org.country ?? 'unknown',
          assets: assets.length,
        },
        evidence: {
          criterion1,
          criterion2,
          stateOwnership:
            own.share > 0
              ? {
                  share: Math.round(own.share * 1e6) / 1e6,
                  chains: own.chains.map((c) => ({ organizations: c.organizations, shares: c.shares })),
                  ...(own.more ? { moreChains: true } : {}),
                }
              : null,
          access: { remoteLinks, maintained, staff },
          criticalAssets: assets,
          mitigations: [],
        },
        related: [
          ...remoteLinks.map((id) => ({ type: 'link', id, role: 'remote access' })),
          ...staff.map((id) => ({ type: 'person', id, role: 'staff with access' })),
        ],
      });
    }
    return out;
  },
};
