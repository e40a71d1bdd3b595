/**
 * The supply-chain view: organizations grouped by jurisdiction, ownership with shares (and the
 * effective state ownership in the label), and the assets each vendor supplies or maintains.
 */
import { isStateHolder, type Organization } from '../inventory/types.js';
import type { Model } from '../graph/model.js';
import { nodeKey } from '../graph/edges.js';
import { ruleLine, highlight, tooltipOf } from './marks.js';
import { assetNode, clusterOf, mark, prune, type Ctx } from './parts.js';
import type { Cluster, Scene, SceneEdge, SceneNode } from './scene.js';
import { orgShape, wrap } from './styles.js';
import { percent } from '../base/percent.js';

export function supplyChainView(ctx: Ctx): Omit<Scene, 'title'> {
  const { clusters, keepEmpty } = jurisdictionClusters(ctx);
  const nodes: SceneNode[] = [];
  for (const o of ctx.model.organizations.values()) if (ctx.shown(o.id)) nodes.push(organizationNode(ctx, o));
  const drawnOrgs = new Set(nodes.map((n) => n.id));
  const edges = ownershipEdges(ctx, drawnOrgs);
  if (supplyEdges(ctx, drawnOrgs, nodes, edges))
    clusters.push({
      id: 'assets',
      label: ['assets'],
      style: { fill: '#fafafa', stroke: '#b0bec5', width: 1, line: 'dashed' },
    });
  const pruned = prune(clusters, nodes, keepEmpty);
  return { direction: 'LR', clusters: pruned.clusters, nodes: pruned.nodes, edges };
}

/** One cluster per country of a shown organization or jurisdiction, red where the jurisdiction is a risk. */
function jurisdictionClusters(ctx: Ctx): { clusters: Cluster[]; keepEmpty: Set<string> } {
  const { model } = ctx;
  const clusters: Cluster[] = [];
  const countries = new Set<string>();
  for (const o of model.organizations.values()) if (o.country && ctx.shown(o.id)) countries.add(o.country);
  for (const j of model.jurisdictions.values())
    if (ctx.shown(nodeKey('jurisdiction', j.country))) countries.add(j.country);
  const keepEmpty = new Set<string>();
  for (const country of countries) {
    const j = model.jurisdictions.get(country);
    const risky = Boolean(j?.intelligenceCooperationLaw) || (j?.offensiveProgrammeAgainst?.length ?? 0) > 0;
    const facts: string[] = [];
    if (j?.intelligenceCooperationLaw) facts.push('intelligence cooperation law');
    if (j?.offensiveProgrammeAgainst?.length)
      facts.push(`offensive programme against ${j.offensiveProgrammeAgainst.join(', ')}`);
    if (!j) facts.push('jurisdiction not assessed');
    clusters.push(
      clusterOf(
        ctx,
        'jurisdiction',
        country,
        [j?.name ? `${country}: ${j.name}` : country, ...(facts.length ? [facts.join('; ')] : [])],
        {
          fill: risky ? '#fde0dc' : '#eef3f7',
          stroke: risky ? '#c62828' : '#607d8b',
          width: risky ? 2 : 1,
          line: 'solid',
        },
        [`jurisdiction ${country}`],
        undefined,
      ),
    );
    if (ctx.shown(nodeKey('jurisdiction', country))) keepEmpty.add(`jurisdiction:${country}`);
  }
  return { clusters, keepEmpty };
}

