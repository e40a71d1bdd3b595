/**
 * The flow graph: for each asset, the links that touch it and the arcs data can leave it by,
 * in the direction data flows (a link's own direction, a one-way conduit on it, data diodes at
 * either end). Built once per model as adjacency arrays indexed by the asset's position in the
 * inventory, so that the traversals of traversals.ts stay linear.
 */
import type { Conduit, Link } from '../inventory/types.js';

/** One data-flow arc: the asset (by index) data reaches, over a link. */
export interface Arc {
  to: number;
  link: Link;
}

/** What deciding a link's direction needs: the conduits and the zone hierarchy. */
export interface FlowContext {
  readonly conduits: ReadonlyMap<string, Conduit>;
  zonesWithAncestors(assetId: string): string[];
  conduitsVia(assetId: string): Conduit[];
}

/**
 * Whether data can flow over a link from its `from` end to its `to` end (forward) and back.
 * Honours the link's `direction`, a one-way conduit on the link, and data diodes at either end.
 */
export function flowOf(ctx: FlowContext, l: Link): { forward: boolean; backward: boolean } {
  let forward = l.direction !== 'reverse';
  let backward = l.direction !== 'forward';
  const restrict = (c: Conduit, fromEndZones: string[], toEndZones: string[]) => {
    if (!c.direction) return;
    const { from, to } = c.direction;
    // forward is allowed when the `from` end sits on the conduit's sending side
    const fSend = fromEndZones.includes(from) || toEndZones.includes(to);
    const bSend = toEndZones.includes(from) || fromEndZones.includes(to);
    if (fSend && !bSend) backward = false;
    else if (bSend && !fSend) forward = false;
  };
  // a zone nested in the conduit's zone is on that zone's side
  const fz = ctx.zonesWithAncestors(l.from);
  const tz = ctx.zonesWithAncestors(l.to);
  if (l.conduit) {
    const c = ctx.conduits.get(l.conduit);
    if (c) restrict(c, fz, tz);
  }
  // a link ending at a filtering asset with a one-way conduit: the far end decides the side
  for (const c of ctx.conduitsVia(l.to)) {
    if (!c.direction) continue;
    if (fz.includes(c.direction.to) && !fz.includes(c.direction.from)) forward = false; // from the receiving side into the diode
    if (fz.includes(c.direction.from) && !fz.includes(c.direction.to)) backward = false; // diode never sends back to the sending side
  }
  for (const c of ctx.conduitsVia(l.from)) {
    if (!c.direction) continue;
    if (tz.includes(c.direction.from) && !tz.includes(c.direction.to)) forward = false;
    if (tz.includes(c.direction.to) && !tz.includes(c.direction.from)) backward = false;
  }
  return { forward, backward };
}

export class FlowGraph {
  /** out[i]: the arcs leaving asset i, in link order. */
  readonly out: Arc[][];
  /** linksAt[i]: the links with asset i at either end, in link order. */
  readonly linksAt: Link[][];

  /**
   * @param ids asset ids by index (inventory order)
   * @param indexOf asset id -> index
   */
  constructor(
    readonly ids: readonly string[],
    readonly indexOf: ReadonlyMap<string, number>,
    links: readonly Link[],
    ctx: FlowContext,
  ) {
    this.out = ids.map(() => []);
    this.linksAt = ids.map(() => []);
    for (const l of links) {
      const a = indexOf.get(l.from);
      const b = indexOf.get(l.to);
      if (a === undefined || b === undefined) continue;
      this.linksAt[a]!.push(l);
      this.linksAt[b]!.push(l);
      const { forward, backward } = flowOf(ctx, l);
      if (forward) this.out[a]!.push({ to: b, link: l });
      if (backward) this.out[b]!.push({ to: a, link: l });
    }
  }
}
