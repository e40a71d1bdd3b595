/**
 * Diagram views of a model: what is drawn, where, and how it looks. Pure: a model and its
 * findings in, a sorted scene out.
 *
 * - network: zones as nested clusters coloured by trust, conduits as clusters holding their
 *   filtering assets, links styled by medium and drawn in the direction data can flow,
 *   external parties outside every zone.
 * - physical: sites > rooms > assets, with each asset's vendor.
 * - supply-chain: organizations grouped by jurisdiction, ownership with shares, and the
 *   assets each vendor supplies or maintains.
 *
 * Entities, clusters and links with a finding are outlined in the colour of their most
 * severe finding, with the rule ids in the label and the messages in the tooltip.
 */
import { didYouMean, UsageError } from '../source/errors.js';
import { severityRank, type Finding, type Severity } from '../findings/types.js';
import { nodeKey, type Model } from '../graph/model.js';
import type { Asset, Link, Organization, Trust } from '../inventory/types.js';
import { SEVERITY_COLOR, sortScene, type Cluster, type Scene, type SceneEdge, type SceneNode, type Shape, type Style } from './scene.js';

export const VIEWS = ['network', 'physical', 'supply-chain'] as const;
export type View = (typeof VIEWS)[number];

export interface ViewOptions {
  view: View;
  /** Findings to draw (actively waived ones are left out). */
  findings?: Finding[];
  /** Draw only the neighbourhood of this entity id. */
  focus?: string;
  /** Hops around the focus (undirected, over every edge of the model graph). Default 2. */
  depth?: number;
  title?: string;
}

export const TRUST_FILL: Record<Trust, string> = {
  internet: '#fde0dc',
  external: '#fdebd3',
  dmz: '#fff8d6',
  internal: '#e3f0fb',
  restricted: '#e2f3e4',
  closed: '#cfe8d2',
};

const EXTERNAL_TRUST: readonly Trust[] = ['internet', 'external'];

/** Per entity (`type:id`): the most severe finding and the rules that reported it. */
export interface FindingMark {
  severity: Severity;
  rules: string[];
  messages: string[];
}

export function indexFindings(findings: Finding[] = []): Map<string, FindingMark> {
  const out = new Map<string, FindingMark>();
  const sorted = [...findings].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  for (const f of sorted) {
    if (f.waiver?.status === 'active') continue;
    const key = `${f.entity.type}:${f.entity.id}`;
    const m = out.get(key);
    if (!m) out.set(key, { severity: f.severity, rules: [f.ruleId], messages: [`${f.ruleId} (${f.severity}): ${f.message}`] });
    else {
      if (severityRank(f.severity) > severityRank(m.severity)) m.severity = f.severity;
      if (!m.rules.includes(f.ruleId)) m.rules.push(f.ruleId);
      m.messages.push(`${f.ruleId} (${f.severity}): ${f.message}`);
    }
  }
  return out;
}

/**
 * The graph node keys within `depth` hops of `focus`, walking every edge of the model graph
 * in both directions (breadth first). A link id focuses on both of its ends.
 */
export function neighbourhood(model: Model, focus: string, depth: number): Set<string> {
  const g = model.graph;
  let starts: string[];
  if (g.hasNode(focus)) starts = [focus];
  else if (g.hasNode(nodeKey('jurisdiction', focus))) starts = [nodeKey('jurisdiction', focus)];
  else if (model.links.has(focus)) {
    const l = model.links.get(focus)!;
    starts = [l.from, l.to].filter((k) => g.hasNode(k));
  } else {
    const candidates = [...g.nodes().map((k) => g.node(k)?.id ?? k), ...model.links.keys()];
    const hint = didYouMean(focus, candidates);
    throw new UsageError(`--focus: no entity "${focus}" in the inventory${hint ? ` (did you mean "${hint}"?)` : ''}`, { focus, suggestion: hint });
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

interface Ctx {
  model: Model;
  marks: Map<string, FindingMark>;
  /** Whether an entity (graph node key) is to be drawn. */
  shown: (key: string) => boolean;
}

/** Breaks a line into lines of at most `width` characters at spaces (a longer word stays whole). */
export function wrap(text: string, width = 32): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur || !out.length) out.push(cur);
  return out;
}

