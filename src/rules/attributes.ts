/**
 * Entities as rules see them: the inventory object's own fields, plus computed attributes
 * whose names start with `$` (the zones of an asset, the highest trust a link touches...).
 * Computed attributes are derived from the model graph on first use and cached.
 */
import { Model, trustRank } from '../graph/model.js';
import { getPath, type View } from './conditions.js';
import type { PolicyChange } from './policy-changes.js';
import { CRITICALITY_ORDER, DEFAULT_REQUIRE_MONITORING, SCREENING_ORDER, type Asset, type Conduit, type ForbiddenFlow, type Link, type Organization, type Person, type Room, type Site, type Waiver, type Zone } from '../inventory/types.js';

export const SELECTABLE_TYPES = ['asset', 'zone', 'room', 'site', 'organization', 'conduit', 'link', 'person', 'forbidden-flow', 'waiver', 'policy-change'] as const;
export type SelectableType = (typeof SELECTABLE_TYPES)[number];

export interface Entity {
  type: SelectableType;
  id: string;
  obj: object;
}

/**
 * What a run gives its rules besides the model, as inputs of the engine (never attached to the
 * model): the waiver register once waivers have been applied (rules about waivers run after
 * the others), and in gating mode what the change does to its gate's policy.
 */
export interface RunInputs {
  /** The register of waivers, by the inventory's waiver object. */
  waivers?: ReadonlyMap<object, RegisterEntry>;
  /** The policy changes (gating mode only; else there are no policy-change entities). */
  policyChanges?: readonly PolicyChange[];
}

/** One waiver's entry in the register. */
export interface RegisterEntry {
  status: string;
  matched: number;
  refusal?: string[];
}

/** The register of waiver records, by waiver object. */
export function waiverRegister(records: readonly ({ waiver: Waiver } & RegisterEntry)[]): Map<object, RegisterEntry> {
  return new Map(records.map((r) => [r.waiver as object, { status: r.status, matched: r.matched, refusal: r.refusal }]));
}

type Computed = (e: Entity, m: Model, run: RunInputs) => unknown;
interface AttrDef {
  description: string;
  compute: Computed;
}

const FILTERING_KINDS = new Set(['firewall', 'data-diode']);
const uniqSorted = <T extends string>(xs: Iterable<T>): T[] => [...new Set(xs)].sort();
const trustsOfZones = (m: Model, zones: string[]) => uniqSorted(zones.map((z) => m.zones.get(z)?.trust).filter((t): t is NonNullable<typeof t> => !!t));

export function isFiltering(m: Model, assetId: string): boolean {
  const a = m.assets.get(assetId);
  return (!!a && FILTERING_KINDS.has(a.kind)) || m.conduitsVia(assetId).length > 0;
}

/** Monitoring in effect for a set of zones: each zone's own and its ancestors'. */
function zoneMonitoring(m: Model, zones: string[]): string[] {
  const out = new Set<string>();
  for (const z of zones) for (const anc of m.zoneAncestry(z)) for (const mon of m.zones.get(anc)?.monitoring ?? []) out.add(mon);
  return [...out].sort();
}

const asset = (e: Entity) => e.obj as Asset;
const link = (e: Entity) => e.obj as Link;
const zone = (e: Entity) => e.obj as Zone;
const conduit = (e: Entity) => e.obj as Conduit;

