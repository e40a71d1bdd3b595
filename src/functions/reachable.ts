/**
 * reachable: multi-hop reachability over links, in the direction data flows, honouring link
 * direction, one-way conduits and data diodes. One breadth-first search per selected entity
 * (a zone searches from all its assets at once), so the cost is linear per source zone.
 * Reports the shortest path to each reached target zone (or target asset) as evidence.
 */
import { trustRank, type Model, type PathEvidence, type Towards } from '../graph/model.js';
import type { Condition } from '../rules/conditions.js';
import type { Entity } from '../rules/attributes.js';
import type { FunctionContext, FunctionResult, RuleFunction } from '../rules/function.js';
import { pathText } from './path-text.js';
import { compareStrings } from '../base/compare.js';

export interface ReachableOptions {
  /** Sources: `self` (an asset itself, or all assets of a zone and its sub-zones) or a field of the entity naming a zone. */
  from: string;
  /** Targets: assets in the zone named by this field of the entity (with its sub-zones). */
  toZoneField?: string;
  /** Targets: assets matching this condition. */
  to?: Condition;
  /** Assets the path may not pass through or end at. */
  avoid?: Condition;
  /** One finding per reached target zone, per target asset, or one per entity (the nearest target). */
  per: 'target-zone' | 'target' | 'entity';
  maxHops?: number;
}

/** Above this many target groups, searches run to the end instead of stopping early. */
const MAX_EARLY_STOP_GROUPS = 64;


/** The zone of lowest trust (the most exposed) among some zones, ties broken by id. */
function lowestTrustZone(m: Model, zones: string[]): string | undefined {
  let best: string | undefined;
  for (const z of zones) {
    const r = trustRank(m.zones.get(z)!.trust);
    if (best === undefined || r < trustRank(m.zones.get(best)!.trust)) best = z;
  }
  return best;
}