const wrapAll = (lines: string[], width?: number): string[] => lines.flatMap((l) => wrap(l, width));

function mark(ctx: Ctx, type: string, id: string): FindingMark | undefined {
  return ctx.marks.get(`${type}:${id}`);
}

function ruleLine(m: FindingMark | undefined): string[] {
  if (!m) return [];
  const shown = m.rules.slice(0, 3).join(', ');
  return wrap(`! ${shown}${m.rules.length > 3 ? ` +${m.rules.length - 3}` : ''}`, 40);
}

function highlight(style: Style, m: FindingMark | undefined): Style {
  if (!m) return style;
  return { ...style, stroke: SEVERITY_COLOR[m.severity], width: 3 };
}

function tooltipOf(base: string[], m: FindingMark | undefined): string {
  return [...base, ...(m ? m.messages : [])].join('\n');
}

function assetShape(a: Asset): Shape {
  switch (a.kind) {
    case 'firewall':
    case 'data-diode':
    case 'diode':
    case 'gateway':
    case 'ids':
      return 'hexagon';
    case 'modem':
    case 'router':
    case 'switch':
      return 'rounded';
    case 'external-endpoint':
      return 'cloud';
    case 'database':
    case 'historian':
      return 'cylinder';
    default:
      return 'box';
  }
}

function assetNode(ctx: Ctx, a: Asset, cluster: string | undefined, extra: string[] = []): SceneNode {
  const m = mark(ctx, 'asset', a.id);
  const label = [a.id];
  if (a.name) label.push(...wrap(a.name));
  label.push(a.kind + (a.criticality ? `, ${a.criticality}` : ''), ...wrapAll(extra), ...ruleLine(m));
  const node: SceneNode = {
    id: a.id,
    label,
    shape: assetShape(a),
    style: highlight({ fill: '#ffffff', stroke: '#37474f', width: 1, line: a.kind === 'external-endpoint' ? 'dashed' : 'solid' }, m),
    tooltip: tooltipOf([`asset ${a.id}${a.name ? `: ${a.name}` : ''}`, `zones: ${ctx.model.zonesOf(a.id).join(', ') || 'none'}`], m),
  };
  if (cluster) node.cluster = cluster;
  if (m) node.severity = m.severity;
  return node;
}

/** How a link looks: mobile and satellite stand out (bold red dashed). */
export function linkStyle(l: Link): Style {
  switch (l.medium) {
    case 'mobile':
    case 'satellite':
      return { stroke: '#d50000', width: 3, line: 'dashed', fontColor: '#d50000' };
    case 'wifi':
      return { stroke: '#ef6c00', width: 2, line: 'dashed' };
    case 'vpn':
      return { stroke: '#1565c0', width: 1.5, line: 'dashed' };
    case 'serial':
      return { stroke: '#5d4037', width: 1, line: 'dotted' };
    case 'fiber':
      return { stroke: '#37474f', width: 2, line: 'solid' };
    default:
      return { stroke: '#37474f', width: 1, line: 'solid' };
  }
}

function linkEdge(ctx: Ctx, l: Link, withLabel: boolean): SceneEdge {
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
    style: m ? { ...linkStyle(l), ...(l.medium === 'mobile' || l.medium === 'satellite' ? {} : { stroke: SEVERITY_COLOR[m.severity] }), fontColor: SEVERITY_COLOR[m.severity], width: 3 } : linkStyle(l),
    tooltip: tooltipOf([`link ${l.id}: ${l.from} -> ${l.to}`, `${l.medium}${l.purpose ? `, ${l.purpose}` : ''}${l.conduit ? `, conduit ${l.conduit}` : ''}`, `data flows: ${arrow}`], m),
  };
  if (withLabel && text) e.label = text;
  if (m) e.severity = m.severity;
  return e;
}

function clusterOf(ctx: Ctx, type: string, id: string, label: string[], style: Style, tooltip: string[], parent?: string): Cluster {
  const m = mark(ctx, type, id);
  const c: Cluster = { id: `${type}:${id}`, label: [...wrapAll(label, 48), ...ruleLine(m)], style: highlight(style, m), tooltip: tooltipOf(tooltip, m) };
  if (parent) c.parent = parent;
  if (m) c.severity = m.severity;
  return c;
}

