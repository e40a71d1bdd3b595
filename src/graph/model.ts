/**
 * The model graph: every entity of a resolved inventory is a node of one @dagrejs/graphlib
 * multigraph, carrying its data and source position, joined by typed edges. Traversals over
 * links use adjacency arrays precomputed once (with each link's effective data-flow
 * direction), so that rules stay linear in the size of the inventory.
 */
import { Graph } from '@dagrejs/graphlib';
import { IdSafeGraph } from './safe-graph.js';
import type { Location, PositionIndex } from '../source/location.js';
import { InputError } from '../source/errors.js';
import { OwnershipNotSettled, OwnershipSolver, type OwnershipResult } from './ownership.js';
import {
  TRUST_ORDER,
  type Asset,
  type Conduit,
  type Inventory,
  type Jurisdiction,
  type Link,
  type Organization,
  type Person,
  type Room,
  type Site,
  type Trust,
  type Zone,
} from '../inventory/types.js';

export type NodeType = 'organization' | 'site' | 'room' | 'zone' | 'conduit' | 'asset' | 'link' | 'person' | 'jurisdiction';

export type EdgeType =
  | 'link'
  | 'in-zone'
  | 'in-room'
  | 'at-site'
  | 'child-of'
  | 'supplied-by'
  | 'maintained-by'
  | 'owned-by'
  | 'employs'
  | 'may-access'
  | 'joins'
  | 'via'
  | 'based-in'
  | 'operated-by';

export interface NodeLabel {
  type: NodeType;
  id: string;
  data: object;
  location?: Location;
}

export interface EdgeLabel {
  type: EdgeType;
  /** owned-by: the share owned. */
  share?: number;
  /** link: the link id. */
  link?: string;
}

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

interface Arc {
  to: number;
  link: Link;
}

export const nodeKey = (type: NodeType, id: string): string => (type === 'jurisdiction' ? `jurisdiction:${id}` : id);

export function trustRank(t: Trust): number {
  return TRUST_ORDER.indexOf(t);
}

export class Model {
  readonly assets = new Map<string, Asset>();
  readonly zones = new Map<string, Zone>();
  readonly rooms = new Map<string, Room>();
  readonly sites = new Map<string, Site>();
  readonly organizations = new Map<string, Organization>();
  readonly conduits = new Map<string, Conduit>();
  readonly links = new Map<string, Link>();
  readonly people = new Map<string, Person>();
  readonly jurisdictions = new Map<string, Jurisdiction>();

  private readonly assetIndex = new Map<string, number>();
  private readonly assetIds: string[];
  private readonly out: Arc[][];
  private readonly linksByAsset: Link[][];
  private readonly zonesOfAsset: string[][];
  /** Filtering asset id -> conduits it is listed in. */
  private readonly conduitsOfAsset = new Map<string, Conduit[]>();

  constructor(
    readonly inventory: Inventory,
    readonly positions?: PositionIndex,
  ) {
    for (const j of inventory.jurisdictions) this.jurisdictions.set(j.country, j);
    for (const o of inventory.organizations) this.organizations.set(o.id, o);
    for (const s of inventory.sites) this.sites.set(s.id, s);
    for (const r of inventory.rooms) this.rooms.set(r.id, r);
    for (const z of inventory.zones) this.zones.set(z.id, z);
    for (const c of inventory.conduits) {
      this.conduits.set(c.id, c);
      for (const a of c.via) {
        const list = this.conduitsOfAsset.get(a);
        if (list) list.push(c);
        else this.conduitsOfAsset.set(a, [c]);
      }
    }
    this.assetIds = inventory.assets.map((a) => a.id);
    inventory.assets.forEach((a, i) => {
      this.assets.set(a.id, a);
      this.assetIndex.set(a.id, i);
    });
    for (const p of inventory.people) this.people.set(p.id, p);
    this.zonesOfAsset = inventory.assets.map((a) => {
      if (!a.interfaces?.length) return a.zone ? [a.zone] : [];
      const zs = new Set<string>();
      if (a.zone) zs.add(a.zone);
      for (const i of a.interfaces) zs.add(i.zone);
      return [...zs].sort();
    });

    // links: data-flow adjacency with each link's effective direction
    this.out = inventory.assets.map(() => []);
    this.linksByAsset = inventory.assets.map(() => []);
    for (const l of inventory.links) {
      this.links.set(l.id, l);
      const a = this.assetIndex.get(l.from);
      const b = this.assetIndex.get(l.to);
      if (a === undefined || b === undefined) continue;
      this.linksByAsset[a]!.push(l);
      this.linksByAsset[b]!.push(l);
      const { forward, backward } = this.flowOf(l);
      if (forward) this.out[a]!.push({ to: b, link: l });
      if (backward) this.out[b]!.push({ to: a, link: l });
    }
  }