/** An organization: its type, mitigations, effective state share and the rules that fire on it. */
function organizationNode(ctx: Ctx, o: Organization): SceneNode {
  const { model } = ctx;
  const m = mark(ctx, 'organization', o.id);
  const label = [o.id];
  if (o.name) label.push(...wrap(o.name));
  label.push(
    o.type +
      (o.mitigations?.length ? `, ${o.mitigations.length} mitigation${o.mitigations.length === 1 ? '' : 's'}` : ''),
  );
  if (o.owners?.length) {
    const stateShare = stateShareOf(model, o);
    if (stateShare > 0 && o.type !== 'state') label.push(`state-owned ${percent(stateShare)} (effective)`);
  }
  label.push(...ruleLine(m));
  const state = isStateHolder(o);
  const n: SceneNode = {
    id: o.id,
    label,
    shape: orgShape(o),
    style: highlight({ fill: state ? '#ffebee' : '#ffffff', stroke: '#37474f', width: 1, line: 'solid' }, m),
    tooltip: tooltipOf(
      [
        `organization ${o.id}${o.name ? `: ${o.name}` : ''}`,
        `type: ${o.type}`,
        `country: ${o.country ?? 'not recorded'}`,
      ],
      m,
    ),
  };
  if (o.country) n.cluster = `jurisdiction:${o.country}`;
  if (m) n.severity = m.severity;
  return n;
}

/** Who owns whom, among the organizations drawn. */
function ownershipEdges(ctx: Ctx, drawnOrgs: Set<string>): SceneEdge[] {
  const edges: SceneEdge[] = [];
  for (const o of ctx.model.organizations.values()) {
    if (!drawnOrgs.has(o.id)) continue;
    for (const ow of o.owners ?? []) {
      if (!drawnOrgs.has(ow.organization)) continue;
      edges.push({
        id: `owns:${ow.organization}:${o.id}`,
        from: ow.organization,
        to: o.id,
        label: `owns ${percent(ow.share)}`,
        arrow: 'forward',
        style: { stroke: '#6a1b9a', width: 1 + 2 * ow.share, line: 'solid', fontColor: '#6a1b9a' },
        tooltip: `${ow.organization} owns ${percent(ow.share)} of ${o.id}${ow.source ? `\n${ow.source}` : ''}`,
      });
    }
  }
  return edges;
}

/** Assets, with the vendors that supply and the organizations that maintain them; whether any was drawn. */
function supplyEdges(ctx: Ctx, drawnOrgs: Set<string>, nodes: SceneNode[], edges: SceneEdge[]): boolean {
  // assets, with the vendors that supply and the organizations that maintain them
  let anyAsset = false;
  for (const a of ctx.model.assets.values()) {
    if (!ctx.shown(a.id)) continue;
    const vendor = a.vendor && drawnOrgs.has(a.vendor) ? a.vendor : undefined;
    const maint = a.maintainer && drawnOrgs.has(a.maintainer) ? a.maintainer : undefined;
    if (!vendor && !maint) continue;
    anyAsset = true;
    nodes.push(assetNode(ctx, a, 'assets'));
    if (vendor)
      edges.push({
        id: `supplies:${vendor}:${a.id}`,
        from: vendor,
        to: a.id,
        label: vendor === maint ? 'supplies, maintains' : 'supplies',
        arrow: 'forward',
        style: { stroke: '#37474f', width: 1, line: 'solid' },
      });
    if (maint && maint !== vendor)
      edges.push({
        id: `maintains:${maint}:${a.id}`,
        from: maint,
        to: a.id,
        label: 'maintains',
        arrow: 'forward',
        style: { stroke: '#00695c', width: 1, line: 'dashed' },
      });
  }
  return anyAsset;
}

/**
 * The effective state share of an organization, for its label, with the one definition of a
 * state holder (inventory/types.ts): for an organization that is not a holder, the number the
 * ownership rules compute; a holder is not "owned by" itself (the rules skip it), so for a state
 * enterprise it is what the state holders among its owners hold of it.
 */
function stateShareOf(model: Model, o: Organization): number {
  if (!isStateHolder(o)) return model.effectiveOwnership(o.id, isStateHolder, false).share;
  let share = 0;
  for (const ow of o.owners ?? []) {
    if (ow.organization === o.id || !(ow.share > 0) || !model.organizations.has(ow.organization)) continue;
    share += ow.share * model.effectiveOwnership(ow.organization, isStateHolder, false).share;
  }
  return share;
}