/** Computed attributes by entity type. Documented in docs/rules/README.md. */
export const COMPUTED: Record<SelectableType, Record<string, AttrDef>> = {
  asset: {
    $zones: { description: 'ids of the zones the asset is in (its zone and interfaces)', compute: (e, m) => m.zonesOf(e.id) },
    $trusts: { description: 'distinct trust levels of those zones', compute: (e, m) => trustsOfZones(m, m.zonesOf(e.id)) },
    $trust: { description: 'the highest trust among them', compute: (e, m) => m.trustOf(e.id) },
    $lowestTrust: { description: 'the lowest trust among them', compute: (e, m) => m.lowestTrustOf(e.id) },
    $site: { description: 'the site the asset stands at (its own or its room\'s)', compute: (e, m) => m.siteOf(asset(e)) },
    $linkCount: { description: 'number of links attached', compute: (e, m) => m.linksOf(e.id).length },
    $linkMedia: { description: 'distinct media of the links attached', compute: (e, m) => uniqSorted(m.linksOf(e.id).map((l) => l.medium)) },
    $monitoring: { description: 'monitoring in effect: the asset\'s own and that of its zones and their parents', compute: (e, m) => uniqSorted([...(asset(e).monitoring ?? []), ...zoneMonitoring(m, m.zonesOf(e.id))]) },
    $filtering: { description: 'true for a firewall, a data diode, or an asset listed in a conduit\'s via', compute: (e, m) => isFiltering(m, e.id) },
    $bridgedTrusts: {
      description: 'distinct trusts the asset touches: its own zones, and the zones of non-filtering assets it links to outside any conduit',
      compute: (e, m) => {
        const zs = [...m.zonesOf(e.id)];
        for (const l of m.linksOf(e.id)) {
          if (l.conduit) continue;
          const other = l.from === e.id ? l.to : l.from;
          if (isFiltering(m, other)) continue;
          zs.push(...m.zonesOf(other));
        }
        return trustsOfZones(m, zs);
      },
    },
    $vendorCountry: { description: 'country of the asset\'s vendor', compute: (e, m) => (asset(e).vendor ? m.organizations.get(asset(e).vendor!)?.country : undefined) },
    $criticalityRank: { description: 'criticality as a number: low 1, medium 2, high 3, critical 4 (0 when not set)', compute: (e) => (asset(e).criticality ? CRITICALITY_ORDER.indexOf(asset(e).criticality!) : -1) + 1 },
    $room: { description: 'the room the asset stands in, with its fields (`$room.camera`, `$room.kind`, `$room.accessControl.badge`); absent when the asset names no room', compute: (e, m) => (asset(e).room ? m.rooms.get(asset(e).room!) : undefined) },
  },
  zone: {
    $trustRank: { description: 'trust as a number: internet 0 .. closed 5', compute: (e) => trustRank(zone(e).trust) },
    $assetCount: { description: 'number of assets in the zone', compute: (e, m) => m.assetsInZone(e.id).length },
    $monitoring: { description: 'monitoring in effect: the zone\'s own and its parents\'', compute: (e, m) => zoneMonitoring(m, [e.id]) },
    $conduitCount: { description: 'number of conduits joining the zone', compute: (e, m) => (m.indexes.byReference.conduitsByZone.get(e.id) ?? []).length },
    $conduits: { description: 'ids of the conduits joining the zone, sorted', compute: (e, m) => uniqSorted((m.indexes.byReference.conduitsByZone.get(e.id) ?? []).map((c) => c.id)) },
    $monitoringRequired: { description: 'true when the zone\'s trust is one the inventory\'s policy.requireMonitoringFor lists (default: restricted, closed)', compute: (e, m) => (m.inventory.policy.requireMonitoringFor ?? DEFAULT_REQUIRE_MONITORING).includes(zone(e).trust) },
  },
  room: {
    $assetCount: { description: 'number of assets in the room', compute: (e, m) => roomAssets(m, e.id).length },
    $criticalities: { description: 'distinct criticalities of the assets in the room', compute: (e, m) => uniqSorted(roomAssets(m, e.id).map((a) => a.criticality).filter((c): c is NonNullable<typeof c> => !!c)) },
    $vendors: { description: 'distinct vendors of the assets in the room', compute: (e, m) => uniqSorted(roomAssets(m, e.id).map((a) => a.vendor).filter((v): v is string => !!v)) },
  },
  site: {
    $roomCount: { description: 'number of rooms at the site', compute: (e, m) => (m.indexes.byReference.roomsBySite.get(e.id) ?? []).length },
  },
  organization: {
    $suppliedCount: { description: 'number of assets the organization supplied', compute: (e, m) => (m.indexes.byReference.byVendor.get(e.id) ?? []).length },
    $maintainedCount: { description: 'number of assets the organization maintains', compute: (e, m) => (m.indexes.byReference.byMaintainer.get(e.id) ?? []).length },
    $intelligenceCooperationLaw: { description: 'the organization\'s country obliges cooperation with intelligence services', compute: (e, m) => { const c = (e.obj as Organization).country; return c ? m.jurisdictions.get(c)?.intelligenceCooperationLaw === true : false; } },
  },
  conduit: {
    $zoneTrusts: { description: 'distinct trusts of the zones joined', compute: (e, m) => trustsOfZones(m, conduit(e).zones) },
    $maxZoneSecurityLevel: { description: 'the highest target security level among the zones joined', compute: (e, m) => Math.max(0, ...conduit(e).zones.map((z) => m.zones.get(z)?.securityLevel ?? 0)) },
    $securityLevelGap: {
      description: 'how far the conduit\'s security level is below the highest of its zones (0 when it is not; a conduit without a level counts as 0)',
      compute: (e, m) => Math.max(0, Math.max(0, ...conduit(e).zones.map((z) => m.zones.get(z)?.securityLevel ?? 0)) - (conduit(e).securityLevel ?? 0)),
    },
    $directionTrustDelta: {
      description: 'for a one-way conduit: trust rank of the receiving zone minus that of the sending zone (positive: data flows up to higher trust)',
      compute: (e, m) => {
        const d = conduit(e).direction;
        if (!d) return undefined;
        const f = m.zones.get(d.from)?.trust;
        const t = m.zones.get(d.to)?.trust;
        return f && t ? trustRank(t) - trustRank(f) : undefined;
      },
    },
    $viaKinds: { description: 'distinct kinds of the filtering assets', compute: (e, m) => uniqSorted(conduit(e).via.map((a) => m.assets.get(a)?.kind).filter((k): k is string => !!k)) },
  },
  link: {
    $fromZones: { description: 'zones of the `from` asset', compute: (e, m) => m.zonesOf(link(e).from) },
    $toZones: { description: 'zones of the `to` asset', compute: (e, m) => m.zonesOf(link(e).to) },
    $endTrusts: { description: 'distinct trusts of the zones of both ends', compute: (e, m) => trustsOfZones(m, [...m.zonesOf(link(e).from), ...m.zonesOf(link(e).to)]) },
    $fromTrust: { description: 'highest trust of the `from` asset', compute: (e, m) => m.trustOf(link(e).from) },
    $toTrust: { description: 'highest trust of the `to` asset', compute: (e, m) => m.trustOf(link(e).to) },
    $crossZone: {
      description: 'true when the ends share no zone (and both are in some zone)',
      compute: (e, m) => {
        const a = m.zonesOf(link(e).from);
        const b = m.zonesOf(link(e).to);
        return a.length > 0 && b.length > 0 && !a.some((z) => b.includes(z));
      },
    },
    $viaConduit: { description: 'true when the link names a conduit or ends at a conduit\'s filtering asset', compute: (e, m) => !!link(e).conduit || m.conduitsVia(link(e).from).length > 0 || m.conduitsVia(link(e).to).length > 0 },
    $fromKind: { description: 'kind of the `from` asset', compute: (e, m) => m.assets.get(link(e).from)?.kind },
    $toKind: { description: 'kind of the `to` asset', compute: (e, m) => m.assets.get(link(e).to)?.kind },
    $externalEnd: { description: 'true when either end is an external-endpoint or in an internet or external zone', compute: (e, m) => [link(e).from, link(e).to].some((a) => m.assets.get(a)?.kind === 'external-endpoint' || ['internet', 'external'].includes(m.lowestTrustOf(a) ?? '')) },
    $filteredBy: {
      description: 'ids of the declared conduits the link passes: conduits that list one end of the link in `via` and join a zone of the other end or one it is nested in (empty: the link passes no conduit\'s filtering asset)',
      compute: (e, m) => {
        const ends: [string, string][] = [[link(e).from, link(e).to], [link(e).to, link(e).from]];
        const ids = ends.flatMap(([filter, other]) => m.conduitsVia(filter).filter((c) => m.zonesOf(other).some((z) => m.zoneAncestry(z).some((anc) => c.zones.includes(anc)))).map((c) => c.id));
        return uniqSorted(ids);
      },
    },
  },
  person: {
    $accessCount: { description: 'number of access grants', compute: (e) => ((e.obj as Person).access ?? []).length },
    $unescortedCount: { description: 'number of unescorted access grants', compute: (e) => ((e.obj as Person).access ?? []).filter((g) => !g.escorted).length },
    $screeningRank: { description: 'screening as a number: none 0 .. security-clearance 3 (0 when not set)', compute: (e) => Math.max(0, SCREENING_ORDER.indexOf((e.obj as Person).screening ?? 'none')) },
  },
  'forbidden-flow': {},
  waiver: {
    $status: { description: 'active (in force and used), expired (past its date), refused (broad, and without an approver or expiring beyond the horizon: it waives nothing), or unused (in force but matching no finding); known after the other rules ran', compute: (e, _m, run) => run.waivers?.get(e.obj)?.status },
    $matched: { description: 'number of findings the waiver matched (for a refused waiver: that it would have waived)', compute: (e, _m, run) => run.waivers?.get(e.obj)?.matched ?? 0 },
    $refusal: { description: 'why a refused waiver does not apply: "no approver", "expires <date>, after <horizon> ..." (empty for any other waiver)', compute: (e, _m, run) => run.waivers?.get(e.obj)?.refusal ?? [] },
  },
  'policy-change': {},
};

