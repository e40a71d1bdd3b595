/**
 * Merges validated inventory files and resolves references: duplicate ids (naming both
 * places), references to ids that do not exist (with did-you-mean), references to an entity
 * of the wrong kind, and a few structural facts the schema cannot express.
 */
import { didYouMean, type Diagnostic } from '../source/errors.js';
import { ruleProblem, targetProblem } from '../base/wildcard.js';
import { dateProblem } from '../source/dates.js';
import type { Location, PositionIndex } from '../source/location.js';
import {
  ENTITY_COLLECTIONS,
  type CollectionName,
  type EntityType,
  type Inventory,
  type InventoryFileDoc,
  type Jurisdiction,
  type LoadedFile,
  type Policy,
  type Waiver,
} from './types.js';

type Kind = (typeof ENTITY_COLLECTIONS)[CollectionName];

export interface EntityEntry {
  type: Kind;
  id: string;
  obj: Record<string, unknown>;
}

const ARTICLE: Record<string, string> = { organization: 'an', asset: 'an' };
const withArticle = (k: string) => `${ARTICLE[k] ?? 'a'} ${k}`;
function kindList(kinds: readonly string[]): string {
  if (kinds.length === 1) return withArticle(kinds[0]!);
  return `${withArticle(kinds[0]!)}${kinds.slice(1, -1).map((k) => `, ${k}`).join('')} or ${kinds[kinds.length - 1]}`;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface ResolveOptions {
  /**
   * The run's today, YYYY-MM-DD. The dates that record what has already happened (an asset's
   * audit.lastCompleted and procurement.date, an organization's mitigations[].date) are errors
   * when after it (`date-in-future`), so that `9999-12-31` cannot switch an age check such as
   * audit-overdue off; a waiver's expires is the one date that may lie in the future.
   */
  today: string;
}

export function resolveInventory(files: LoadedFile[], positions: PositionIndex, options: ResolveOptions): { inventory: Inventory; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const loc = (obj: object, field?: string | number): Location | undefined => positions.locate(obj, field);
  const valueLoc = (obj: object, field: string | number): Location | undefined => positions.locateValue(obj, field);

  const inv: Inventory = {
    name: '',
    files: files.map((f) => ({ path: f.display, sha256: f.sha256 })),
    jurisdictions: [],
    organizations: [],
    sites: [],
    rooms: [],
    zones: [],
    conduits: [],
    assets: [],
    links: [],
    people: [],
    // null-prototype maps: keys come from the file, and `__proto__` must stay an ordinary key
    policy: { forbiddenFlows: [], params: Object.create(null) as Record<string, Record<string, unknown>> },
    waivers: [],
  };

  // ---- merge ------------------------------------------------------------------------
  const inLoadOrder = [...files].sort((a, b) => a.order - b.order);
  for (const f of inLoadOrder) {
    if (!inv.name && f.doc.name) inv.name = f.doc.name;
    if (inv.description === undefined && f.doc.description !== undefined) inv.description = f.doc.description;
  }
  if (!inv.name) inv.name = files[0] ? files[0].display.replace(/\.ya?ml$/, '') : 'inventory';

  const paramOrigin = new Map<string, Location | undefined>();
  for (const f of files) {
    const doc: InventoryFileDoc = f.doc;
    for (const section of Object.keys(ENTITY_COLLECTIONS) as CollectionName[]) {
      const list = doc[section];
      if (Array.isArray(list)) pushAll(inv[section] as unknown[], list);
    }
    if (doc.jurisdictions) pushAll(inv.jurisdictions, doc.jurisdictions);
    if (doc.waivers) pushAll(inv.waivers, doc.waivers);
    if (doc.policy) mergePolicy(inv.policy, doc.policy, paramOrigin, diagnostics, positions);
  }

  // ---- ids -------------------------------------------------------------------------
  const entities = new Map<string, EntityEntry>();
  for (const section of Object.keys(ENTITY_COLLECTIONS) as CollectionName[]) {
    const type = ENTITY_COLLECTIONS[section];
    for (const obj of inv[section] as unknown as Record<string, unknown>[]) {
      const id = obj.id as string;
      const prev = entities.get(id);
      if (prev) {
        const first = loc(prev.obj, 'id');
        diagnostics.push({
          code: 'duplicate-id',
          message: `duplicate id "${id}": ${withArticle(type)} here, and ${withArticle(prev.type)} at ${first ? `${first.file}:${first.line}:${first.column}` : 'another place'}; ids must be unique across the inventory`,
          location: loc(obj, 'id'),
          data: { id, first },
        });
        continue;
      }
      entities.set(id, { type, id, obj });
    }
  }
  const countries = new Map<string, Jurisdiction>();
  for (const j of inv.jurisdictions) {
    const prev = countries.get(j.country);
    if (prev) {
      const first = loc(prev as object, 'country');
      diagnostics.push({
        code: 'duplicate-id',
        message: `duplicate jurisdiction "${j.country}" (first at ${first ? `${first.file}:${first.line}:${first.column}` : 'another place'}); each country may be described once`,
        location: loc(j as object, 'country'),
      });
    } else countries.set(j.country, j);
  }

  // ---- references -----------------------------------------------------------------------
  const idsOf = (kinds: readonly Kind[]) => {
    const out: string[] = [];
    for (const e of entities.values()) if (kinds.includes(e.type)) out.push(e.id);
    return out;
  };
  const describeOwner = (type: EntityType, obj: Record<string, unknown>) =>
    typeof obj.id === 'string' ? `${type} "${obj.id}"` : type;

  /** Checks one reference. `holder` is the object holding the field; `owner` the entity named in messages. */
  const ref = (
    ownerType: EntityType,
    owner: Record<string, unknown>,
    holder: object,
    field: string | number,
    kinds: readonly Kind[],
  ): EntityEntry | undefined => {
    const value = (holder as Record<string | number, unknown>)[field];
    if (typeof value !== 'string') return undefined;
    const target = entities.get(value);
    if (target && kinds.includes(target.type)) return target; // the common case: nothing to locate
    const at = valueLoc(holder, field);
    const who = describeOwner(ownerType, owner);
    if (!target) {
      const suggestion = didYouMean(value, idsOf(kinds));
      diagnostics.push({
        code: 'unknown-reference',
        message: `${who} refers to ${kinds.length === 1 ? `${kinds[0]} ` : ''}"${value}", which does not exist${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        location: at,
        data: { ref: value, expected: kinds, suggestion },
      });
      return undefined;
    }
    if (!kinds.includes(target.type)) {
      diagnostics.push({
        code: 'wrong-reference-kind',
        message: `${who} refers to "${value}" as ${kindList(kinds)}, but "${value}" is ${withArticle(target.type)}`,
        location: at,
        data: { ref: value, expected: kinds, found: target.type },
      });
      return undefined;
    }
    return target;
  };

  for (const o of inv.organizations) {
    const owners = o.owners ?? [];
    owners.forEach((ow) => ref('organization', o as never, ow, 'organization', ['organization']));
    const total = owners.reduce((s, ow) => s + ow.share, 0);
    if (total > 1 + 1e-9) {
      diagnostics.push({
        code: 'ownership-over-100',
        message: `the owners of organization "${o.id}" hold ${round(total * 100)}% in total; expected at most 100%`,
        location: loc(o as object, 'owners'),
      });
    }
    if (owners.some((ow) => ow.organization === o.id)) {
      diagnostics.push({ code: 'self-ownership', message: `organization "${o.id}" lists itself as an owner`, location: loc(o as object, 'owners') });
    }
  }
  for (const s of inv.sites) ref('site', s as never, s, 'operator', ['organization']);
  for (const r of inv.rooms) {
    ref('room', r as never, r, 'site', ['site']);
    if (r.accessControl) ref('room', r as never, r.accessControl, 'grantedBy', ['organization', 'person']);
  }
  for (const z of inv.zones) {
    ref('zone', z as never, z, 'parent', ['zone']);
    ref('zone', z as never, z, 'site', ['site']);
  }
  // zone parent cycles
  const zoneById = new Map(inv.zones.map((z) => [z.id, z]));
  for (const z of inv.zones) {
    const seen = new Set<string>([z.id]);
    let cur = z.parent ? zoneById.get(z.parent) : undefined;
    while (cur) {
      if (seen.has(cur.id)) {
        if (cur.id === z.id) {
          diagnostics.push({ code: 'zone-parent-cycle', message: `zone "${z.id}" is nested in itself through its parents (${[...seen, z.id].join(' -> ')})`, location: valueLoc(z, 'parent') });
        }
        break;
      }
      seen.add(cur.id);
      cur = cur.parent ? zoneById.get(cur.parent) : undefined;
    }
  }
  for (const c of inv.conduits) {
    c.zones.forEach((_, i) => ref('conduit', c as never, c.zones, i, ['zone']));
    c.via.forEach((_, i) => ref('conduit', c as never, c.via, i, ['asset']));
    if (c.direction) {
      for (const end of ['from', 'to'] as const) {
        if (ref('conduit', c as never, c.direction, end, ['zone']) && !c.zones.includes(c.direction[end])) {
          diagnostics.push({
            code: 'conduit-direction',
            message: `conduit "${c.id}" direction.${end} is zone "${c.direction[end]}", which is not one of the zones it joins (${c.zones.join(', ')})`,
            location: valueLoc(c.direction, end),
          });
        }
      }
    }
  }
  const roomById = new Map(inv.rooms.map((r) => [r.id, r]));
  for (const a of inv.assets) {
    for (const f of ['vendor', 'maintainer', 'owner'] as const) ref('asset', a as never, a, f, ['organization']);
    ref('asset', a as never, a, 'site', ['site']);
    const room = ref('asset', a as never, a, 'room', ['room']);
    ref('asset', a as never, a, 'zone', ['zone']);
    (a.interfaces ?? []).forEach((itf) => ref('asset', a as never, itf, 'zone', ['zone']));
    if (room && a.site) {
      const r = roomById.get(room.id)!;
      if (r.site !== a.site) {
        diagnostics.push({
          code: 'room-site-mismatch',
          message: `asset "${a.id}" is at site "${a.site}" but in room "${r.id}", which is at site "${r.site}"`,
          location: valueLoc(a, 'room'),
        });
      }
    }
  }
  for (const l of inv.links) {
    ref('link', l as never, l, 'from', ['asset']);
    ref('link', l as never, l, 'to', ['asset']);
    ref('link', l as never, l, 'conduit', ['conduit']);
    if (l.from === l.to) {
      diagnostics.push({ code: 'self-link', message: `link "${l.id}" joins asset "${l.from}" to itself; expected two different assets`, location: valueLoc(l, 'to') });
    }
  }
  for (const p of inv.people) {
    ref('person', p as never, p, 'employer', ['organization']);
    (p.access ?? []).forEach((g) => ref('person', p as never, g, 'target', ['site', 'room', 'asset']));
  }
  for (const fl of inv.policy.forbiddenFlows) {
    ref('policy', {} as never, fl, 'from', ['zone']);
    ref('policy', {} as never, fl, 'to', ['zone']);
  }

  // ---- dates: the schema checks the shape, this checks the calendar (no 2021-02-30), the range
  // and, for what has already happened (an audit, a purchase, a mitigation), that it is not after today
  const date = (ownerType: EntityType, owner: { id?: string }, holder: object | undefined, field: string, label: string, pastOnly: boolean) => {
    const v = holder ? (holder as Record<string, unknown>)[field] : undefined;
    if (typeof v !== 'string') return;
    const who = owner.id ? `${ownerType} "${owner.id}"` : ownerType;
    const problem = dateProblem(v);
    if (problem) {
      diagnostics.push({ code: 'invalid-date', message: `${who} has ${label} "${v}", ${problem}`, location: valueLoc(holder!, field), data: { field: label, value: v } });
    } else if (pastOnly && v > options.today) {
      diagnostics.push({
        code: 'date-in-future',
        message: `${who} has ${label} "${v}", which is in the future (today is ${options.today}); expected the day it happened, today or earlier`,
        location: valueLoc(holder!, field),
        data: { field: label, value: v, today: options.today },
      });
    }
  };
  for (const a of inv.assets) {
    date('asset', a, a.audit, 'lastCompleted', 'audit.lastCompleted', true);
    date('asset', a, a.procurement, 'date', 'procurement.date', true);
  }
  for (const o of inv.organizations) (o.mitigations ?? []).forEach((mt, i) => date('organization', o, mt, 'date', `mitigations[${i}].date`, true));
  for (const w of inv.waivers) date('waiver', { id: w.id ?? `${w.rule} on ${w.target}` }, w, 'expires', 'expires', false);

  // ---- waivers: a rule id or *, a target of id characters and the wildcards * and ? --------
  for (const w of inv.waivers) {
    const name = w.id ? `waiver "${w.id}"` : 'waiver';
    const rp = typeof w.rule === 'string' ? ruleProblem(w.rule) : undefined;
    if (rp) diagnostics.push({ code: 'waiver-rule', message: `${name} has rule "${w.rule}", which ${rp}`, location: valueLoc(w, 'rule') });
    const tp = typeof w.target === 'string' ? targetProblem(w.target) : undefined;
    if (tp) diagnostics.push({ code: 'waiver-target', message: `${name} has target "${w.target}", which ${tp}`, location: valueLoc(w, 'target') });
  }

  // ---- deterministic order ---------------------------------------------------------------
  for (const section of Object.keys(ENTITY_COLLECTIONS) as CollectionName[]) (inv[section] as { id: string }[]).sort(byId);
  inv.jurisdictions.sort((a, b) => cmp(a.country, b.country));
  inv.waivers.sort(waiverOrder);
  inv.policy.forbiddenFlows.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
  if (inv.policy.requireMonitoringFor) inv.policy.requireMonitoringFor = [...new Set(inv.policy.requireMonitoringFor)].sort();

  return { inventory: inv, diagnostics };
}

function waiverOrder(a: Waiver, b: Waiver): number {
  return cmp(a.rule, b.rule) || cmp(a.target, b.target) || cmp(a.expires, b.expires) || cmp(a.id ?? '', b.id ?? '') || cmp(a.reason, b.reason);
}

function mergePolicy(
  into: Inventory['policy'],
  p: Policy,
  origin: Map<string, Location | undefined>,
  diagnostics: Diagnostic[],
  positions: PositionIndex,
): void {
  if (p.forbiddenFlows) pushAll(into.forbiddenFlows, p.forbiddenFlows);
  if (p.requireMonitoringFor) into.requireMonitoringFor = [...(into.requireMonitoringFor ?? []), ...p.requireMonitoringFor];
  for (const [rule, params] of Object.entries(p.params ?? {})) {
    const target = (into.params[rule] ??= Object.create(null) as Record<string, unknown>);
    for (const [k, v] of Object.entries(params)) {
      const key = `${rule}.${k}`;
      const here = positions.locate(params, k);
      if (origin.has(key) && JSON.stringify(target[k]) !== JSON.stringify(v)) {
        const first = origin.get(key);
        diagnostics.push({
          code: 'policy-conflict',
          message: `policy parameter ${key} is set to ${JSON.stringify(v)} here and to ${JSON.stringify(target[k])} at ${first ? `${first.file}:${first.line}:${first.column}` : 'another place'}; set it once`,
          location: here,
        });
        continue;
      }
      origin.set(key, here);
      target[k] = v;
    }
  }
}

/** Appends every item; `push(...list)` overflows the call stack for lists of ~100,000 items. */
export function pushAll<T>(into: T[], items: readonly T[]): void {
  for (const x of items) into.push(x);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