export const reachable: RuleFunction<ReachableOptions> = {
  name: 'reachable',
  description: 'Multi-hop reachability over links (data-flow direction, diodes honoured) from the selected assets or zones to a target selection; the shortest path is the evidence.',
  appliesTo: ['asset', 'zone', 'forbidden-flow'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      from: { type: 'string', description: '`self`, or a field of the entity that names a zone.' },
      toZoneField: { type: 'string', description: 'A field of the entity that names the target zone.' },
      to: { type: 'object', description: 'Condition on target assets.' },
      avoid: { type: 'object', description: 'Condition on assets the path may not pass.' },
      per: { enum: ['target-zone', 'target', 'entity'], description: 'Granularity of findings.' },
      maxHops: { type: ['integer', 'string'], minimum: 1, description: 'Most links on a path.' },
    },
  },
  defaults: { from: 'self', per: 'target-zone' },
  conditionOptions: { to: 'asset', avoid: 'asset' },
  dataKeys: ['target', 'targetZone', 'targetTrust', 'source', 'sourceZone', 'hops', 'path'],
  // Over 80 lines, kept whole for now: its closures share the run's memos (avoided, matchesTo,
  // the group reachers, the backward caches), and the traversals it calls (m.reach, m.towards,
  // m.reachingTo) are being moved into graph/ in the same issue; split it once they settle.
  run(selected: Entity[], o: ReachableOptions, ctx: FunctionContext): FunctionResult[] {
    const m = ctx.model;
    const results: FunctionResult[] = [];
    const assetEntity = (id: string) => ctx.entity('asset', id)!;
    /** A condition on assets, evaluated once per asset; `absent` when there is no condition. */
    const memo = (cond: Condition | undefined, absent: boolean) => {
      const cache = new Map<string, boolean>();
      return (id: string): boolean => {
        if (!cond) return absent;
        let v = cache.get(id);
        if (v === undefined) {
          v = ctx.matches(cond, assetEntity(id));
          cache.set(id, v);
        }
        return v;
      };
    };
    const avoided = memo(o.avoid, false);
    const matchesTo = memo(o.to, true);
    const groupOf = (id: string, targetZones: Set<string> | undefined): string => {
      const zones = m.zonesOf(id);
      const targetZone = targetZones ? zones.find((z) => targetZones.has(z)) : lowestTrustZone(m, zones);
      return o.per === 'target' ? id : o.per === 'entity' ? '' : (targetZone ?? `asset:${id}`);
    };
    // Early stop: a search may end once it has met every group it can meet. For 'entity' that
    // is the first target; for 'target-zone' (without toZoneField), the groups whose targets
    // can be reached at all from one of the sources, found by one backward search per group.
    let reachers: Map<string, (id: string) => boolean> | null | undefined;
    const groupReachers = (): Map<string, (id: string) => boolean> | null => {
      if (reachers !== undefined) return reachers;
      const byGroup = new Map<string, string[]>();
      for (const id of m.assets.keys()) {
        if (!matchesTo(id)) continue;
        const g = groupOf(id, undefined);
        const list = byGroup.get(g);
        if (list) list.push(id);
        else byGroup.set(g, [id]);
      }
      if (byGroup.size > MAX_EARLY_STOP_GROUPS) return (reachers = null);
      reachers = new Map([...byGroup].map(([g, ids]) => [g, m.reachingTo(ids, { enterAsset: (id) => !avoided(id) })]));
      return reachers;
    };
    /** One finding: the entity reaches `path`'s last asset, a target of `group`. */
    const resultFor = (e: Entity, path: PathEvidence, targetZone: string | undefined, group: string, sourceZones: Set<string> | undefined): FunctionResult => {
      const id = path.assets[path.assets.length - 1]!;
      const source = path.assets[0]!;
      const sourceZone = m.zonesOf(source).find((z) => !sourceZones || sourceZones.has(z)) ?? m.zonesOf(source)[0];
      return {
        entity: { type: e.type, id: e.id },
        data: {
          target: id,
          targetZone: targetZone ?? '(no zone)',
          targetTrust: targetZone ? (m.zones.get(targetZone)?.trust ?? '') : '',
          source,
          sourceZone: sourceZone ?? '(no zone)',
          hops: path.hops.length,
          path: pathText(path),
        },
        evidence: { source, target: id, targetZone: targetZone ?? null, path },
        related: [
          { type: 'asset', id: source, role: 'path start' },
          { type: 'asset', id, role: 'path end' },
          ...path.hops.map((h) => ({ type: 'link', id: h.link, role: 'hop' })),
        ],
        key: group,
      };
    };
    // Backward mode: when there are fewer target groups than selected entities, one backward
    // search per group (distance of every asset to its nearest target) serves every entity,
    // instead of one forward search per entity. The paths found are as short; ties are broken
    // by asset id.
    const backward = (() => {
      if (o.per !== 'target-zone' || o.toZoneField) return undefined;
      const byGroup = new Map<string, string[]>();
      for (const id of [...m.assets.keys()].sort()) {
        if (!matchesTo(id)) continue;
        const g = groupOf(id, undefined);
        const list = byGroup.get(g);
        if (list) list.push(id);
        else byGroup.set(g, [id]);
      }
      if (byGroup.size >= selected.length) return undefined;
      const groups = [...byGroup.entries()].sort(([a], [b]) => compareStrings(a, b));
      let cache: Map<string, Towards> | undefined;
      const towards = (g: string, targets: string[]) => {
        cache ??= new Map();
        let t = cache.get(g);
        if (!t) {
          t = m.towards(targets, { enterAsset: (id) => !avoided(id) });
          cache.set(g, t);
        }
        return t;
      };
      return { groups, towards };
    })();
    for (const e of selected) {
      let sources: string[];
      let sourceZones: Set<string> | undefined;
      if (o.from === 'self') {
        if (e.type === 'asset') sources = [e.id];
        else if (e.type === 'zone') {
          sourceZones = m.zoneAndDescendants(e.id);
          sources = m.assetsInZones(sourceZones);
        } else continue;
      } else {
        const z = ctx.view(e).get(o.from);
        if (typeof z !== 'string') continue;
        sourceZones = m.zoneAndDescendants(z);
        sources = m.assetsInZones(sourceZones);
      }
      const sourceSet = new Set(sources);
      let targetZones: Set<string> | undefined;
      if (o.toZoneField) {
        const z = ctx.view(e).get(o.toZoneField);
        if (typeof z !== 'string') continue;
        targetZones = m.zoneAndDescendants(z);
      }
      const isTarget = (id: string): boolean => {
        if (sourceSet.has(id)) return false;
        if (targetZones && !m.zonesOf(id).some((z) => targetZones!.has(z))) return false;
        return matchesTo(id);
      };
      if (backward && !targetZones && !backward.groups.some(([, targets]) => targets.some((t) => sourceSet.has(t)))) {
        for (const [g, targets] of backward.groups) {
          const t = backward.towards(g, targets);
          let best: string | undefined;
          let bestD = Infinity;
          for (const src of sources) {
            const d = t.distance(src);
            if (d > 0 && d < bestD && (o.maxHops === undefined || d <= o.maxHops)) {
              best = src;
              bestD = d;
            }
          }
          if (best === undefined) continue;
          const path = t.pathFrom(best)!;
          results.push(resultFor(e, path, lowestTrustZone(m, m.zonesOf(path.assets[path.assets.length - 1]!)), g, sourceZones));
        }
        continue;
      }
      let until: ((id: string) => boolean) | undefined;
      if (o.per === 'entity') until = isTarget;
      else if (o.per === 'target-zone' && !targetZones) {
        const byGroup = groupReachers();
        if (byGroup) {
          const expected = new Set<string>();
          for (const [g, reaches] of byGroup) if (sources.some(reaches)) expected.add(g);
          const met = new Set<string>();
          until = (id) => {
            if (expected.size === 0) return true;
            if (isTarget(id)) {
              const g = groupOf(id, undefined);
              if (expected.has(g)) met.add(g);
            }
            return met.size === expected.size;
          };
        }
      }
      const reach = m.reach(sources, {
        enterAsset: (id) => !avoided(id),
        maxHops: o.maxHops,
        until,
      });
      // reachedIds is in BFS order: the first target of each group is the nearest one.
      const seenGroups = new Set<string>();
      for (const id of reach.reachedIds()) {
        if (!isTarget(id)) continue;
        const zones = m.zonesOf(id);
        const targetZone = targetZones ? zones.find((z) => targetZones!.has(z)) : lowestTrustZone(m, zones);
        const group = groupOf(id, targetZones);
        if (seenGroups.has(group)) continue;
        seenGroups.add(group);
        results.push(resultFor(e, reach.pathTo(id)!, targetZone, group, sourceZones));
        if (o.per === 'entity') break;
      }
    }
    return results;
  },
};