  private graphCache: Graph<Record<string, never>, NodeLabel, EdgeLabel> | undefined;

  /**
   * Every entity as a node of a @dagrejs/graphlib multigraph, with typed edges. Built on first
   * use: rules work on the maps and adjacency arrays above, and building the multigraph costs
   * more than everything else in the model together (about 2 s for 100,000 assets).
   */
  get graph(): Graph<Record<string, never>, NodeLabel, EdgeLabel> {
    if (!this.graphCache) this.graphCache = this.buildGraph();
    return this.graphCache;
  }

  private buildGraph(): Graph<Record<string, never>, NodeLabel, EdgeLabel> {
    const inventory = this.inventory;
    const positions = this.positions;
    const g = new IdSafeGraph<Record<string, never>, NodeLabel, EdgeLabel>({ directed: true, multigraph: true, compound: false });
    const loc = (o: object) => positions?.locate(o);
    const addNode = (type: NodeType, id: string, data: object) => g.setNode(nodeKey(type, id), { type, id, data, location: loc(data) });
    const edge = (v: string, w: string, label: EdgeLabel, name?: string) => {
      if (g.hasNode(v) && g.hasNode(w)) g.setEdge(v, w, label, name ?? label.type);
    };
    for (const j of inventory.jurisdictions) addNode('jurisdiction', j.country, j);
    for (const o of inventory.organizations) addNode('organization', o.id, o);
    for (const s of inventory.sites) addNode('site', s.id, s);
    for (const r of inventory.rooms) addNode('room', r.id, r);
    for (const z of inventory.zones) addNode('zone', z.id, z);
    for (const c of inventory.conduits) addNode('conduit', c.id, c);
    for (const a of inventory.assets) addNode('asset', a.id, a);
    for (const p of inventory.people) addNode('person', p.id, p);

    // structural edges
    for (const o of inventory.organizations) {
      if (o.country) edge(o.id, nodeKey('jurisdiction', o.country), { type: 'based-in' });
      for (const ow of o.owners ?? []) edge(o.id, ow.organization, { type: 'owned-by', share: ow.share }, `owned-by:${ow.organization}`);
    }
    for (const s of inventory.sites) if (s.operator) edge(s.id, s.operator, { type: 'operated-by' });
    for (const r of inventory.rooms) edge(r.id, r.site, { type: 'at-site' });
    for (const z of inventory.zones) {
      if (z.parent) edge(z.id, z.parent, { type: 'child-of' });
      if (z.site) edge(z.id, z.site, { type: 'at-site' });
    }
    for (const c of inventory.conduits) {
      for (const z of c.zones) edge(c.id, z, { type: 'joins' }, `joins:${z}`);
      for (const a of c.via) edge(c.id, a, { type: 'via' }, `via:${a}`);
    }
    inventory.assets.forEach((a, i) => {
      for (const z of this.zonesOfAsset[i]!) edge(a.id, z, { type: 'in-zone' }, `in-zone:${z}`);
      if (a.room) edge(a.id, a.room, { type: 'in-room' });
      if (a.site) edge(a.id, a.site, { type: 'at-site' });
      if (a.vendor) edge(a.id, a.vendor, { type: 'supplied-by' });
      if (a.maintainer) edge(a.id, a.maintainer, { type: 'maintained-by' });
      if (a.owner) edge(a.id, a.owner, { type: 'owned-by' }, 'owned-by');
    });
    for (const p of inventory.people) {
      if (p.employer) edge(p.employer, p.id, { type: 'employs' });
      for (const gr of p.access ?? []) edge(p.id, gr.target, { type: 'may-access' }, `may-access:${gr.target}`);
    }
    for (const l of inventory.links) edge(l.from, l.to, { type: 'link', link: l.id }, l.id);
    return g;
  }

  /** Source position of an entity (or one of its fields). */
  locate(entity: object, field?: string): Location | undefined {
    return this.positions?.locate(entity, field);
  }

