/**
 * Every lazily built per-model index, in one place: each is built on first use from the
 * model's maps and flow graph, then kept for the life of the model, so that rules stay linear
 * in the size of the inventory. (Indexes that every run needs, such as the zones of each asset
 * and the flow graph's arcs, are built with the model itself, in model.ts and flow.ts.)
 */
import type { Location } from '../source/location.js';
import {
  CRITICALITY_ORDER,
  type Asset,
  type Conduit,
  type Criticality,
  type Inventory,
  type Link,
  type Organization,
  type Person,
  type Room,
  type Zone,
} from '../inventory/types.js';
import type { Arc, FlowGraph } from './flow.js';
import { solveOwnership, type OwnershipSolver } from './ownership.js';
import { groupBy, pushTo } from '../base/group.js';

/** What the indexes are built from (the model, seen from below). */
export interface IndexSource {
  readonly inventory: Inventory;
  readonly assets: ReadonlyMap<string, Asset>;
  readonly links: ReadonlyMap<string, Link>;
  readonly people: ReadonlyMap<string, Person>;
  readonly zones: ReadonlyMap<string, Zone>;
  readonly organizations: ReadonlyMap<string, Organization>;
  readonly flow: FlowGraph;
  zonesOf(assetId: string): string[];
  zoneAncestry(zoneId: string): string[];
  siteOf(asset: Asset): string | undefined;
  locate(entity: object, field?: string): Location | undefined;
}

/** Assets, conduits and rooms grouped by the entity they name. */
export interface ByReference {
  byRoom: Map<string, Asset[]>;
  byVendor: Map<string, Asset[]>;
  byMaintainer: Map<string, Asset[]>;
  conduitsByZone: Map<string, Conduit[]>;
  roomsBySite: Map<string, Room[]>;
}

/** Remote-maintenance link ids by the organizations that own, supply or maintain either end, and people by employer. */
export interface RemoteAccess {
  linksByOrg: Map<string, string[]>;
  peopleByEmployer: Map<string, Person[]>;
}

/** Highest criticality of the assets in each room and at each site. */
export interface HighestCriticality {
  byRoom: Map<string, Criticality>;
  bySite: Map<string, Criticality>;
}

export class ModelIndex {
  private assetsByZoneIx: Map<string, Asset[]> | undefined;
  private descendantsIx: Map<string, Set<string>> | undefined;
  private readonly ancestryIx = new Map<string, string[]>();
  private byReferenceIx: ByReference | undefined;
  private remoteIx: RemoteAccess | undefined;
  private criticalityIx: HighestCriticality | undefined;
  private incomingArcsIx: Arc[][] | undefined;
  private incomingAssetsIx: number[][] | undefined;
  private readonly ownershipIx = new WeakMap<(o: Organization) => boolean, OwnershipSolver>();

  constructor(private readonly m: IndexSource) {}

  /** Assets directly in each zone (by `zone` or an interface). */
  get assetsByZone(): Map<string, Asset[]> {
    if (!this.assetsByZoneIx) {
      const ix = new Map<string, Asset[]>();
      for (const a of this.m.inventory.assets) for (const z of this.m.zonesOf(a.id)) pushTo(ix, z, a);
      this.assetsByZoneIx = ix;
    }
    return this.assetsByZoneIx;
  }

  /** Each zone -> itself and every zone nested in it, however deep. */
  get descendants(): Map<string, Set<string>> {
    if (!this.descendantsIx) {
      // each zone is added under all of its ancestors, itself included
      const ix = new Map<string, Set<string>>();
      for (const z of this.m.zones.keys()) {
        for (const anc of this.m.zoneAncestry(z)) {
          const set = ix.get(anc);
          if (set) set.add(z);
          else ix.set(anc, new Set([z]));
        }
      }
      this.descendantsIx = ix;
    }
    return this.descendantsIx;
  }

