/**
 * A @dagrejs/graphlib Graph whose node ids may be any text. graphlib keeps its nodes and
 * adjacency in plain objects and tests membership with `in`, so an entity whose id is the name
 * of an Object.prototype member (`constructor`, `toString`, `valueOf`: valid ids) looked present
 * before it was added, and its edges crashed ("Cannot convert object to primitive value").
 * Here every one of those tables has no prototype. Only simple and multigraphs (not compound
 * graphs, which keep more tables) are supported, which is what the model builds.
 */
import { Graph, type GraphOptions } from '@dagrejs/graphlib';

/** The graph-wide tables, keyed by node id or edge id. */
const GRAPH_TABLES = ['_nodes', '_in', '_preds', '_out', '_sucs', '_edgeObjs', '_edgeLabels'] as const;
/** The tables with one entry per node, itself keyed by node or edge id. */
const NODE_TABLES = ['_in', '_preds', '_out', '_sucs'] as const;

type Tables = Record<string, Record<string, unknown>>;

export class IdSafeGraph<G = unknown, N = unknown, E = unknown> extends Graph<G, N, E> {
  constructor(options?: GraphOptions) {
    if (options?.compound) throw new Error('IdSafeGraph does not support compound graphs');
    super(options);
    for (const t of GRAPH_TABLES) (this as unknown as Tables)[t] = Object.create(null) as Record<string, unknown>;
  }

  override setNode(name: string, label?: N): this {
    const added = !this.hasNode(name);
    if (label === undefined) super.setNode(name);
    else super.setNode(name, label);
    if (added)
      for (const t of NODE_TABLES)
        ((this as unknown as Tables)[t] as Record<string, unknown>)[name] = Object.create(null);
    return this;
  }
}
