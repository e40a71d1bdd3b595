/** The neighbourhood a focused diagram draws: the entities within some hops of one. */
import { didYouMean, UsageError } from '../source/errors.js';
import type { Model } from '../graph/model.js';
import { nodeKey } from '../graph/edges.js';
import { entityGraph } from './entity-graph.js';

/**
 * The graph node keys within `depth` hops of `focus`, walking every edge of the model graph
 * in both directions (breadth first). A link id focuses on both of its ends.
 */
export function neighbourhood(model: Model, focus: string, depth: number): Set<string> {
  const g = entityGraph(model);
  let starts: string[];
  if (g.hasNode(focus)) starts = [focus];
  else if (g.hasNode(nodeKey('jurisdiction', focus))) starts = [nodeKey('jurisdiction', focus)];
  else if (model.links.has(focus)) {
    const l = model.links.get(focus)!;
    starts = [l.from, l.to].filter((k) => g.hasNode(k));
  } else {
    const candidates = [...g.nodes().map((k) => g.node(k)?.id ?? k), ...model.links.keys()];
    const hint = didYouMean(focus, candidates);
    throw new UsageError(`--focus: no entity "${focus}" in the inventory${hint ? ` (did you mean "${hint}"?)` : ''}`, {
      focus,
      suggestion: hint,
    });
  }
  const seen = new Set<string>(starts);
  let frontier = starts;
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const v of frontier) {
      for (const w of g.neighbors(v) ?? []) {
        if (seen.has(w)) continue;
        seen.add(w);
        next.push(w);
      }
    }
    frontier = next;
  }
  return seen;
}
