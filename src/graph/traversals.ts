/**
 * Traversals of the flow graph, as functions: reach (breadth first from sources, in the
 * direction data flows), reachingTo and towards (backwards from targets), shortestPath and
 * allPaths. Each works on the adjacency arrays of flow.ts (and the reverse arcs of indexes.ts)
 * by asset index, so that one traversal costs time linear in the size of the inventory; a path
 * found is rebuilt by one walk-back over predecessor pointers and described as PathEvidence.
 */
import type { Conduit, Link } from '../inventory/types.js';
import type { FlowGraph } from './flow.js';
import type { ModelIndex } from './indexes.js';
import { compareStrings } from '../base/compare.js';
import { pushTo } from '../base/group.js';

/** One step along a link, in the direction of travel. */
export interface Hop {
  link: string;
  from: string;
  to: string;
  medium: Link['medium'];
  purpose?: Link['purpose'];
  conduit?: string;
}

/** A path from one asset to another: the assets passed and the links taken. */
export interface PathEvidence {
  assets: string[];
  hops: Hop[];
  /** Zones crossed, in order of first entry, each once (an asset's own zones in id order). */
  zones: string[];
  /** Conduits passed (declared on links or as filtering assets on the path). */
  conduits: string[];
}

export interface ReachOptions {
  /** Follow a link from asset `from` to asset `to`? */
  followLink?: (link: Link, from: string, to: string) => boolean;
  /** May the search enter this asset? */
  enterAsset?: (assetId: string) => boolean;
  /** Reach this asset, but do not go on from it. */
  stopAt?: (assetId: string) => boolean;
  /** Most links on a path. */
  maxHops?: number;
  /**
   * Ends the search as soon as this returns true for an asset just reached (sources first,
   * then in breadth-first order). What was reached until then, and every path to it, is
   * exactly what the whole search would have found.
   */
  until?: (assetId: string) => boolean;
}

export interface Reach {
  reached(id: string): boolean;
  distance(id: string): number;
  reachedIds(): string[];
  pathTo(id: string): PathEvidence | undefined;
}

export interface Towards {
  /** Links from the asset to the nearest target, or -1 when none can be reached. */
  distance(id: string): number;
  /** A shortest path from the asset to a target. */
  pathFrom(id: string): PathEvidence | undefined;
}

/** What the traversals walk: the flow graph, its reverse arcs, and what evidence names on the way. */
export interface Traversable {
  readonly flow: FlowGraph;
  readonly indexes: Pick<ModelIndex, 'incomingArcs' | 'incomingAssets'>;
  zonesOf(assetId: string): string[];
  conduitsVia(assetId: string): Conduit[];
}

type Step = { link: Link; from: string; to: string };

/** Builds path evidence from a list of assets and the links between them. */
export function evidence(t: Traversable, assets: string[], links: Step[]): PathEvidence {
  const hops: Hop[] = links.map(({ link, from, to }) => {
    const h: Hop = { link: link.id, from, to, medium: link.medium };
    if (link.purpose) h.purpose = link.purpose;
    if (link.conduit) h.conduit = link.conduit;
    return h;
  });
  const zones: string[] = [];
  const conduits: string[] = [];
  for (const a of assets) {
    for (const z of t.zonesOf(a)) if (zones[zones.length - 1] !== z && !zones.includes(z)) zones.push(z);
    for (const c of t.conduitsVia(a)) if (!conduits.includes(c.id)) conduits.push(c.id);
  }
  for (const h of hops) if (h.conduit && !conduits.includes(h.conduit)) conduits.push(h.conduit);
  return { assets, hops, zones, conduits };
}

/**
 * The one walk-back: from asset `start`, follows `pointer` (-1 ends) over the link `via`
 * names at each asset. `backwards`: the pointers lead back to where the search started (a
 * forward search), so the path is reversed; else they lead on to a target (a backward search).
 */
function walk(
  t: Traversable,
  start: number,
  pointer: Int32Array,
  via: (Link | undefined)[],
  backwards: boolean,
): PathEvidence {
  const ids = t.flow.ids;
  const assets: string[] = [];
  const links: Step[] = [];
  for (let cur = start; cur !== -1;) {
    assets.push(ids[cur]!);
    const p = pointer[cur]!;
    if (p !== -1)
      links.push(
        backwards
          ? { link: via[cur]!, from: ids[p]!, to: ids[cur]! }
          : { link: via[cur]!, from: ids[cur]!, to: ids[p]! },
      );
    cur = p;
  }
  if (backwards) {
    assets.reverse();
    links.reverse();
  }
  return evidence(t, assets, links);
}

