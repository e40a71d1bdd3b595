/**
 * The relations between entities, written once: which field of which entity refers to which
 * kind of entity, and the edge it makes in the model graph. The table drives the reference
 * checks of resolve.ts (unknown id, wrong kind), the typed edges of graph/edges.ts, and so the
 * diagrams, which walk those edges. A new reference field is one new row here.
 *
 * A field is a path into the entity: `vendor` (one id), `zones[]` (a list of ids),
 * `owners[].organization` (an id in each item of a list), `direction.from` (an id in a nested
 * object). A missing field, or a value that is not a string, holds no reference.
 */
import { ENTITY_COLLECTIONS, type CollectionName, type Inventory } from './types.js';

/** The kinds of entity an id can name (each kept in one collection of the inventory). */
export type Kind = (typeof ENTITY_COLLECTIONS)[CollectionName];

/** The entities that hold references: every kind, plus the inventory's policy. */
export type SubjectType = Kind | 'policy';

/** The edge a relation makes in the model graph, from the entity to the one it names. */
export type RelationEdge =
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

interface RelationBase {
  /** The type of the entity holding the field. */
  from: SubjectType;
  /** Path of the field in the entity (see the top of this file). */
  field: string;
  /** The edge in the model graph, if the relation makes one. */
  edge?: RelationEdge;
  /** The edge runs from the entity named to the entity holding the field (an employer employs a person). */
  reversed?: true;
  /** One edge per entity named, each named `edge:id` (for fields that may name several). */
  keyed?: true;
  /** A number field beside the reference that weighs the edge (an owner's share). */
  weight?: 'share';
}

/** A reference checked when the inventory is resolved: it must name an entity of one of the kinds. */
export interface CheckedRelation extends RelationBase {
  to: readonly Kind[];
  check?: true;
}

/** A country: it may name a jurisdiction, but need not (an undescribed country is "not assessed"). */
export interface CountryRelation extends RelationBase {
  to: readonly ['jurisdiction'];
  check: false;
}

export type Relation = CheckedRelation | CountryRelation;

/**
 * Every relation. Order within an entity follows the inventory format's field order; the
 * checks and the edges do not depend on it.
 */
export const RELATIONS: readonly Relation[] = [
  { from: 'organization', field: 'country', to: ['jurisdiction'], check: false, edge: 'based-in' },
  {
    from: 'organization',
    field: 'owners[].organization',
    to: ['organization'],
    edge: 'owned-by',
    keyed: true,
    weight: 'share',
  },
  { from: 'site', field: 'operator', to: ['organization'], edge: 'operated-by' },
  { from: 'room', field: 'site', to: ['site'], edge: 'at-site' },
  { from: 'room', field: 'accessControl.grantedBy', to: ['organization', 'person'] },
  { from: 'zone', field: 'parent', to: ['zone'], edge: 'child-of' },
  { from: 'zone', field: 'site', to: ['site'], edge: 'at-site' },
  { from: 'conduit', field: 'zones[]', to: ['zone'], edge: 'joins', keyed: true },
  { from: 'conduit', field: 'via[]', to: ['asset'], edge: 'via', keyed: true },
  { from: 'conduit', field: 'direction.from', to: ['zone'] },
  { from: 'conduit', field: 'direction.to', to: ['zone'] },
  { from: 'asset', field: 'vendor', to: ['organization'], edge: 'supplied-by' },
  { from: 'asset', field: 'maintainer', to: ['organization'], edge: 'maintained-by' },
  { from: 'asset', field: 'owner', to: ['organization'], edge: 'owned-by' },
  { from: 'asset', field: 'site', to: ['site'], edge: 'at-site' },
  { from: 'asset', field: 'room', to: ['room'], edge: 'in-room' },
  { from: 'asset', field: 'zone', to: ['zone'], edge: 'in-zone', keyed: true },
  { from: 'asset', field: 'interfaces[].zone', to: ['zone'], edge: 'in-zone', keyed: true },
  // a link's two ends make the link edge itself (graph/edges.ts), not an edge from the link
  { from: 'link', field: 'from', to: ['asset'] },
  { from: 'link', field: 'to', to: ['asset'] },
  { from: 'link', field: 'conduit', to: ['conduit'] },
  { from: 'person', field: 'employer', to: ['organization'], edge: 'employs', reversed: true },
  { from: 'person', field: 'access[].target', to: ['site', 'room', 'asset'], edge: 'may-access', keyed: true },
  { from: 'policy', field: 'forbiddenFlows[].from', to: ['zone'] },
  { from: 'policy', field: 'forbiddenFlows[].to', to: ['zone'] },
];

/** The collection of the inventory that holds each kind. */
const COLLECTION_OF = Object.fromEntries(Object.entries(ENTITY_COLLECTIONS).map(([c, k]) => [k, c])) as Record<
  Kind,
  CollectionName
>;

/** The entities of a type that may hold references (for the policy: the policy itself). */
export function subjectsOf(inv: Inventory, type: SubjectType): readonly object[] {
  return type === 'policy' ? [inv.policy] : inv[COLLECTION_OF[type]];
}

/** A step of a field path: a key, or every item of a list. */
const EACH = Symbol('each');
type Step = string | typeof EACH;

const stepCache = new Map<string, Step[]>();
function stepsOf(field: string): Step[] {
  let steps = stepCache.get(field);
  if (!steps) {
    steps = [];
    for (const part of field.split('.')) {
      if (part.endsWith('[]')) steps.push(part.slice(0, -2), EACH);
      else steps.push(part);
    }
    stepCache.set(field, steps);
  }
  return steps;
}

/**
 * Receives each id a relation's field holds: the entity, the object that holds the id and its
 * key there (a list and an index for `zones[]`), so that the value can be located.
 */
export type ReferenceVisitor = (subject: object, holder: object, key: string | number, id: string) => void;

/** Every id the relation's field holds in one entity. */
export function forEachReference(subject: object, relation: Relation, visit: ReferenceVisitor): void {
  walk(subject, subject, stepsOf(relation.field), 0, visit);
}

/** Every id the relation's field holds in the inventory, entity by entity. */
export function forEachReferenceIn(inv: Inventory, relation: Relation, visit: ReferenceVisitor): void {
  const steps = stepsOf(relation.field);
  for (const subject of subjectsOf(inv, relation.from)) walk(subject, subject, steps, 0, visit);
}

function walk(subject: object, node: object, steps: Step[], i: number, visit: ReferenceVisitor): void {
  const step = steps[i]!;
  const last = i === steps.length - 1;
  if (step === EACH) {
    if (!Array.isArray(node)) return;
    for (let k = 0; k < node.length; k++) {
      const item: unknown = node[k];
      if (last) {
        if (typeof item === 'string') visit(subject, node, k, item);
      } else if (item !== null && typeof item === 'object') walk(subject, item, steps, i + 1, visit);
    }
    return;
  }
  const value = (node as Record<string, unknown>)[step];
  if (last) {
    if (typeof value === 'string') visit(subject, node, step, value);
  } else if (value !== null && typeof value === 'object') walk(subject, value, steps, i + 1, visit);
}