/** The id a waiver is known by: its own id, or rule:target. */
export function waiverId(w: Waiver): string {
  return w.id ?? `${w.rule}:${w.target}`;
}

function roomAssets(m: Model, roomId: string): Asset[] {
  return m.indexes.byReference.byRoom.get(roomId) ?? [];
}

/** A view of an entity that resolves plain paths and computed `$` attributes. */
export class EntityView implements View {
  /** Computed attributes already asked for (created on first use: most views never need one). */
  private cache: Map<string, unknown> | undefined;
  constructor(
    readonly entity: Entity,
    private readonly model: Model,
    private readonly run: RunInputs = {},
  ) {}
  get(path: string): unknown {
    if (path === 'id') return this.entity.id;
    if (path === '$entityType') return this.entity.type;
    if (path.charCodeAt(0) === 36 /* $ */) {
      const dot = path.indexOf('.');
      const head = dot === -1 ? path : path.slice(0, dot);
      const cache = (this.cache ??= new Map());
      let v = cache.get(head!);
      if (v === undefined && !cache.has(head!)) {
        const def = COMPUTED[this.entity.type][head!];
        v = def ? def.compute(this.entity, this.model, this.run) : undefined;
        cache.set(head!, v);
      }
      return dot === -1 ? v : getPath(v, path.slice(dot + 1));
    }
    return getPath(this.entity.obj, path);
  }
}