/**
 * Multi-source breadth-first search over links in the direction data flows. Returns, for
 * every asset reached (sources included, at distance 0), the predecessor arc, so that the
 * shortest path to any of them can be rebuilt. One traversal serves every target.
 */
export function reach(t: Traversable, sources: Iterable<string>, options: ReachOptions = {}): Reach {
  const { ids, indexOf, out } = t.flow;
  const n = ids.length;
  const dist = new Int32Array(n).fill(-1);
  const prevAsset = new Int32Array(n).fill(-1);
  const prevLink: (Link | undefined)[] = new Array(n);
  const queue: number[] = [];
  const until = options.until;
  let done = false;
  for (const s of sources) {
    const i = indexOf.get(s);
    if (i === undefined || dist[i] !== -1) continue;
    dist[i] = 0;
    queue.push(i);
    if (until && until(s)) {
      done = true;
      break;
    }
  }
  const maxHops = options.maxHops ?? Infinity;
  for (let head = 0; head < queue.length && !done; head++) {
    const u = queue[head]!;
    if (dist[u]! >= maxHops) continue;
    const uId = ids[u]!;
    if (head > 0 && dist[u]! > 0 && options.stopAt?.(uId)) continue;
    for (const arc of out[u]!) {
      if (dist[arc.to] !== -1) continue;
      if (options.followLink && !options.followLink(arc.link, uId, ids[arc.to]!)) continue;
      if (options.enterAsset && !options.enterAsset(ids[arc.to]!)) continue;
      dist[arc.to] = dist[u]! + 1;
      prevAsset[arc.to] = u;
      prevLink[arc.to] = arc.link;
      queue.push(arc.to);
      if (until && until(ids[arc.to]!)) {
        done = true;
        break;
      }
    }
  }
  return {
    reached(id: string): boolean {
      const i = indexOf.get(id);
      return i !== undefined && dist[i] !== -1;
    },
    distance(id: string): number {
      const i = indexOf.get(id);
      return i === undefined ? -1 : dist[i]!;
    },
    reachedIds(): string[] {
      const reached: string[] = [];
      for (const i of queue) reached.push(ids[i]!);
      return reached;
    },
    pathTo(id: string): PathEvidence | undefined {
      const i = indexOf.get(id);
      if (i === undefined || dist[i] === -1) return undefined;
      return walk(t, i, prevAsset, prevLink, true);
    },
  };
}

/**
 * The assets from which data can flow to one of `targets` over links (the targets
 * included): reach() run backwards from all of them at once. A target that may not be
 * entered (`enterAsset`) is not reachable; an asset that may not be entered is counted (it
 * may still start a path) but not walked through. `maxHops` and `stopAt` are ignored, so the
 * answer is a superset of what reach() finds with them.
 */
export function reachingTo(
  t: Traversable,
  targets: Iterable<string>,
  options: Pick<ReachOptions, 'enterAsset'> = {},
): (assetId: string) => boolean {
  const { ids, indexOf } = t.flow;
  const incoming = t.indexes.incomingAssets;
  const mark = new Uint8Array(ids.length);
  const queue: number[] = [];
  for (const target of targets) {
    const i = indexOf.get(target);
    if (i === undefined || mark[i] || (options.enterAsset && !options.enterAsset(target))) continue;
    mark[i] = 1;
    queue.push(i);
  }
  for (let head = 0; head < queue.length; head++) {
    for (const u of incoming[queue[head]!]!) {
      if (mark[u]) continue;
      mark[u] = 1;
      if (!options.enterAsset || options.enterAsset(ids[u]!)) queue.push(u);
    }
  }
  return (id) => {
    const i = indexOf.get(id);
    return i !== undefined && mark[i] === 1;
  };
}

/**
 * Breadth-first search backwards from a set of targets: for every asset from which data can
 * reach one of them, the number of links to the nearest one and the first step of such a
 * shortest path. One search answers "how close is each asset to this group", so that many
 * source zones cost one traversal instead of one each. Same entry rules as reachingTo().
 */
