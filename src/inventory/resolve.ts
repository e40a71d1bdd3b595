/**
 * Merges validated inventory files and resolves references: duplicate ids (naming both
 * places), references to ids that do not exist (with did-you-mean), references to an entity
 * of the wrong kind, and a few structural facts the schema cannot express. One pass per seam:
 * merge, index ids, check references (from the table in relations.ts), check structure, check
 * dates, sort.
 */
import { didYouMean, formatLocation, type Diagnostic } from '../source/errors.js';
import { compareBy } from '../base/compare.js';
import { ruleProblem, targetProblem } from '../base/wildcard.js';
import { dateProblem } from '../source/dates.js';
import type { Location, PositionIndex } from '../source/location.js';
import {
  forEachReferenceIn,
  RELATIONS,
  type CheckedRelation,
  type Kind,
  type Relation,
  type SubjectType,
} from './relations.js';
import {
  emptyInventory,
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

export interface EntityEntry {
  type: Kind;
  id: string;
  obj: Record<string, unknown>;
}

const ARTICLE: Record<string, string> = { organization: 'an', asset: 'an' };
const withArticle = (k: string) => `${ARTICLE[k] ?? 'a'} ${k}`;
function kindList(kinds: readonly string[]): string {
  if (kinds.length === 1) return withArticle(kinds[0]!);
  return `${withArticle(kinds[0]!)}${kinds
    .slice(1, -1)
    .map((k) => `, ${k}`)
    .join('')} or ${kinds[kinds.length - 1]}`;
}

const where = (l: Location | undefined) => (l ? formatLocation(l) : 'another place');

export interface ResolveOptions {
  /**
   * The run's today, YYYY-MM-DD. The dates that record what has already happened (an asset's
   * audit.lastCompleted and procurement.date, an organization's mitigations[].date) are errors
   * when after it (`date-in-future`), so that `9999-12-31` cannot switch an age check such as
   * audit-overdue off; a waiver's expires is the one date that may lie in the future.
   */
  today: string;
}

/** What every pass needs: where things are written, and where problems go. */
interface Pass {
  positions: PositionIndex;
  diagnostics: Diagnostic[];
}

export function resolveInventory(
  files: LoadedFile[],
  positions: PositionIndex,
  options: ResolveOptions,
): { inventory: Inventory; diagnostics: Diagnostic[] } {
  const pass: Pass = { positions, diagnostics: [] };
  const inv = merge(files, pass);
  const entities = indexIds(inv, pass);
  checkReferences(inv, entities, pass);
  checkStructure(inv, entities, pass);
  checkDates(inv, options.today, pass);
  sortInventory(inv);
  return { inventory: inv, diagnostics: pass.diagnostics };
}

/** The files as one inventory: the first name and description in load order, every list joined, the policies merged. */
function merge(files: LoadedFile[], pass: Pass): Inventory {
  const inv = emptyInventory();
  inv.files = files.map((f) => ({ path: f.display, sha256: f.sha256 }));
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
      if (Array.isArray(list)) pushAll<object>(inv[section], list);
    }
    if (doc.jurisdictions) pushAll(inv.jurisdictions, doc.jurisdictions);
    if (doc.waivers) pushAll(inv.waivers, doc.waivers);
    if (doc.policy) mergePolicy(inv.policy, doc.policy, paramOrigin, pass.diagnostics, pass.positions);
  }
  return inv;
}