  zonesOf(assetId: string): string[] {
    const i = this.assetIndex.get(assetId);
    return i === undefined ? [] : this.zonesOfAsset[i]!;
  }

  linksOf(assetId: string): Link[] {
    const i = this.assetIndex.get(assetId);
    return i === undefined ? [] : this.linksByAsset[i]!;
  }

  conduitsVia(assetId: string): Conduit[] {
    return this.conduitsOfAsset.get(assetId) ?? [];
  }

  /** The site an asset stands at: its own, or its room's. */
  siteOf(asset: Asset): string | undefined {
    return asset.site ?? (asset.room ? this.rooms.get(asset.room)?.site : undefined);
  }

  /** Highest trust among the zones of an asset (undefined when it is in none). */
  trustOf(assetId: string): Trust | undefined {
    let best: Trust | undefined;
    for (const z of this.zonesOf(assetId)) {
      const t = this.zones.get(z)?.trust;
      if (t && (best === undefined || trustRank(t) > trustRank(best))) best = t;
    }
    return best;
  }

  /** Lowest trust among the zones of an asset. */
  lowestTrustOf(assetId: string): Trust | undefined {
    let worst: Trust | undefined;
    for (const z of this.zonesOf(assetId)) {
      const t = this.zones.get(z)?.trust;
      if (t && (worst === undefined || trustRank(t) < trustRank(worst))) worst = t;
    }
    return worst;
  }

  /** Assets directly in a zone (by `zone` or an interface). */
  assetsInZone(zoneId: string): Asset[] {
    if (!this.assetsByZone) {
      this.assetsByZone = new Map();
      this.inventory.assets.forEach((a, i) => {
        for (const z of this.zonesOfAsset[i]!) {
          const list = this.assetsByZone!.get(z);
          if (list) list.push(a);
          else this.assetsByZone!.set(z, [a]);
        }
      });
    }
    return this.assetsByZone.get(zoneId) ?? [];
  }
  private assetsByZone: Map<string, Asset[]> | undefined;

  /** The zone and every zone nested in it, however deep (one index per model, built on first use). */
  zoneAndDescendants(zoneId: string): Set<string> {
    if (!this.descendants) {
      // each zone is added under all of its ancestors, itself included
      this.descendants = new Map();
      for (const z of this.zones.keys()) {
        for (const anc of this.zoneAncestry(z)) {
          const set = this.descendants.get(anc);
          if (set) set.add(z);
          else this.descendants.set(anc, new Set([z]));
        }
      }
    }
    return new Set(this.descendants.get(zoneId));
  }
  private descendants: Map<string, Set<string>> | undefined;

