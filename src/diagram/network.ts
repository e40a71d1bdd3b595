/**
 * The network view: zones as nested clusters coloured by trust, conduits as clusters holding
 * their filtering assets, links styled by medium and drawn in the direction data can flow,
 * external parties outside every zone.
 */
import type { Trust } from '../inventory/types.js';
import { assetNode, clusterOf, linkEdge, prune, type Ctx } from './parts.js';
import type { Cluster, Scene, SceneNode } from './scene.js';
import { EXTERNAL_TRUST, TRUST_FILL } from './styles.js';

export function networkView(ctx: Ctx): Omit<Scene, 'title'> {
  const { model } = ctx;
  const isExternalZone = (z: string) => EXTERNAL_TRUST.includes(model.zones.get(z)?.trust as Trust);
  const clusters: Cluster[] = [];
  const zoneCluster = (z: string) => `zone:${z}`;
  const drawnZone = (z: string) => model.zones.has(z) && !isExternalZone(z);
  const keepEmpty = new Set<string>();
  for (const z of model.zones.values()) {
    if (isExternalZone(z.id)) continue;
    const parent = z.parent && drawnZone(z.parent) ? zoneCluster(z.parent) : undefined;
    const label = [
      z.name ? `${z.id}: ${z.name}` : z.id,
      `trust ${z.trust}${z.securityLevel ? `, SL-T ${z.securityLevel}` : ''}${z.purdueLevel ? `, Purdue ${z.purdueLevel}` : ''}`,
    ];
    clusters.push(
      clusterOf(
        ctx,
        'zone',
        z.id,
        label,
        { fill: TRUST_FILL[z.trust], stroke: '#546e7a', width: 1, line: 'solid' },
        [`zone ${z.id}`, `trust: ${z.trust}`, `monitoring: ${(z.monitoring ?? []).join(', ') || 'none'}`],
        parent,
      ),
    );
    if (ctx.shown(z.id)) keepEmpty.add(zoneCluster(z.id));
  }
  clusters.push(...conduitClusters(ctx, drawnZone, zoneCluster));
  const nodes: SceneNode[] = [];
  for (const a of model.assets.values()) {
    if (!ctx.shown(a.id)) continue;
    const zones = model.zonesOf(a.id);
    const external = a.kind === 'external-endpoint' || (zones.length > 0 && zones.every(isExternalZone));
    if (external) {
      nodes.push(assetNode(ctx, a, undefined, [`external party${zones.length ? ` (${zones.join(', ')})` : ''}`]));
      continue;
    }
    const via = model
      .conduitsVia(a.id)
      .map((c) => c.id)
      .sort();
    let cluster: string | undefined;
    if (a.zone && drawnZone(a.zone)) cluster = zoneCluster(a.zone);
    else if (via[0]) cluster = `conduit:${via[0]}`;
    else {
      const drawn = zones.filter(drawnZone);
      if (drawn.length === 1) cluster = zoneCluster(drawn[0]!);
    }
    const extra =
      !a.zone && zones.length > 1 ? [`interfaces: ${zones.join(', ')}`] : zones.length === 0 ? ['in no zone'] : [];
    nodes.push(assetNode(ctx, a, cluster, extra));
  }
  const pruned = prune(clusters, nodes, keepEmpty);
  const drawn = new Set(nodes.map((n) => n.id));
  const edges = [...model.links.values()]
    .filter((l) => drawn.has(l.from) && drawn.has(l.to))
    .map((l) => linkEdge(ctx, l, true));
  return { direction: 'LR', clusters: pruned.clusters, nodes: pruned.nodes, edges };
}

/** A cluster per conduit, in the innermost drawn zone that holds all the zones it joins, or at the top. */
function conduitClusters(ctx: Ctx, drawnZone: (z: string) => boolean, zoneCluster: (z: string) => string): Cluster[] {
  const { model } = ctx;
  const clusters: Cluster[] = [];
  for (const c of model.conduits.values()) {
    const ancestries = c.zones.filter(drawnZone).map((z) => model.zoneAncestry(z));
    let parent: string | undefined;
    if (ancestries.length && ancestries.length === c.zones.length) {
      const common = ancestries[0]!.filter((z) => ancestries.every((a) => a.includes(z)) && !c.zones.includes(z));
      if (common[0]) parent = zoneCluster(common[0]);
    }
    const label = [
      c.name ? `conduit ${c.id}: ${c.name}` : `conduit ${c.id}`,
      c.direction ? `one way: ${c.direction.from} -> ${c.direction.to}` : `joins ${c.zones.join(', ')}`,
    ];
    if (c.securityLevel) label[1] += `, SL ${c.securityLevel}`;
    clusters.push(
      clusterOf(
        ctx,
        'conduit',
        c.id,
        label,
        { fill: '#ffffff', stroke: c.direction ? '#2e7d32' : '#455a64', width: 1.5, line: 'dashed' },
        [`conduit ${c.id}`, `zones: ${c.zones.join(', ')}`, `via: ${c.via.join(', ')}`],
        parent,
      ),
    );
  }
  return clusters;
}