/** Every entity by id (the first of duplicates, each duplicate reported), and duplicate jurisdictions reported. */
function indexIds(inv: Inventory, { positions, diagnostics }: Pass): Map<string, EntityEntry> {
  const entities = new Map<string, EntityEntry>();
  for (const section of Object.keys(ENTITY_COLLECTIONS) as CollectionName[]) {
    const type = ENTITY_COLLECTIONS[section];
    for (const obj of inv[section] as unknown as Record<string, unknown>[]) {
      const id = obj.id as string;
      const prev = entities.get(id);
      if (prev) {
        const first = positions.locate(prev.obj, 'id');
        diagnostics.push({
          code: 'duplicate-id',
          message: `duplicate id "${id}": ${withArticle(type)} here, and ${withArticle(prev.type)} at ${where(first)}; ids must be unique across the inventory`,
          location: positions.locate(obj, 'id'),
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
      diagnostics.push({
        code: 'duplicate-id',
        message: `duplicate jurisdiction "${j.country}" (first at ${where(positions.locate(prev, 'country'))}); each country may be described once`,
        location: positions.locate(j, 'country'),
      });
    } else countries.set(j.country, j);
  }
  return entities;
}

const checked = (r: Relation): r is CheckedRelation => r.check !== false;

/** Every reference of the relations table: to an id that exists (else did-you-mean), of a kind the field allows. */
function checkReferences(inv: Inventory, entities: Map<string, EntityEntry>, { positions, diagnostics }: Pass): void {
  const idsOf = (kinds: readonly Kind[]) => {
    const out: string[] = [];
    for (const e of entities.values()) if (kinds.includes(e.type)) out.push(e.id);
    return out;
  };
  const describeOwner = (type: SubjectType, obj: object) => {
    const id = (obj as { id?: unknown }).id;
    return typeof id === 'string' ? `${type} "${id}"` : type;
  };
  for (const relation of RELATIONS.filter(checked)) {
    const kinds = relation.to;
    forEachReferenceIn(inv, relation, (subject, holder, key, value) => {
      const target = entities.get(value);
      if (target && kinds.includes(target.type)) return; // the common case: nothing to locate
      const at = positions.locateValue(holder, key);
      const who = describeOwner(relation.from, subject);
      if (!target) {
        const suggestion = didYouMean(value, idsOf(kinds));
        diagnostics.push({
          code: 'unknown-reference',
          message: `${who} refers to ${kinds.length === 1 ? `${kinds[0]} ` : ''}"${value}", which does not exist${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          location: at,
          data: { ref: value, expected: kinds, suggestion },
        });
        return;
      }
      diagnostics.push({
        code: 'wrong-reference-kind',
        message: `${who} refers to "${value}" as ${kindList(kinds)}, but "${value}" is ${withArticle(target.type)}`,
        location: at,
        data: { ref: value, expected: kinds, found: target.type },
      });
    });
  }
}

/** Owners: their shares add up to at most 100%, and no organization owns itself. */
function checkOwners(inv: Inventory, { positions, diagnostics }: Pass): void {
  for (const o of inv.organizations) {
    const owners = o.owners ?? [];
    const total = owners.reduce((s, ow) => s + ow.share, 0);
    if (total > 1 + 1e-9) {
      diagnostics.push({
        code: 'ownership-over-100',
        message: `the owners of organization "${o.id}" hold ${round(total * 100)}% in total; expected at most 100%`,
        location: positions.locate(o, 'owners'),
      });
    }
    if (owners.some((ow) => ow.organization === o.id)) {
      diagnostics.push({
        code: 'self-ownership',
        message: `organization "${o.id}" lists itself as an owner`,
        location: positions.locate(o, 'owners'),
      });
    }
  }
}

/** Zone parents: no zone is nested in itself. */
function checkZoneParents(inv: Inventory, { positions, diagnostics }: Pass): void {
  const zoneById = new Map(inv.zones.map((z) => [z.id, z]));
  for (const z of inv.zones) {
    const seen = new Set<string>([z.id]);
    let cur = z.parent ? zoneById.get(z.parent) : undefined;
    while (cur) {
      if (seen.has(cur.id)) {
        if (cur.id === z.id) {
          diagnostics.push({
            code: 'zone-parent-cycle',
            message: `zone "${z.id}" is nested in itself through its parents (${[...seen, z.id].join(' -> ')})`,
            location: positions.locateValue(z, 'parent'),
          });
        }
        break;
      }
      seen.add(cur.id);
      cur = cur.parent ? zoneById.get(cur.parent) : undefined;
    }
  }
}

/**
 * What the schema cannot say: owners' shares add up to at most 100% and exclude the
 * organization itself, zone parents form no cycle, a one-way conduit runs between zones it
 * joins, an asset's room is at the asset's site, a link joins two assets, and a waiver names
 * a rule id or `*` and a target of id characters and the wildcards `*` and `?`.
 */
function checkStructure(inv: Inventory, entities: Map<string, EntityEntry>, pass: Pass): void {
  checkOwners(inv, pass);
  checkZoneParents(inv, pass);
  const { positions, diagnostics } = pass;
  const isA = (kind: Kind, id: string | undefined) => id !== undefined && entities.get(id)?.type === kind;
  for (const c of inv.conduits) {
    if (!c.direction) continue;
    for (const end of ['from', 'to'] as const) {
      if (isA('zone', c.direction[end]) && !c.zones.includes(c.direction[end])) {
        diagnostics.push({
          code: 'conduit-direction',
          message: `conduit "${c.id}" direction.${end} is zone "${c.direction[end]}", which is not one of the zones it joins (${c.zones.join(', ')})`,
          location: positions.locateValue(c.direction, end),
        });
      }
    }
  }
  const roomById = new Map(inv.rooms.map((r) => [r.id, r]));
  for (const a of inv.assets) {
    if (!a.site || !isA('room', a.room)) continue;
    const r = roomById.get(a.room!)!;
    if (r.site !== a.site) {
      diagnostics.push({
        code: 'room-site-mismatch',
        message: `asset "${a.id}" is at site "${a.site}" but in room "${r.id}", which is at site "${r.site}"`,
        location: positions.locateValue(a, 'room'),
      });
    }
  }
  for (const l of inv.links) {
    if (l.from === l.to) {
      diagnostics.push({
        code: 'self-link',
        message: `link "${l.id}" joins asset "${l.from}" to itself; expected two different assets`,
        location: positions.locateValue(l, 'to'),
      });
    }
  }
  for (const w of inv.waivers) {
    const name = w.id ? `waiver "${w.id}"` : 'waiver';
    const rp = typeof w.rule === 'string' ? ruleProblem(w.rule) : undefined;
    if (rp)
      diagnostics.push({
        code: 'waiver-rule',
        message: `${name} has rule "${w.rule}", which ${rp}`,
        location: positions.locateValue(w, 'rule'),
      });
    const tp = typeof w.target === 'string' ? targetProblem(w.target) : undefined;
    if (tp)
      diagnostics.push({
        code: 'waiver-target',
        message: `${name} has target "${w.target}", which ${tp}`,
        location: positions.locateValue(w, 'target'),
      });
  }
}

/**
 * Dates: the schema checks the shape, this checks the calendar (no 2021-02-30), the range and,
 * for what has already happened (an audit, a purchase, a mitigation), that it is not after today.
 */
function checkDates(inv: Inventory, today: string, { positions, diagnostics }: Pass): void {
  const date = (
    ownerType: EntityType,
    owner: { id?: string },
    holder: object | undefined,
    field: string,
    label: string,
    pastOnly: boolean,
  ) => {
    const v = holder ? (holder as Record<string, unknown>)[field] : undefined;
    if (typeof v !== 'string') return;
    const who = owner.id ? `${ownerType} "${owner.id}"` : ownerType;
    const problem = dateProblem(v);
    if (problem) {
      diagnostics.push({
        code: 'invalid-date',
        message: `${who} has ${label} "${v}", ${problem}`,
        location: positions.locateValue(holder!, field),
        data: { field: label, value: v },
      });
    } else if (pastOnly && v > today) {
      diagnostics.push({
        code: 'date-in-future',
        message: `${who} has ${label} "${v}", which is in the future (today is ${today}); expected the day it happened, today or earlier`,
        location: positions.locateValue(holder!, field),
        data: { field: label, value: v, today },
      });
    }
  };
  for (const a of inv.assets) {
    date('asset', a, a.audit, 'lastCompleted', 'audit.lastCompleted', true);
    date('asset', a, a.procurement, 'date', 'procurement.date', true);
  }
  for (const o of inv.organizations)
    (o.mitigations ?? []).forEach((mt, i) => date('organization', o, mt, 'date', `mitigations[${i}].date`, true));
  for (const w of inv.waivers)
    date('waiver', { id: w.id ?? `${w.rule} on ${w.target}` }, w, 'expires', 'expires', false);
}

/** A deterministic order, whatever the order of files and entries: entities by id, the rest by content. */
function sortInventory(inv: Inventory): void {
  for (const section of Object.keys(ENTITY_COLLECTIONS) as CollectionName[])
    (inv[section] as { id: string }[]).sort(compareBy((e) => e.id));
  inv.jurisdictions.sort(compareBy((j) => j.country));
  inv.waivers.sort(waiverOrder);
  inv.policy.forbiddenFlows.sort(
    compareBy(
      (f) => f.from,
      (f) => f.to,
    ),
  );
  if (inv.policy.requireMonitoringFor)
    inv.policy.requireMonitoringFor = [...new Set(inv.policy.requireMonitoringFor)].sort();
}

const waiverOrder = compareBy<Waiver>(
  (w) => w.rule,
  (w) => w.target,
  (w) => w.expires,
  (w) => w.id ?? '',
  (w) => w.reason,
);

function mergePolicy(
  into: Inventory['policy'],
  p: Policy,
  origin: Map<string, Location | undefined>,
  diagnostics: Diagnostic[],
  positions: PositionIndex,
): void {
  if (p.forbiddenFlows) pushAll(into.forbiddenFlows, p.forbiddenFlows);
  if (p.requireMonitoringFor)
    into.requireMonitoringFor = [...(into.requireMonitoringFor ?? []), ...p.requireMonitoringFor];
  for (const [rule, params] of Object.entries(p.params ?? {})) {
    const target = (into.params[rule] ??= Object.create(null) as Record<string, unknown>);
    for (const [k, v] of Object.entries(params)) {
      const key = `${rule}.${k}`;
      const here = positions.locate(params, k);
      if (origin.has(key) && JSON.stringify(target[k]) !== JSON.stringify(v)) {
        const first = origin.get(key);
        diagnostics.push({
          code: 'policy-conflict',
          message: `policy parameter ${key} is set to ${JSON.stringify(v)} here and to ${JSON.stringify(target[k])} at ${where(first)}; set it once`,
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

/**
 * Two decimals, for a sum of shares already multiplied by 100: `Math.round(total * 100 * 100) / 100`
 * can differ in the last place from base/percent's `Math.round(total * 10000) / 100`, so this
 * message keeps its own arithmetic (outputs stay byte-identical).
 */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}