/** Keeps the clusters that hold something, plus their ancestors; adds a placeholder to wanted empty ones. */
function prune(clusters: Cluster[], nodes: SceneNode[], keepEmpty: Set<string>): { clusters: Cluster[]; nodes: SceneNode[] } {
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
    extra.push({ id: `${id}#empty`, label: ['(nothing drawn here)'], cluster: id, shape: 'note', style: { fill: '#ffffff', stroke: '#9e9e9e', line: 'dotted' } });
  }
  return { clusters: clusters.filter((c) => used.has(c.id)), nodes: [...nodes, ...extra] };
}

function networkView(ctx: Ctx): Omit<Scene, 'title'> {
  const { model } = ctx;
  const isExternalZone = (z: string) => EXTERNAL_TRUST.includes(model.zones.get(z)?.trust as Trust);
  const clusters: Cluster[] = [];
  const zoneCluster = (z: string) => `zone:${z}`;
  const drawnZone = (z: string) => model.zones.has(z) && !isExternalZone(z);
  const keepEmpty = new Set<string>();
  for (const z of model.zones.values()) {
    if (isExternalZone(z.id)) continue;
    const parent = z.parent && drawnZone(z.parent) ? zoneCluster(z.parent) : undefined;
    const label = [z.name ? `${z.id}: ${z.name}` : z.id, `trust ${z.trust}${z.securityLevel ? `, SL-T ${z.securityLevel}` : ''}${z.purdueLevel ? `, Purdue ${z.purdueLevel}` : ''}`];
    clusters.push(
      clusterOf(ctx, 'zone', z.id, label, { fill: TRUST_FILL[z.trust], stroke: '#546e7a', width: 1, line: 'solid' }, [`zone ${z.id}`, `trust: ${z.trust}`, `monitoring: ${(z.monitoring ?? []).join(', ') || 'none'}`], parent),
    );
    if (ctx.shown(z.id)) keepEmpty.add(zoneCluster(z.id));
  }
  // a conduit sits in the innermost zone that holds all the zones it joins, or at the top
  for (const c of model.conduits.values()) {
    const ancestries = c.zones.filter(drawnZone).map((z) => model.zoneAncestry(z));
    let parent: string | undefined;
    if (ancestries.length && ancestries.length === c.zones.length) {
      const common = ancestries[0]!.filter((z) => ancestries.every((a) => a.includes(z)) && !c.zones.includes(z));
      if (common[0]) parent = zoneCluster(common[0]);
    }
    const label = [c.name ? `conduit ${c.id}: ${c.name}` : `conduit ${c.id}`, c.direction ? `one way: ${c.direction.from} -> ${c.direction.to}` : `joins ${c.zones.join(', ')}`];
    if (c.securityLevel) label[1] += `, SL ${c.securityLevel}`;
    clusters.push(clusterOf(ctx, 'conduit', c.id, label, { fill: '#ffffff', stroke: c.direction ? '#2e7d32' : '#455a64', width: 1.5, line: 'dashed' }, [`conduit ${c.id}`, `zones: ${c.zones.join(', ')}`, `via: ${c.via.join(', ')}`], parent));
  }
  const nodes: SceneNode[] = [];
  for (const a of model.assets.values()) {
    if (!ctx.shown(a.id)) continue;
    const zones = model.zonesOf(a.id);
    const external = a.kind === 'external-endpoint' || (zones.length > 0 && zones.every(isExternalZone));
    if (external) {
      nodes.push(assetNode(ctx, a, undefined, [`external party${zones.length ? ` (${zones.join(', ')})` : ''}`]));
      continue;
    }
    const via = model.conduitsVia(a.id).map((c) => c.id).sort();
    let cluster: string | undefined;
    if (a.zone && drawnZone(a.zone)) cluster = zoneCluster(a.zone);
    else if (via[0]) cluster = `conduit:${via[0]}`;
    else {
      const drawn = zones.filter(drawnZone);
      if (drawn.length === 1) cluster = zoneCluster(drawn[0]!);
    }
    const extra = !a.zone && zones.length > 1 ? [`interfaces: ${zones.join(', ')}`] : zones.length === 0 ? ['in no zone'] : [];
    nodes.push(assetNode(ctx, a, cluster, extra));
  }
  const pruned = prune(clusters, nodes, keepEmpty);
  const drawn = new Set(nodes.map((n) => n.id));
  const edges = [...model.links.values()].filter((l) => drawn.has(l.from) && drawn.has(l.to)).map((l) => linkEdge(ctx, l, true));
  return { direction: 'LR', clusters: pruned.clusters, nodes: pruned.nodes, edges };
}