  /** Ids of the assets in any of the zones, sorted. */
  assetsInZones(zones: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const z of zones) for (const a of this.assetsInZone(z)) out.add(a.id);
    return [...out].sort();
  }

  /** The zones of an asset and every zone they are nested in. */
  zonesWithAncestors(assetId: string): string[] {
    const own = this.zonesOf(assetId);
    if (own.length === 0) return own;
    const out = new Set<string>();
    for (const z of own) {
      let anc = this.ancestryCache.get(z);
      if (!anc) {
        anc = this.zoneAncestry(z);
        this.ancestryCache.set(z, anc);
      }
      for (const a of anc) out.add(a);
    }
    return [...out];
  }
  private readonly ancestryCache = new Map<string, string[]>();
  private readonly ownershipSolvers = new WeakMap<(o: Organization) => boolean, OwnershipSolver>();

  /** The zone and its ancestors, innermost first. */
  zoneAncestry(zoneId: string): string[] {
    const out: string[] = [];
    let cur = this.zones.get(zoneId);
    while (cur && !out.includes(cur.id)) {
      out.push(cur.id);
      cur = cur.parent ? this.zones.get(cur.parent) : undefined;
    }
    return out;
  }

  /**
   * Whether data can flow over a link from its `from` end to its `to` end (forward) and back.
   * Honours the link's `direction`, a one-way conduit on the link, and data diodes at either end.
   */
  flowOf(l: Link): { forward: boolean; backward: boolean } {
    let forward = l.direction !== 'reverse';
    let backward = l.direction !== 'forward';
    const restrict = (c: Conduit, fromEndZones: string[], toEndZones: string[]) => {
      if (!c.direction) return;
      const { from, to } = c.direction;
      // forward is allowed when the `from` end sits on the conduit's sending side
      const fSend = fromEndZones.includes(from) || toEndZones.includes(to);
      const bSend = toEndZones.includes(from) || fromEndZones.includes(to);
      if (fSend && !bSend) backward = false;
      else if (bSend && !fSend) forward = false;
    };
    // a zone nested in the conduit's zone is on that zone's side
    const fz = this.zonesWithAncestors(l.from);
    const tz = this.zonesWithAncestors(l.to);
    if (l.conduit) {
      const c = this.conduits.get(l.conduit);
      if (c) restrict(c, fz, tz);
    }
    // a link ending at a filtering asset with a one-way conduit: the far end decides the side
    for (const c of this.conduitsVia(l.to)) {
      if (!c.direction) continue;
      if (fz.includes(c.direction.to) && !fz.includes(c.direction.from)) forward = false; // from the receiving side into the diode
      if (fz.includes(c.direction.from) && !fz.includes(c.direction.to)) backward = false; // diode never sends back to the sending side
    }
    for (const c of this.conduitsVia(l.from)) {
      if (!c.direction) continue;
      if (tz.includes(c.direction.from) && !tz.includes(c.direction.to)) forward = false;
      if (tz.includes(c.direction.to) && !tz.includes(c.direction.from)) backward = false;
    }
    return { forward, backward };
  }

  /**
   * Multi-source breadth-first search over links in the direction data flows. Returns, for
   * every asset reached (sources included, at distance 0), the predecessor arc, so that the
   * shortest path to any of them can be rebuilt. One traversal serves every target.
   */
  reach(sources: Iterable<string>, options: ReachOptions = {}): Reach {
    const n = this.assetIds.length;
    const dist = new Int32Array(n).fill(-1);
    const prevAsset = new Int32Array(n).fill(-1);
    const prevLink: (Link | undefined)[] = new Array(n);
    const queue: number[] = [];
    const until = options.until;
    let done = false;
    for (const s of sources) {
      const i = this.assetIndex.get(s);
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
      const uId = this.assetIds[u]!;
      if (head > 0 && dist[u]! > 0 && options.stopAt?.(uId)) continue;
      for (const arc of this.out[u]!) {
        if (dist[arc.to] !== -1) continue;
        if (options.followLink && !options.followLink(arc.link, uId, this.assetIds[arc.to]!)) continue;
        if (options.enterAsset && !options.enterAsset(this.assetIds[arc.to]!)) continue;
        dist[arc.to] = dist[u]! + 1;
        prevAsset[arc.to] = u;
        prevLink[arc.to] = arc.link;
        queue.push(arc.to);
        if (until && until(this.assetIds[arc.to]!)) {
          done = true;
          break;
        }
      }
    }
    const ids = this.assetIds;
    const model = this;
    return {
      reached(id: string): boolean {
        const i = model.assetIndex.get(id);
        return i !== undefined && dist[i] !== -1;
      },
      distance(id: string): number {
        const i = model.assetIndex.get(id);
        return i === undefined ? -1 : dist[i]!;
      },
      reachedIds(): string[] {
        const out: string[] = [];
        for (const i of queue) out.push(ids[i]!);
        return out;
      },
      pathTo(id: string): PathEvidence | undefined {
        const i = model.assetIndex.get(id);
        if (i === undefined || dist[i] === -1) return undefined;
        const assets: string[] = [];
        const links: { link: Link; from: string; to: string }[] = [];
        let cur = i;
        while (cur !== -1) {
          assets.push(ids[cur]!);
          const p = prevAsset[cur]!;
          if (p !== -1) links.push({ link: prevLink[cur]!, from: ids[p]!, to: ids[cur]! });
          cur = p;
        }
        assets.reverse();
        links.reverse();
        return model.evidence(assets, links);
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
  reachingTo(targets: Iterable<string>, options: Pick<ReachOptions, 'enterAsset'> = {}): (assetId: string) => boolean {
    const n = this.assetIds.length;
    const incoming = this.incomingArcs();
    const mark = new Uint8Array(n);
    const queue: number[] = [];
    for (const t of targets) {
      const i = this.assetIndex.get(t);
      if (i === undefined || mark[i] || (options.enterAsset && !options.enterAsset(t))) continue;
      mark[i] = 1;
      queue.push(i);
    }
    for (let head = 0; head < queue.length; head++) {
      for (const u of incoming[queue[head]!]!) {
        if (mark[u]) continue;
        mark[u] = 1;
        if (!options.enterAsset || options.enterAsset(this.assetIds[u]!)) queue.push(u);
      }
    }
    return (id) => {
      const i = this.assetIndex.get(id);
      return i !== undefined && mark[i] === 1;
    };
  }

  /**
   * Breadth-first search backwards from a set of targets: for every asset from which data can
   * reach one of them, the number of links to the nearest one and the first step of such a
   * shortest path. One search answers "how close is each asset to this group", so that many
   * source zones cost one traversal instead of one each. Same entry rules as reachingTo().
   */
  towards(targets: Iterable<string>, options: Pick<ReachOptions, 'enterAsset'> = {}): Towards {
    const n = this.assetIds.length;
    const incoming = this.incomingLinks();
    const dist = new Int32Array(n).fill(-1);
    const next = new Int32Array(n).fill(-1);
    const nextLink: (Link | undefined)[] = new Array(n);
    const queue: number[] = [];
    for (const t of [...targets].sort()) {
      const i = this.assetIndex.get(t);
      if (i === undefined || dist[i] !== -1 || (options.enterAsset && !options.enterAsset(t))) continue;
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
        if (!options.enterAsset || options.enterAsset(this.assetIds[u]!)) queue.push(u);
      }
    }
    const model = this;
    return {
      distance: (id) => {
        const i = model.assetIndex.get(id);
        return i === undefined ? -1 : dist[i]!;
      },
      pathFrom: (id) => {
        let cur = model.assetIndex.get(id);
        if (cur === undefined || dist[cur] === -1) return undefined;
        const assets: string[] = [];
        const links: { link: Link; from: string; to: string }[] = [];
        while (cur !== -1) {
          assets.push(model.assetIds[cur]!);
          const nx: number = next[cur]!;
          if (nx !== -1) links.push({ link: nextLink[cur]!, from: model.assetIds[cur]!, to: model.assetIds[nx]! });
          cur = nx;
        }
        return model.evidence(assets, links);
      },
    };
  }

  private incomingWithLinks: Arc[][] | undefined;
  /** For each asset, the arcs into it, as {to: the asset the arc comes from, link}, in link order. */
  private incomingLinks(): Arc[][] {
    if (!this.incomingWithLinks) {
      const inc: Arc[][] = Array.from({ length: this.assetIds.length }, () => []);
      this.out.forEach((arcs, u) => arcs.forEach((a) => inc[a.to]!.push({ to: u, link: a.link })));
      this.incomingWithLinks = inc;
    }
    return this.incomingWithLinks;
  }

  private incoming: number[][] | undefined;
  /** For each asset, the assets with a data-flow arc into it (built once). */
  private incomingArcs(): number[][] {
    if (!this.incoming) {
      const inc: number[][] = Array.from({ length: this.assetIds.length }, () => []);
      this.out.forEach((arcs, u) => arcs.forEach((a) => inc[a.to]!.push(u)));
      this.incoming = inc;
    }
    return this.incoming;
  }

  /** Builds path evidence from a list of assets and the links between them. */
  evidence(assets: string[], links: { link: Link; from: string; to: string }[]): PathEvidence {
    const hops: Hop[] = links.map(({ link, from, to }) => {
      const h: Hop = { link: link.id, from, to, medium: link.medium };
      if (link.purpose) h.purpose = link.purpose;
      if (link.conduit) h.conduit = link.conduit;
      return h;
    });
    const zones: string[] = [];
    const conduits: string[] = [];
    for (const a of assets) {
      for (const z of this.zonesOf(a)) if (zones[zones.length - 1] !== z && !zones.includes(z)) zones.push(z);
      for (const c of this.conduitsVia(a)) if (!conduits.includes(c.id)) conduits.push(c.id);
    }
    for (const h of hops) if (h.conduit && !conduits.includes(h.conduit)) conduits.push(h.conduit);
    return { assets, hops, zones, conduits };
  }

  /** The shortest path over links from one asset to another, or undefined. */
  shortestPath(from: string, to: string, options: ReachOptions = {}): PathEvidence | undefined {
    return this.reach([from], options).pathTo(to);
  }

  /**
   * Every simple path from one asset to another, up to `maxHops` links and at most `limit`
   * paths, shortest first, then in order of asset ids (then of link ids, for parallel links).
   * Paths are enumerated one length at a time, neighbours in id order, so the walk meets them
   * in exactly the order returned and can stop at `limit` without missing a shorter one.
   */
  allPaths(from: string, to: string, maxHops = 8, limit = 100): PathEvidence[] {
    const start = this.assetIndex.get(from);
    const goal = this.assetIndex.get(to);
    if (start === undefined || goal === undefined || limit <= 0) return [];
    if (start === goal) return [this.evidence([from], [])];
    // prune: only walk assets from which the goal is reachable within the remaining budget
    const back = this.reverseDistances(goal);
    if (back[start] === -1) return [];
    const ids = this.assetIds;
    type Step = { to: number; links: Link[] };
    const nextCache = new Map<number, Step[]>();
    const nextOf = (u: number): Step[] => {
      let steps = nextCache.get(u);
      if (!steps) {
        const byTo = new Map<number, Link[]>();
        for (const arc of this.out[u]!) {
          const ls = byTo.get(arc.to);
          if (ls) ls.push(arc.link);
          else byTo.set(arc.to, [arc.link]);
        }
        steps = [...byTo].map(([t, links]) => ({ to: t, links: links.sort((x, y) => cmpStr(x.id, y.id)) }));
        steps.sort((x, y) => cmpStr(ids[x.to]!, ids[y.to]!));
        nextCache.set(u, steps);
      }
      return steps;
    };
    const found: PathEvidence[] = [];
    const onPath = new Set<number>([start]);
    const stack: Step[] = [];
    const emit = () => {
      const assets = [start, ...stack.map((s) => s.to)].map((i) => ids[i]!);
      const chosen: { link: Link; from: string; to: string }[] = [];
      // every choice among parallel links, in order of link ids
      const choose = (i: number) => {
        if (i === stack.length) {
          found.push(this.evidence(assets, [...chosen]));
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

  private reverseDistances(goal: number): Int32Array {
    const n = this.assetIds.length;
    const incoming: number[][] = Array.from({ length: n }, () => []);
    this.out.forEach((arcs, u) => arcs.forEach((a) => incoming[a.to]!.push(u)));
    const dist = new Int32Array(n).fill(-1);
    dist[goal] = 0;
    const q = [goal];
    for (let h = 0; h < q.length; h++) {
      const v = q[h]!;
      for (const u of incoming[v]!) if (dist[u] === -1) {
        dist[u] = dist[v]! + 1;
        q.push(u);
      }
    }
    return dist;
  }

  /** Groups items by a key, skipping items without one; keys and groups in a stable order. */
  static groupBy<T>(items: Iterable<T>, key: (item: T) => string | undefined): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const it of items) {
      const k = key(it);
      if (k === undefined) continue;
      const g = groups.get(k);
      if (g) g.push(it);
      else groups.set(k, [it]);
    }
    return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /**
   * Effective ownership of an organization by the organizations that `isHolder` selects: the
   * share, from the linear system of shares (cycles included, see ownership.ts), and the
   * strongest chains as evidence. Solved once per `isHolder` function: pass the same function
   * for every organization.
   */
  effectiveOwnership(orgId: string, isHolder: (o: Organization) => boolean, withChains = true): OwnershipResult {
    let solver = this.ownershipSolvers.get(isHolder);
    if (!solver) {
      try {
        solver = new OwnershipSolver(this.organizations, isHolder);
      } catch (err) {
        if (!(err instanceof OwnershipNotSettled)) throw err;
        const first = this.organizations.get(err.ids[0]!);
        throw new InputError([
          {
            code: 'ownership-not-settled',
            message: `the cross-holdings of ${err.ids.length} organizations (${err.ids.slice(0, 5).join(', ')}${err.ids.length > 5 ? ', ...' : ''}) leave almost nothing to outside owners, and their effective ownership does not settle; check the shares`,
            location: first ? this.locate(first, 'owners') : undefined,
          },
        ]);
      }
      this.ownershipSolvers.set(isHolder, solver);
    }
    const share = solver.share(orgId);
    return { share, ...(withChains ? solver.chains(orgId) : { chains: [], more: false }) };
  }
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

export type { OwnershipChain, OwnershipResult } from './ownership.js';

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


export function buildModel(inventory: Inventory, positions?: PositionIndex): Model {
  return new Model(inventory, positions);
}
