/**
 * access-grants: looks at each access grant of the selected people (a site, room or asset they
 * may enter or maintain) with a condition over the grant. The grant offers its own fields
 * (target, escorted, permit, remote) and computed ones: $targetType, $targetKind,
 * $targetCriticality, $required (screening the target requires: the highest of the asset's,
 * its room's and its site's), $held (the person's screening), $screeningGap (levels short),
 * $registered (the person is registered with the operator).
 */
import { SCREENING_ORDER, type AccessGrant, type Person, type Screening } from '../inventory/types.js';
import type { Model } from '../graph/model.js';
import { getPath, type Condition, type View } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import type { FunctionContext, FunctionResult, RuleFunction } from '../rules/function.js';

export interface AccessGrantsOptions {
  where?: Condition;
}

export const GRANT_ATTRIBUTES: Record<string, string> = {
  $targetType: 'type of the target: site, room or asset',
  $targetKind: 'kind of the target (scanner, server-room, seaport...)',
  $targetCriticality: 'criticality of the target asset, or the highest of the assets in the target room',
  $required: "screening the target requires: the highest of the asset's, its room's and its site's requiredScreening",
  $held: 'screening the person holds (none when not set)',
  $screeningGap: 'how many levels $held is below $required (0 when it is not)',
  $registered: 'the person is registered with the operator',
};

const rank = (s: Screening | undefined) => (s ? SCREENING_ORDER.indexOf(s) : 0);

/** Screening required for unescorted access to a site, room or asset (the highest that applies). */
export function requiredScreening(m: Model, targetId: string): Screening {
  let best: Screening = 'none';
  const consider = (s: Screening | undefined) => {
    if (s && rank(s) > rank(best)) best = s;
  };
  const asset = m.assets.get(targetId);
  const room = asset?.room ? m.rooms.get(asset.room) : m.rooms.get(targetId);
  const siteId = asset ? m.siteOf(asset) : room ? room.site : targetId;
  consider(asset?.requiredScreening);
  consider(room?.requiredScreening);
  consider(siteId ? m.sites.get(siteId)?.requiredScreening : undefined);
  return best;
}

export class GrantView implements View {
  constructor(
    private readonly grant: AccessGrant,
    private readonly person: Person,
    private readonly m: Model,
  ) {}
  get(path: string): unknown {
    const m = this.m;
    const t = this.grant.target;
    switch (path) {
      case '$targetType':
        return m.assets.has(t) ? 'asset' : m.rooms.has(t) ? 'room' : m.sites.has(t) ? 'site' : undefined;
      case '$targetKind':
        return m.assets.get(t)?.kind ?? m.rooms.get(t)?.kind ?? m.sites.get(t)?.kind;
      case '$targetCriticality': {
        const a = m.assets.get(t);
        if (a) return a.criticality;
        const top = m.indexes.highestCriticality;
        return m.rooms.has(t) ? top.byRoom.get(t) : top.bySite.get(t);
      }
      case '$required':
        return requiredScreening(m, t);
      case '$held':
        return this.person.screening ?? 'none';
      case '$screeningGap':
        return Math.max(0, rank(requiredScreening(m, t)) - rank(this.person.screening));
      case '$registered':
        return this.person.registered === true;
      default:
        return getPath(this.grant, path);
    }
  }
}

export const accessGrants: RuleFunction<AccessGrantsOptions> = {
  name: 'access-grants',
  description:
    'Each access grant of the selected people, filtered by a condition over the grant (screening gap, escort, permit, target kind).',
  appliesTo: ['person'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { where: { type: 'object', description: 'Condition on the grant.' } },
  },
  defaults: {},
  conditionOptions: { where: 'grant' },
  grantAttributes: Object.keys(GRANT_ATTRIBUTES),
  dataKeys: ['target', 'targetType', 'required', 'held', 'gap', 'escorted', 'permit', 'registered'],
  run(selected: Entity[], o: AccessGrantsOptions, ctx: FunctionContext): FunctionResult[] {
    const out: FunctionResult[] = [];
    for (const e of selected) {
      const p = e.obj as Person;
      for (const g of p.access ?? []) {
        const view = new GrantView(g, p, ctx.model);
        if (o.where && !ctx.evaluate(o.where, view)) continue;
        const data = {
          target: g.target,
          targetType: view.get('$targetType'),
          required: view.get('$required'),
          held: view.get('$held'),
          gap: view.get('$screeningGap'),
          escorted: g.escorted === true,
          permit: g.permit === true,
          registered: p.registered === true,
        };
        out.push({
          entity: { type: 'person', id: e.id },
          at: { obj: g },
          data,
          evidence: { grant: { ...g }, required: data.required, held: data.held, registered: p.registered === true },
          related: [{ type: String(data.targetType ?? 'entity'), id: g.target, role: 'access target' }],
          key: g.target,
        });
      }
    }
    return out;
  },
};
