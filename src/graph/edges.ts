/**
 * The model as typed nodes and edges: every entity a node, every relation of the table in
 * inventory/relations.ts an edge (an asset `in-zone` its zone, `supplied-by` its vendor, an
 * organization `owned-by` its owners with the share...), and every link an edge between its two
 * assets. Plain lists, in inventory order: the diagrams build their graph from them
 * (diagram/entity-graph.ts). An edge to an entity that is not in the inventory is left out.
 */
import type { Location } from '../source/location.js';
import type { Inventory } from '../inventory/types.js';
import { forEachReferenceIn, RELATIONS, type RelationEdge } from '../inventory/relations.js';

export type NodeType =
  'organization' | 'site' | 'room' | 'zone' | 'conduit' | 'asset' | 'link' | 'person' | 'jurisdiction';

export type EdgeType = 'link' | RelationEdge;

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

/** One node: its key in the graph and its label. */
export interface TypedNode {
  key: string;
  label: NodeLabel;
}

/** One edge: from node `v` to node `w`, named so that parallel edges stay apart. */
export interface TypedEdge {
  v: string;
  w: string;
  name: string;
  label: EdgeLabel;
}

/** The graph key of an entity: its id (ids are unique across kinds), a jurisdiction `jurisdiction:<country>`. */
export const nodeKey = (type: NodeType, id: string): string => (type === 'jurisdiction' ? `jurisdiction:${id}` : id);

/** Every entity as a node (links are edges, not nodes). */
export function typedNodes(inventory: Inventory, locate: (entity: object) => Location | undefined): TypedNode[] {
  const nodes: TypedNode[] = [];
  const add = (type: NodeType, id: string, data: object) =>
    nodes.push({ key: nodeKey(type, id), label: { type, id, data, location: locate(data) } });
  for (const j of inventory.jurisdictions) add('jurisdiction', j.country, j);
  for (const o of inventory.organizations) add('organization', o.id, o);
  for (const s of inventory.sites) add('site', s.id, s);
  for (const r of inventory.rooms) add('room', r.id, r);
  for (const z of inventory.zones) add('zone', z.id, z);
  for (const c of inventory.conduits) add('conduit', c.id, c);
  for (const a of inventory.assets) add('asset', a.id, a);
  for (const p of inventory.people) add('person', p.id, p);
  return nodes;
}

/** Every edge the relations table and the links make (including edges to ids that do not exist: the graph drops those). */
export function typedEdges(inventory: Inventory): TypedEdge[] {
  const edges: TypedEdge[] = [];
  for (const r of RELATIONS) {
    const edge = r.edge;
    if (!edge) continue;
    const toType: NodeType = r.to[0]!;
    forEachReferenceIn(inventory, r, (subject, holder, _key, id) => {
      const self = (subject as { id: string }).id;
      const other = nodeKey(toType, id);
      const label: EdgeLabel = { type: edge };
      if (r.weight) {
        const w = (holder as Record<string, unknown>)[r.weight];
        if (typeof w === 'number') label.share = w;
      }
      const name = r.keyed ? `${edge}:${id}` : edge;
      edges.push(r.reversed ? { v: other, w: self, name, label } : { v: self, w: other, name, label });
    });
  }
  for (const l of inventory.links) edges.push({ v: l.from, w: l.to, name: l.id, label: { type: 'link', link: l.id } });
  return edges;
}
