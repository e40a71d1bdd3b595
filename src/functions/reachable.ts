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
import { byKey, compareStrings } from '../base/compare.js';
import { groupBy } from '../base/group.js';

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

/** What one run shares between its entities: the options, the model and the memos on assets. */
interface Run {
  o: ReachableOptions;
  ctx: FunctionContext;
  m: Model;
  /** The path may not pass or end at this asset (the `avoid` condition). */
  avoided: (id: string) => boolean;
  /** The asset matches the `to` condition (every asset when there is none). */
  matchesTo: (id: string) => boolean;
  /** See groupReachers. */
  reachers: Map<string, (id: string) => boolean> | null | undefined;
}

/** A condition on assets, evaluated once per asset; `absent` when there is no condition. */
function assetMemo(ctx: FunctionContext, cond: Condition | undefined, absent: boolean): (id: string) => boolean {
  const cache = new Map<string, boolean>();
  return (id: string): boolean => {
    if (!cond) return absent;
    let v = cache.get(id);
    if (v === undefined) {
      v = ctx.matches(cond, ctx.entity('asset', id)!);
      cache.set(id, v);
    }
    return v;
  };
}

function newRun(o: ReachableOptions, ctx: FunctionContext): Run {
  return {
    o,
    ctx,
    m: ctx.model,
    avoided: assetMemo(ctx, o.avoid, false),
    matchesTo: assetMemo(ctx, o.to, true),
    reachers: undefined,
  };
}

/** The search may enter an asset that is not avoided. */
function entering(run: Run): (id: string) => boolean {
  return (id) => !run.avoided(id);
}

/** The group of a target asset's finding: the asset ('target'), its target zone ('target-zone') or one for all ('entity'). */
function groupOf(run: Run, id: string, targetZones: Set<string> | undefined): string {
  const zones = run.m.zonesOf(id);
  const targetZone = targetZones ? zones.find((z) => targetZones.has(z)) : lowestTrustZone(run.m, zones);
  return run.o.per === 'target' ? id : run.o.per === 'entity' ? '' : (targetZone ?? `asset:${id}`);
}

/** The assets among `ids` that match `to`, by group (without toZoneField), in the order of `ids`. */
function targetGroups(run: Run, ids: Iterable<string>): Map<string, string[]> {
  return groupBy(ids, (id) => (run.matchesTo(id) ? groupOf(run, id, undefined) : undefined));
}

/**
 * For early stop in 'target-zone' mode (without toZoneField): per group, whether its targets
 * can be reached at all from an asset, found by one backward search per group, built on first
 * use; null when there are too many groups.
 */
function groupReachers(run: Run): Map<string, (id: string) => boolean> | null {
  if (run.reachers !== undefined) return run.reachers;
  const byGroup = targetGroups(run, run.m.assets.keys());
  if (byGroup.size > MAX_EARLY_STOP_GROUPS) return (run.reachers = null);
  run.reachers = new Map([...byGroup].map(([g, ids]) => [g, run.m.reachingTo(ids, { enterAsset: entering(run) })]));
  return run.reachers;
}

/** Backward searches: the target groups, sorted by group, and each group's search (run on first use). */
interface Backward {
  groups: [string, string[]][];
  towards(group: string, targets: string[]): Towards;
}

/**
 * Backward mode: when there are fewer target groups than selected entities, one backward
 * search per group (distance of every asset to its nearest target) serves every entity,
 * instead of one forward search per entity. The paths found are as short; ties are broken
 * by asset id. Undefined when the mode does not apply.
 */
function backwardSearches(run: Run, selectedCount: number): Backward | undefined {
  if (run.o.per !== 'target-zone' || run.o.toZoneField) return undefined;
  const byGroup = targetGroups(run, [...run.m.assets.keys()].sort(compareStrings));
  if (byGroup.size >= selectedCount) return undefined;
  const groups = byKey(byGroup);
  let cache: Map<string, Towards> | undefined;
  const towards = (g: string, targets: string[]) => {
    cache ??= new Map();
    let t = cache.get(g);
    if (!t) {
      t = run.m.towards(targets, { enterAsset: entering(run) });
      cache.set(g, t);
    }
    return t;
  };
  return { groups, towards };
}

/** Where an entity's searches start: its assets, and the zones they were taken from. */
interface Sources {
  sources: string[];
  sourceZones: Set<string> | undefined;
}

/** The sources of an entity per `from`; undefined when it has none to search from. */
function sourcesOf(run: Run, e: Entity): Sources | undefined {
  const { m, o } = run;
  if (o.from === 'self') {
    if (e.type === 'asset') return { sources: [e.id], sourceZones: undefined };
    if (e.type !== 'zone') return undefined;
    const sourceZones = m.zoneAndDescendants(e.id);
    return { sources: m.assetsInZones(sourceZones), sourceZones };
  }
  const z = run.ctx.view(e).get(o.from);
  if (typeof z !== 'string') return undefined;
  const sourceZones = m.zoneAndDescendants(z);
  return { sources: m.assetsInZones(sourceZones), sourceZones };
}