  /** The zone and its ancestors, innermost first (remembered per zone). */
  ancestryOf(zoneId: string): string[] {
    let anc = this.ancestryIx.get(zoneId);
    if (!anc) {
      anc = this.m.zoneAncestry(zoneId);
      this.ancestryIx.set(zoneId, anc);
    }
    return anc;
  }

  /** Assets by room, vendor and maintainer; conduits by zone; rooms by site. */
  get byReference(): ByReference {
    if (!this.byReferenceIx) {
      const { assets, conduits, rooms } = this.m.inventory;
      const conduitsByZone = new Map<string, Conduit[]>();
      for (const c of conduits) for (const z of c.zones) pushTo(conduitsByZone, z, c);
      this.byReferenceIx = {
        byRoom: groupBy(assets, (a) => a.room),
        byVendor: groupBy(assets, (a) => a.vendor),
        byMaintainer: groupBy(assets, (a) => a.maintainer),
        conduitsByZone,
        roomsBySite: groupBy(rooms, (r) => r.site),
      };
    }
    return this.byReferenceIx;
  }

  /** Remote-maintenance links by organization, people by employer (so that each vendor costs only its own share). */
  get remoteAccess(): RemoteAccess {
    if (!this.remoteIx) {
      const { assets, links, people } = this.m;
      const linksByOrg = new Map<string, string[]>();
      for (const l of links.values()) {
        if (l.purpose !== 'remote-maintenance') continue;
        const orgs = new Set<string>();
        for (const a of [assets.get(l.from), assets.get(l.to)]) {
          if (!a) continue;
          for (const o of [a.owner, a.vendor, a.maintainer]) if (o !== undefined) orgs.add(o);
        }
        for (const o of orgs) pushTo(linksByOrg, o, l.id);
      }
      this.remoteIx = { linksByOrg, peopleByEmployer: groupBy(people.values(), (p) => p.employer) };
    }
    return this.remoteIx;
  }

  /** Highest criticality of the assets in each room and at each site. */
  get highestCriticality(): HighestCriticality {
    if (!this.criticalityIx) {
      const ix: HighestCriticality = { byRoom: new Map(), bySite: new Map() };
      const raise = (map: Map<string, Criticality>, k: string | undefined, c: Criticality) => {
        if (k === undefined) return;
        const cur = map.get(k);
        if (cur === undefined || CRITICALITY_ORDER.indexOf(c) > CRITICALITY_ORDER.indexOf(cur)) map.set(k, c);
      };
      for (const x of this.m.assets.values()) {
        if (!x.criticality) continue;
        raise(ix.byRoom, x.room, x.criticality);
        raise(ix.bySite, this.m.siteOf(x), x.criticality);
      }
      this.criticalityIx = ix;
    }
    return this.criticalityIx;
  }

  /** For each asset, the arcs into it, as {to: the asset the arc comes from, link}, in link order. */
  get incomingArcs(): Arc[][] {
    if (!this.incomingArcsIx) {
      const inc: Arc[][] = this.m.flow.ids.map(() => []);
      this.m.flow.out.forEach((arcs, u) => arcs.forEach((a) => inc[a.to]!.push({ to: u, link: a.link })));
      this.incomingArcsIx = inc;
    }
    return this.incomingArcsIx;
  }

  /** For each asset, the assets with a data-flow arc into it. */
  get incomingAssets(): number[][] {
    if (!this.incomingAssetsIx) {
      const inc: number[][] = this.m.flow.ids.map(() => []);
      this.m.flow.out.forEach((arcs, u) => arcs.forEach((a) => inc[a.to]!.push(u)));
      this.incomingAssetsIx = inc;
    }
    return this.incomingAssetsIx;
  }

  /** The ownership system solved for one holder condition (pass the same function every time). */
  ownershipSolver(isHolder: (o: Organization) => boolean): OwnershipSolver {
    let solver = this.ownershipIx.get(isHolder);
    if (!solver) {
      solver = solveOwnership(this.m.organizations, isHolder, (o) => this.m.locate(o, 'owners'));
      this.ownershipIx.set(isHolder, solver);
    }
    return solver;
  }
}
