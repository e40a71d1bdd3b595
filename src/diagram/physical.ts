/** The physical view: sites > rooms > assets, with each asset's vendor; links drawn grey unless marked. */
import { assetNode, clusterOf, linkEdge, prune, type Ctx } from './parts.js';
import type { Cluster, Scene, SceneNode } from './scene.js';

export function physicalView(ctx: Ctx): Omit<Scene, 'title'> {
  const { model } = ctx;
  const clusters: Cluster[] = [];
  const keepEmpty = new Set<string>();
  for (const s of model.sites.values()) {
    clusters.push(
      clusterOf(
        ctx,
        'site',
        s.id,
        [
          s.name ? `${s.id}: ${s.name}` : s.id,
          `${s.kind}${s.country ? `, ${s.country}` : ''}${s.operator ? `, operated by ${s.operator}` : ''}`,
        ],
        { fill: '#f5f5f5', stroke: '#455a64', width: 1.5, line: 'solid' },
        [`site ${s.id}`],
        undefined,
      ),
    );
    if (ctx.shown(s.id)) keepEmpty.add(`site:${s.id}`);
  }
  for (const r of model.rooms.values()) {
    const ac = r.accessControl;
    const facts = [
      r.kind,
      r.separation ? `separation ${r.separation}` : '',
      r.camera ? 'camera' : '',
      ac?.badge ? 'badge' : '',
      ac?.accessLog ? 'access log' : '',
    ]
      .filter(Boolean)
      .join(', ');
    const parent = model.sites.has(r.site) ? `site:${r.site}` : undefined;
    clusters.push(
      clusterOf(
        ctx,
        'room',
        r.id,
        [r.name ? `${r.id}: ${r.name}` : r.id, facts],
        { fill: '#ffffff', stroke: '#78909c', width: 1, line: 'solid' },
        [`room ${r.id}`, `required screening: ${r.requiredScreening ?? 'none'}`],
        parent,
      ),
    );
    if (ctx.shown(r.id)) keepEmpty.add(`room:${r.id}`);
  }
  const nodes: SceneNode[] = [];
  for (const a of model.assets.values()) {
    if (!ctx.shown(a.id)) continue;
    const site = model.siteOf(a);
    const cluster =
      a.room && model.rooms.has(a.room) ? `room:${a.room}` : site && model.sites.has(site) ? `site:${site}` : undefined;
    const vendor = a.vendor ? model.organizations.get(a.vendor) : undefined;
    nodes.push(assetNode(ctx, a, cluster, [a.vendor ? `vendor: ${vendor?.name ?? a.vendor}` : 'vendor: not recorded']));
  }
  const pruned = prune(clusters, nodes, keepEmpty);
  const drawn = new Set(nodes.map((n) => n.id));
  const edges = [...model.links.values()]
    .filter((l) => drawn.has(l.from) && drawn.has(l.to))
    .map((l) => {
      const e = linkEdge(ctx, l, false);
      if (!e.severity && l.medium !== 'mobile' && l.medium !== 'satellite') e.style = { ...e.style, stroke: '#9e9e9e' };
      return e;
    });
  return { direction: 'TB', clusters: pruned.clusters, nodes: pruned.nodes, edges };
}