export function towards(
  t: Traversable,
  targets: Iterable<string>,
  options: Pick<ReachOptions, 'enterAsset'> = {},
): Towards {
  const { ids, indexOf } = t.flow;
  const n = ids.length;
  const incoming = t.indexes.incomingArcs;
  const dist = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const nextLink: (Link | undefined)[] = new Array(n);
  const queue: number[] = [];
  for (const target of [...targets].sort()) {
    const i = indexOf.get(target);
    if (i === undefined || dist[i] !== -1 || (options.enterAsset && !options.enterAsset(target))) continue;
    dist[i] = 0;
    queue.push(i);
  }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const arc of incoming[v]!) {
      const u = arc.to; // here: the asset the arc comes from
      if (dist[u] !== -1) continue;
      dist[u] = dist[v]! + 1;
      next[u] = v;
      nextLink[u] = arc.link;
      if (!options.enterAsset || options.enterAsset(ids[u]!)) queue.push(u);
    }
  }
  return {
    distance: (id) => {
      const i = indexOf.get(id);
      return i === undefined ? -1 : dist[i]!;
    },
    pathFrom: (id) => {
      const i = indexOf.get(id);
      if (i === undefined || dist[i] === -1) return undefined;
      return walk(t, i, next, nextLink, false);
    },
  };
}

/** The shortest path over links from one asset to another, or undefined. */
export function shortestPath(
  t: Traversable,
  from: string,
  to: string,
  options: ReachOptions = {},
): PathEvidence | undefined {
  return reach(t, [from], options).pathTo(to);
}

/**
 * Every simple path from one asset to another, up to `maxHops` links and at most `limit`
 * paths, shortest first, then in order of asset ids (then of link ids, for parallel links).
 * Paths are enumerated one length at a time, neighbours in id order, so the walk meets them
 * in exactly the order returned and can stop at `limit` without missing a shorter one.
 */
export function allPaths(t: Traversable, from: string, to: string, maxHops = 8, limit = 100): PathEvidence[] {
  const { ids, indexOf, out } = t.flow;
  const start = indexOf.get(from);
  const goal = indexOf.get(to);
  if (start === undefined || goal === undefined || limit <= 0) return [];
  if (start === goal) return [evidence(t, [from], [])];
  // prune: only walk assets from which the goal is reachable within the remaining budget
  const back = distancesTo(t, goal);
  if (back[start] === -1) return [];
  type Next = { to: number; links: Link[] };
  const nextCache = new Map<number, Next[]>();
  const nextOf = (u: number): Next[] => {
    let steps = nextCache.get(u);
    if (!steps) {
      const byTo = new Map<number, Link[]>();
      for (const arc of out[u]!) pushTo(byTo, arc.to, arc.link);
      steps = [...byTo].map(([k, links]) => ({ to: k, links: links.sort((x, y) => compareStrings(x.id, y.id)) }));
      steps.sort((x, y) => compareStrings(ids[x.to]!, ids[y.to]!));
      nextCache.set(u, steps);
    }
    return steps;
  };
  const found: PathEvidence[] = [];
  const onPath = new Set<number>([start]);
  const stack: Next[] = [];
  const emit = () => {
    const assets = [start, ...stack.map((s) => s.to)].map((i) => ids[i]!);
    const chosen: Step[] = [];
    // every choice among parallel links, in order of link ids
    const choose = (i: number) => {
      if (i === stack.length) {
        found.push(evidence(t, assets, [...chosen]));
        return;
      }
      for (const l of stack[i]!.links) {
        if (found.length >= limit) return;
        chosen.push({ link: l, from: assets[i]!, to: assets[i + 1]! });
        choose(i + 1);
        chosen.pop();
      }
    };
    choose(0);
  };
  const dfs = (u: number, length: number) => {
    if (stack.length === length) {
      if (u === goal) emit();
      return;
    }
    if (u === goal) return;
    for (const step of nextOf(u)) {
      if (found.length >= limit) return;
      if (onPath.has(step.to)) continue;
      const d = back[step.to]!;
      if (d === -1 || stack.length + 1 + d > length) continue;
      onPath.add(step.to);
      stack.push(step);
      dfs(step.to, length);
      stack.pop();
      onPath.delete(step.to);
    }
  };
  for (let length = back[start]!; length <= maxHops && found.length < limit; length++) dfs(start, length);
  return found;
}

/** Links from each asset to `goal` along data flow (-1: it cannot reach it). */
function distancesTo(t: Traversable, goal: number): Int32Array {
  const incoming = t.indexes.incomingAssets;
  const dist = new Int32Array(t.flow.ids.length).fill(-1);
  dist[goal] = 0;
  const q = [goal];
  for (let h = 0; h < q.length; h++) {
    const v = q[h]!;
    for (const u of incoming[v]!) {
      if (dist[u] === -1) {
        dist[u] = dist[v]! + 1;
        q.push(u);
      }
    }
  }
  return dist;
}