/** The target zones named by toZoneField: undefined without the option, null when the entity names no zone. */
function targetZonesOf(run: Run, e: Entity): Set<string> | undefined | null {
  if (!run.o.toZoneField) return undefined;
  const z = run.ctx.view(e).get(run.o.toZoneField);
  if (typeof z !== 'string') return null;
  return run.m.zoneAndDescendants(z);
}

/** A target: not a source, in a target zone if there are any, matching `to`. */
function targetTest(run: Run, sourceSet: Set<string>, targetZones: Set<string> | undefined): (id: string) => boolean {
  return (id: string): boolean => {
    if (sourceSet.has(id)) return false;
    if (targetZones && !run.m.zonesOf(id).some((z) => targetZones.has(z))) return false;
    return run.matchesTo(id);
  };
}

/** One finding: the entity reaches `path`'s last asset, a target of `group`. */
function resultFor(
  m: Model,
  e: Entity,
  path: PathEvidence,
  targetZone: string | undefined,
  group: string,
  sourceZones: Set<string> | undefined,
): FunctionResult {
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
}

/** An entity's findings from the backward searches: per group, the nearest of its sources that reaches it. */
function backwardResults(run: Run, backward: Backward, e: Entity, { sources, sourceZones }: Sources): FunctionResult[] {
  const results: FunctionResult[] = [];
  for (const [g, targets] of backward.groups) {
    const t = backward.towards(g, targets);
    let best: string | undefined;
    let bestD = Infinity;
    for (const src of sources) {
      const d = t.distance(src);
      if (d > 0 && d < bestD && (run.o.maxHops === undefined || d <= run.o.maxHops)) {
        best = src;
        bestD = d;
      }
    }
    if (best === undefined) continue;
    const path = t.pathFrom(best)!;
    results.push(
      resultFor(
        run.m,
        e,
        path,
        lowestTrustZone(run.m, run.m.zonesOf(path.assets[path.assets.length - 1]!)),
        g,
        sourceZones,
      ),
    );
  }
  return results;
}

/**
 * Early stop: a search may end once it has met every group it can meet. For 'entity' that is
 * the first target; for 'target-zone' (without toZoneField), the groups whose targets can be
 * reached at all from one of the sources (see groupReachers). Undefined: search to the end.
 */
function stopWhen(
  run: Run,
  sources: string[],
  isTarget: (id: string) => boolean,
  targetZones: Set<string> | undefined,
): ((id: string) => boolean) | undefined {
  if (run.o.per === 'entity') return isTarget;
  if (run.o.per !== 'target-zone' || targetZones) return undefined;
  const byGroup = groupReachers(run);
  if (!byGroup) return undefined;
  const expected = new Set<string>();
  for (const [g, reaches] of byGroup) if (sources.some(reaches)) expected.add(g);
  const met = new Set<string>();
  return (id) => {
    if (expected.size === 0) return true;
    if (isTarget(id)) {
      const g = groupOf(run, id, undefined);
      if (expected.has(g)) met.add(g);
    }
    return met.size === expected.size;
  };
}

/** An entity's findings from one forward search from its sources: the nearest target of each group. */
function forwardResults(
  run: Run,
  e: Entity,
  { sources, sourceZones }: Sources,
  sourceSet: Set<string>,
  targetZones: Set<string> | undefined,
): FunctionResult[] {
  const { m, o } = run;
  const isTarget = targetTest(run, sourceSet, targetZones);
  const results: FunctionResult[] = [];
  const reach = m.reach(sources, {
    enterAsset: entering(run),
    maxHops: o.maxHops,
    until: stopWhen(run, sources, isTarget, targetZones),
  });
  // reachedIds is in BFS order: the first target of each group is the nearest one.
  const seenGroups = new Set<string>();
  for (const id of reach.reachedIds()) {
    if (!isTarget(id)) continue;
    const zones = m.zonesOf(id);
    const targetZone = targetZones ? zones.find((z) => targetZones.has(z)) : lowestTrustZone(m, zones);
    const group = groupOf(run, id, targetZones);
    if (seenGroups.has(group)) continue;
    seenGroups.add(group);
    results.push(resultFor(m, e, reach.pathTo(id)!, targetZone, group, sourceZones));
    if (o.per === 'entity') break;
  }
  return results;
}

export const reachable: RuleFunction<ReachableOptions> = {
  name: 'reachable',
  description:
    'Multi-hop reachability over links (data-flow direction, diodes honoured) from the selected assets or zones to a target selection; the shortest path is the evidence.',
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
  run(selected: Entity[], o: ReachableOptions, ctx: FunctionContext): FunctionResult[] {
    const run = newRun(o, ctx);
    const backward = backwardSearches(run, selected.length);
    const results: FunctionResult[] = [];
    for (const e of selected) {
      const from = sourcesOf(run, e);
      if (!from) continue;
      const targetZones = targetZonesOf(run, e);
      if (targetZones === null) continue;
      const sourceSet = new Set(from.sources);
      const useBackward =
        backward && !targetZones && !backward.groups.some(([, targets]) => targets.some((t) => sourceSet.has(t)));
      const found = useBackward
        ? backwardResults(run, backward, e, from)
        : forwardResults(run, e, from, sourceSet, targetZones);
      for (const r of found) results.push(r);
    }
    return results;
  },
};
