/**
 * What every view draws with: the view's context (the model, the marks, what is shown), and
 * the pieces made from it: asset nodes, link edges, clusters, and the pruning of clusters
 * that hold nothing.
 */
import type { Model } from '../graph/model.js';
import type { Asset, Link } from '../inventory/types.js';
import { highlight, ruleLine, tooltipOf, type FindingMark } from './marks.js';
import { SEVERITY_COLOR, type Cluster, type SceneEdge, type SceneNode, type Style } from './scene.js';
import { assetShape, linkStyle, wrap, wrapAll } from './styles.js';

/** What a view is drawn from. */
export interface Ctx {
  model: Model;
  marks: Map<string, FindingMark>;
  /** Whether an entity (graph node key) is to be drawn. */
  shown: (key: string) => boolean;
}

/** The mark of an entity, if a finding is on it. */
export function mark(ctx: Ctx, type: string, id: string): FindingMark | undefined {
  return ctx.marks.get(`${type}:${id}`);
}

/** An asset as a node: id, name, kind and criticality, any extra lines, and its mark. */
export function assetNode(ctx: Ctx, a: Asset, cluster: string | undefined, extra: string[] = []): SceneNode {
  const m = mark(ctx, 'asset', a.id);
  const label = [a.id];
  if (a.name) label.push(...wrap(a.name));
  label.push(a.kind + (a.criticality ? `, ${a.criticality}` : ''), ...wrapAll(extra), ...ruleLine(m));
  const node: SceneNode = {
    id: a.id,
    label,
    shape: assetShape(a),
    style: highlight(
      { fill: '#ffffff', stroke: '#37474f', width: 1, line: a.kind === 'external-endpoint' ? 'dashed' : 'solid' },
      m,
    ),
    tooltip: tooltipOf(
      [`asset ${a.id}${a.name ? `: ${a.name}` : ''}`, `zones: ${ctx.model.zonesOf(a.id).join(', ') || 'none'}`],
      m,
    ),
  };
  if (cluster) node.cluster = cluster;
  if (m) node.severity = m.severity;
  return node;
}

/** A link as an edge, with arrowheads where data can flow. */
export function linkEdge(ctx: Ctx, l: Link, withLabel: boolean): SceneEdge {
  const { forward, backward } = ctx.model.flowOf(l);
  const arrow: SceneEdge['arrow'] = forward && backward ? 'both' : forward ? 'forward' : backward ? 'back' : 'none';
  const m = mark(ctx, 'link', l.id);
  const parts: string[] = [];
  if (l.medium !== 'ethernet') parts.push(l.medium);
  if (l.purpose && l.purpose !== 'data') parts.push(l.purpose);
  if (l.conduit) parts.push(l.conduit);
  const text = [parts.join(', '), ...ruleLine(m)].filter(Boolean).join('\n');
  const e: SceneEdge = {
    id: l.id,
    from: l.from,
    to: l.to,
    arrow,
    // mobile and satellite links keep their red; others take the colour of their worst finding
    style: m
      ? {
          ...linkStyle(l),
          ...(l.medium === 'mobile' || l.medium === 'satellite' ? {} : { stroke: SEVERITY_COLOR[m.severity] }),
          fontColor: SEVERITY_COLOR[m.severity],
          width: 3,
        }
      : linkStyle(l),
    tooltip: tooltipOf(
      [
        `link ${l.id}: ${l.from} -> ${l.to}`,
        `${l.medium}${l.purpose ? `, ${l.purpose}` : ''}${l.conduit ? `, conduit ${l.conduit}` : ''}`,
        `data flows: ${arrow}`,
      ],
      m,
    ),
  };
  if (withLabel && text) e.label = text;
  if (m) e.severity = m.severity;
  return e;
}

/** An entity drawn as a cluster (`type:id`), with its mark. */
export function clusterOf(
  ctx: Ctx,
  type: string,
  id: string,
  label: string[],
  style: Style,
  tooltip: string[],
  parent?: string,
): Cluster {
  const m = mark(ctx, type, id);
  const c: Cluster = {
    id: `${type}:${id}`,
    label: [...wrapAll(label, 48), ...ruleLine(m)],
    style: highlight(style, m),
    tooltip: tooltipOf(tooltip, m),
  };
  if (parent) c.parent = parent;
  if (m) c.severity = m.severity;
  return c;
}

/** Keeps the clusters that hold something, plus their ancestors; adds a placeholder to wanted empty ones. */
export function prune(
  clusters: Cluster[],
  nodes: SceneNode[],
  keepEmpty: Set<string>,
): { clusters: Cluster[]; nodes: SceneNode[] } {
  const byId = new Map(clusters.map((c) => [c.id, c]));
  const used = new Set<string>();
  const use = (id: string | undefined) => {
    while (id && !used.has(id)) {
      used.add(id);
      id = byId.get(id)?.parent;
    }
  };
  for (const n of nodes) use(n.cluster);
  const extra: SceneNode[] = [];
  for (const id of [...keepEmpty].sort()) {
    if (!byId.has(id) || used.has(id)) continue;
    use(id);
    extra.push({
      id: `${id}#empty`,
      label: ['(nothing drawn here)'],
      cluster: id,
      shape: 'note',
      style: { fill: '#ffffff', stroke: '#9e9e9e', line: 'dotted' },
    });
  }
  return { clusters: clusters.filter((c) => used.has(c.id)), nodes: [...nodes, ...extra] };
}