function physicalView(ctx: Ctx): Omit<Scene, 'title'> {
  const { model } = ctx;
  const clusters: Cluster[] = [];
  const keepEmpty = new Set<string>();
  for (const s of model.sites.values()) {
    clusters.push(clusterOf(ctx, 'site', s.id, [s.name ? `${s.id}: ${s.name}` : s.id, `${s.kind}${s.country ? `, ${s.country}` : ''}${s.operator ? `, operated by ${s.operator}` : ''}`], { fill: '#f5f5f5', stroke: '#455a64', width: 1.5, line: 'solid' }, [`site ${s.id}`], undefined));
    if (ctx.shown(s.id)) keepEmpty.add(`site:${s.id}`);
  }
  for (const r of model.rooms.values()) {
    const ac = r.accessControl;
    const facts = [r.kind, r.separation ? `separation ${r.separation}` : '', r.camera ? 'camera' : '', ac?.badge ? 'badge' : '', ac?.accessLog ? 'access log' : ''].filter(Boolean).join(', ');
    const parent = model.sites.has(r.site) ? `site:${r.site}` : undefined;
    clusters.push(clusterOf(ctx, 'room', r.id, [r.name ? `${r.id}: ${r.name}` : r.id, facts], { fill: '#ffffff', stroke: '#78909c', width: 1, line: 'solid' }, [`room ${r.id}`, `required screening: ${r.requiredScreening ?? 'none'}`], parent));
    if (ctx.shown(r.id)) keepEmpty.add(`room:${r.id}`);
  }
  const nodes: SceneNode[] = [];
  for (const a of model.assets.values()) {
    if (!ctx.shown(a.id)) continue;
    const site = model.siteOf(a);
    const cluster = a.room && model.rooms.has(a.room) ? `room:${a.room}` : site && model.sites.has(site) ? `site:${site}` : undefined;
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

function orgShape(o: Organization): Shape {
  switch (o.type) {
    case 'state':
    case 'state-enterprise':
      return 'octagon';
    case 'holding':
      return 'box';
    case 'external':
      return 'cloud';
    default:
      return 'rounded';
  }
}

const pct = (share: number): string => `${Math.round(share * 10000) / 100}%`;

function supplyChainView(ctx: Ctx): Omit<Scene, 'title'> {
  const { model } = ctx;
  const clusters: Cluster[] = [];
  const countries = new Set<string>();
  for (const o of model.organizations.values()) if (o.country && ctx.shown(o.id)) countries.add(o.country);
  for (const j of model.jurisdictions.values()) if (ctx.shown(nodeKey('jurisdiction', j.country))) countries.add(j.country);
  const keepEmpty = new Set<string>();
  for (const country of countries) {
    const j = model.jurisdictions.get(country);
    const risky = Boolean(j?.intelligenceCooperationLaw) || (j?.offensiveProgrammeAgainst?.length ?? 0) > 0;
    const facts: string[] = [];
    if (j?.intelligenceCooperationLaw) facts.push('intelligence cooperation law');
    if (j?.offensiveProgrammeAgainst?.length) facts.push(`offensive programme against ${j.offensiveProgrammeAgainst.join(', ')}`);
    if (!j) facts.push('jurisdiction not assessed');
    clusters.push(clusterOf(ctx, 'jurisdiction', country, [j?.name ? `${country}: ${j.name}` : country, ...(facts.length ? [facts.join('; ')] : [])], { fill: risky ? '#fde0dc' : '#eef3f7', stroke: risky ? '#c62828' : '#607d8b', width: risky ? 2 : 1, line: 'solid' }, [`jurisdiction ${country}`], undefined));
    if (ctx.shown(nodeKey('jurisdiction', country))) keepEmpty.add(`jurisdiction:${country}`);
  }
  const nodes: SceneNode[] = [];
  const edges: SceneEdge[] = [];
  for (const o of model.organizations.values()) {
    if (!ctx.shown(o.id)) continue;
    const m = mark(ctx, 'organization', o.id);
    const label = [o.id];
    if (o.name) label.push(...wrap(o.name));
    label.push(o.type + (o.mitigations?.length ? `, ${o.mitigations.length} mitigation${o.mitigations.length === 1 ? '' : 's'}` : ''));
    if (o.owners?.length) {
      const stateShare = model.effectiveOwnership(o.id, isStateOrg, false).share;
      if (stateShare > 0 && o.type !== 'state') label.push(`state-owned ${pct(stateShare)} (effective)`);
    }
    label.push(...ruleLine(m));
    const state = o.type === 'state' || o.type === 'state-enterprise';
    const n: SceneNode = {
      id: o.id,
      label,
      shape: orgShape(o),
      style: highlight({ fill: state ? '#ffebee' : '#ffffff', stroke: '#37474f', width: 1, line: 'solid' }, m),
      tooltip: tooltipOf([`organization ${o.id}${o.name ? `: ${o.name}` : ''}`, `type: ${o.type}`, `country: ${o.country ?? 'not recorded'}`], m),
    };
    if (o.country) n.cluster = `jurisdiction:${o.country}`;
    if (m) n.severity = m.severity;
    nodes.push(n);
  }
  const drawnOrgs = new Set(nodes.map((n) => n.id));
  for (const o of model.organizations.values()) {
    if (!drawnOrgs.has(o.id)) continue;
    for (const ow of o.owners ?? []) {
      if (!drawnOrgs.has(ow.organization)) continue;
      edges.push({ id: `owns:${ow.organization}:${o.id}`, from: ow.organization, to: o.id, label: `owns ${pct(ow.share)}`, arrow: 'forward', style: { stroke: '#6a1b9a', width: 1 + 2 * ow.share, line: 'solid', fontColor: '#6a1b9a' }, tooltip: `${ow.organization} owns ${pct(ow.share)} of ${o.id}${ow.source ? `\n${ow.source}` : ''}` });
    }
  }
  // assets, with the vendors that supply and the organizations that maintain them
  let anyAsset = false;
  for (const a of model.assets.values()) {
    if (!ctx.shown(a.id)) continue;
    const vendor = a.vendor && drawnOrgs.has(a.vendor) ? a.vendor : undefined;
    const maint = a.maintainer && drawnOrgs.has(a.maintainer) ? a.maintainer : undefined;
    if (!vendor && !maint) continue;
    anyAsset = true;
    nodes.push(assetNode(ctx, a, 'assets'));
    if (vendor) edges.push({ id: `supplies:${vendor}:${a.id}`, from: vendor, to: a.id, label: vendor === maint ? 'supplies, maintains' : 'supplies', arrow: 'forward', style: { stroke: '#37474f', width: 1, line: 'solid' } });
    if (maint && maint !== vendor) edges.push({ id: `maintains:${maint}:${a.id}`, from: maint, to: a.id, label: 'maintains', arrow: 'forward', style: { stroke: '#00695c', width: 1, line: 'dashed' } });
  }
  if (anyAsset) clusters.push({ id: 'assets', label: ['assets'], style: { fill: '#fafafa', stroke: '#b0bec5', width: 1, line: 'dashed' } });
  const pruned = prune(clusters, nodes, keepEmpty);
  return { direction: 'LR', clusters: pruned.clusters, nodes: pruned.nodes, edges };
}

/** Builds the scene of one view of the model. Throws a UsageError for an unknown focus. */
export function buildScene(model: Model, options: ViewOptions): Scene {
  const marks = indexFindings(options.findings);
  const focus = options.focus !== undefined ? neighbourhood(model, options.focus, options.depth ?? 2) : undefined;
  const ctx: Ctx = { model, marks, shown: focus ? (k) => focus.has(k) : () => true };
  const body = options.view === 'network' ? networkView(ctx) : options.view === 'physical' ? physicalView(ctx) : supplyChainView(ctx);
  const title = options.title ?? `${model.inventory.name}: ${options.view} view${options.focus !== undefined ? ` around ${options.focus} (${options.depth ?? 2} hops)` : ''}`;
  return sortScene({ title, ...body });
}

/** One function for every organization, so that the ownership system is solved once. */
const isStateOrg = (h: Organization) => h.type === 'state';
