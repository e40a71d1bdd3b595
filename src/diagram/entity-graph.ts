/**
 * The model as one @dagrejs/graphlib multigraph: every entity a node carrying its data and
 * source position, every relation and link a typed edge (graph/edges.ts). Only the diagrams
 * need it (the neighbourhood of --focus walks it), so it is built here, on first use, once
 * per model: building it costs more than the rest of the model together (about 2 s for
 * 100,000 assets), and rules work on the model's maps and adjacency arrays instead.
 */
import type { Graph } from '@dagrejs/graphlib';
import type { Model } from '../graph/model.js';
import { typedEdges, typedNodes, type EdgeLabel, type NodeLabel } from '../graph/edges.js';
import { IdSafeGraph } from './safe-graph.js';

export type EntityGraph = Graph<Record<string, never>, NodeLabel, EdgeLabel>;

const built = new WeakMap<Model, EntityGraph>();

/** The entity graph of a model (built on first use); an edge to an entity not in the inventory is left out. */
export function entityGraph(model: Model): EntityGraph {
  let g = built.get(model);
  if (!g) {
    g = new IdSafeGraph<Record<string, never>, NodeLabel, EdgeLabel>({
      directed: true,
      multigraph: true,
      compound: false,
    });
    for (const n of typedNodes(model.inventory, (o) => model.locate(o))) g.setNode(n.key, n.label);
    for (const e of typedEdges(model.inventory))
      if (g.hasNode(e.v) && g.hasNode(e.w)) g.setEdge(e.v, e.w, e.label, e.name);
    built.set(model, g);
  }
  return g;
}
