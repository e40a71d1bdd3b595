/**
 * Path queries, the application's part of `seglint path <from> <to>`: resolve each end (an
 * asset, or every asset of a zone and its sub-zones) and answer whether `from` reaches `to`
 * over links in the direction data can flow, with the shortest path or, asked for all, every
 * simple path up to a number of hops. The command line parses and prints (src/cli/commands/path.ts).
 */
import { didYouMean, UsageError } from '../source/errors.js';
import type { Model, PathEvidence } from '../graph/model.js';
import { compareStrings } from '../base/compare.js';

export interface Endpoint {
  id: string;
  type: 'asset' | 'zone';
  /** The assets the endpoint stands for (the asset itself, or every asset in the zone and its sub-zones). */
  assets: string[];
}

export interface PathAnswer {
  from: Endpoint;
  to: Endpoint;
  reachable: boolean;
  /** Shortest first. */
  paths: PathEvidence[];
  /** --all: the limits the enumeration ran under. */
  all?: { maxHops: number; limit: number; truncated: boolean };
  /** Shortest distance in hops, when reachable but no path fits --max-hops. */
  shortestHops?: number;
}

/** The asset, or every asset in the zone and its sub-zones. */
export function resolveEndpoint(model: Model, id: string, which: 'from' | 'to'): Endpoint {
  if (model.assets.has(id)) return { id, type: 'asset', assets: [id] };
  if (model.zones.has(id)) return { id, type: 'zone', assets: model.assetsInZones(model.zoneAndDescendants(id)) };
  const type = model.typeOf(id);
  if (type) throw new UsageError(`<${which}> "${id}" is a ${type}; give an asset or a zone`, { id, type });
  const hint = didYouMean(id, [...model.assets.keys(), ...model.zones.keys()]);
  throw new UsageError(
    `<${which}>: no asset or zone "${id}" in the inventory${hint ? ` (did you mean "${hint}"?)` : ''}`,
    { id, suggestion: hint },
  );
}

function cmpPath(a: PathEvidence, b: PathEvidence): number {
  if (a.hops.length !== b.hops.length) return a.hops.length - b.hops.length;
  for (let i = 0; i < a.assets.length; i++)
    if (a.assets[i] !== b.assets[i]) return compareStrings(a.assets[i]!, b.assets[i]!);
  for (let i = 0; i < a.hops.length; i++)
    if (a.hops[i]!.link !== b.hops[i]!.link) return compareStrings(a.hops[i]!.link, b.hops[i]!.link);
  return 0;
}

export interface PathQuery {
  all?: boolean;
  maxHops?: number;
  limit?: number;
}

/**
 * Answers a path query. Between zones, an asset that sits in both (a firewall or diode with an
 * interface on each side) is the boundary itself: it is neither a start nor an end, so that a
 * diode does not "reach" its own receiving side in zero hops.
 */
export function findPaths(model: Model, from: Endpoint, to: Endpoint, q: PathQuery = {}): PathAnswer {
  let sources = from.assets;
  let targets = to.assets;
  const inTo = new Set(targets);
  const inFrom = new Set(sources);
  const s2 = sources.filter((a) => !inTo.has(a));
  const t2 = targets.filter((a) => !inFrom.has(a));
  if (s2.length && t2.length) {
    sources = s2;
    targets = t2;
  }
  const reach = model.reach(sources);
  let best: string | undefined;
  for (const t of targets) {
    const d = reach.distance(t);
    if (d === -1) continue;
    if (best === undefined || d < reach.distance(best) || (d === reach.distance(best) && t < best)) best = t;
  }
  if (best === undefined) return { from, to, reachable: false, paths: [] };
  if (!q.all) return { from, to, reachable: true, paths: [reach.pathTo(best)!] };
  const maxHops = q.maxHops ?? 8;
  const limit = q.limit ?? 20;
  const found: PathEvidence[] = [];
  let truncated = false;
  for (const s of sources) {
    for (const t of targets) {
      if (!reach.reached(t)) continue;
      const ps = model.allPaths(s, t, maxHops, limit + 1);
      found.push(...ps);
    }
  }
  found.sort(cmpPath);
  if (found.length > limit) {
    truncated = true;
    found.length = limit;
  }
  const answer: PathAnswer = { from, to, reachable: true, paths: found, all: { maxHops, limit, truncated } };
  if (!found.length) answer.shortestHops = reach.distance(best);
  return answer;
}