/** The entities of a type, in id order. */
export function entitiesOf(type: SelectableType, m: Model, run: RunInputs = {}): Entity[] {
  const inv = m.inventory;
  const wrap = <T extends { id: string }>(list: T[]) => list.map((obj) => ({ type, id: obj.id, obj }));
  switch (type) {
    case 'asset':
      return wrap(inv.assets);
    case 'zone':
      return wrap(inv.zones);
    case 'room':
      return wrap(inv.rooms as Room[]);
    case 'site':
      return wrap(inv.sites as Site[]);
    case 'organization':
      return wrap(inv.organizations);
    case 'conduit':
      return wrap(inv.conduits);
    case 'link':
      return wrap(inv.links);
    case 'person':
      return wrap(inv.people);
    case 'forbidden-flow':
      return inv.policy.forbiddenFlows.map((f: ForbiddenFlow) => ({ type, id: `${f.from}->${f.to}`, obj: f }));
    case 'waiver':
      return inv.waivers.map((w: Waiver) => ({ type, id: waiverId(w), obj: w }));
    case 'policy-change':
      return (run.policyChanges ?? []).map((c) => ({ type, id: c.id, obj: c }));
  }
}

export function computedNames(type: SelectableType): string[] {
  return Object.keys(COMPUTED[type]);
}
