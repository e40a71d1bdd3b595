/**
 * The model of a resolved inventory: every entity in a map by id, the zone hierarchy (the
 * zones of each asset, ancestry, descendants, trust), the flow graph of links (flow.ts) and the
 * lazily built indexes (indexes.ts). Traversals (traversals.ts) and effective ownership
 * (ownership.ts) are functions over it; the methods here that name them are shorthands, so
 * that rules call `model.reach(...)`. Everything stays linear in the size of the inventory.
 */
import type { Location, PositionIndex } from '../source/location.js';
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
import { FlowGraph, flowOf } from './flow.js';
import { ModelIndex } from './indexes.js';
import { ownershipOf, type OwnershipResult } from './ownership.js';
import type { NodeType } from './edges.js';
import * as traversals from './traversals.js';
import type { PathEvidence, Reach, ReachOptions, Towards } from './traversals.js';
import { pushTo } from '../base/group.js';

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

  /** Links and data-flow arcs by asset. */
  readonly flow: FlowGraph;
  /** Every index built on first use. */
  readonly indexes: ModelIndex = new ModelIndex(this);

  private readonly assetIndex = new Map<string, number>();
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
      for (const a of c.via) pushTo(this.conduitsOfAsset, a, c);
    }
    const assetIds = inventory.assets.map((a) => a.id);
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
    for (const l of inventory.links) this.links.set(l.id, l);
    this.flow = new FlowGraph(assetIds, this.assetIndex, inventory.links, this);
  }

  /** Source position of an entity (or one of its fields). */
  locate(entity: object, field?: string): Location | undefined {
    return this.positions?.locate(entity, field);
  }

  /** The type of the entity with this id (a jurisdiction's country is not an entity id). */
  typeOf(id: string): NodeType | undefined {
    if (this.organizations.has(id)) return 'organization';
    if (this.sites.has(id)) return 'site';
    if (this.rooms.has(id)) return 'room';
    if (this.zones.has(id)) return 'zone';
    if (this.conduits.has(id)) return 'conduit';
    if (this.assets.has(id)) return 'asset';
    if (this.people.has(id)) return 'person';
    return undefined;
  }

  zonesOf(assetId: string): string[] {
    const i = this.assetIndex.get(assetId);
    return i === undefined ? [] : this.zonesOfAsset[i]!;
  }

  linksOf(assetId: string): Link[] {
    const i = this.assetIndex.get(assetId);
    return i === undefined ? [] : this.flow.linksAt[i]!;
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
    return this.indexes.assetsByZone.get(zoneId) ?? [];
  }

  /** The zone and every zone nested in it, however deep. */
  zoneAndDescendants(zoneId: string): Set<string> {
    return new Set(this.indexes.descendants.get(zoneId));
  }

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
    for (const z of own) for (const a of this.indexes.ancestryOf(z)) out.add(a);
    return [...out];
  }

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

  /** Whether data can flow over a link forward (from -> to) and back; see flow.ts. */
  flowOf(l: Link): { forward: boolean; backward: boolean } {
    return flowOf(this, l);
  }

  /** See traversals.reach. */
  reach(sources: Iterable<string>, options: ReachOptions = {}): Reach {
    return traversals.reach(this, sources, options);
  }

  /** See traversals.reachingTo. */
  reachingTo(targets: Iterable<string>, options: Pick<ReachOptions, 'enterAsset'> = {}): (assetId: string) => boolean {
    return traversals.reachingTo(this, targets, options);
  }

  /** See traversals.towards. */
  towards(targets: Iterable<string>, options: Pick<ReachOptions, 'enterAsset'> = {}): Towards {
    return traversals.towards(this, targets, options);
  }

  /** See traversals.evidence. */
  evidence(assets: string[], links: { link: Link; from: string; to: string }[]): PathEvidence {
    return traversals.evidence(this, assets, links);
  }

  /** The shortest path over links from one asset to another, or undefined. */
  shortestPath(from: string, to: string, options: ReachOptions = {}): PathEvidence | undefined {
    return traversals.shortestPath(this, from, to, options);
  }

  /** See traversals.allPaths. */
  allPaths(from: string, to: string, maxHops = 8, limit = 100): PathEvidence[] {
    return traversals.allPaths(this, from, to, maxHops, limit);
  }

  /**
   * Effective ownership of an organization by the organizations that `isHolder` selects: the
   * share, from the linear system of shares (cycles included, see ownership.ts), and the
   * strongest chains as evidence. Solved once per `isHolder` function: pass the same function
   * for every organization.
   */
  effectiveOwnership(orgId: string, isHolder: (o: Organization) => boolean, withChains = true): OwnershipResult {
    return ownershipOf(this.indexes.ownershipSolver(isHolder), orgId, withChains);
  }
}

export type { Hop, PathEvidence, Reach, ReachOptions, Towards } from './traversals.js';
export type { OwnershipChain, OwnershipResult } from './ownership.js';

export function buildModel(inventory: Inventory, positions?: PositionIndex): Model {
  return new Model(inventory, positions);
}
