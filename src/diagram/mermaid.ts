/**
 * Writes a scene as a Mermaid flowchart (with subgraphs), the dialect GitHub renders in
 * Markdown. Pure; the output is sorted and stable. Ids are rewritten to safe identifiers
 * (letters, digits, underscores, with a prefix so that no id is a Mermaid keyword or starts
 * an arrow), labels are quoted and escaped with Mermaid's `#code;` entities.
 */
import type { Cluster, Scene, SceneEdge, SceneNode, Shape, Style } from './scene.js';
import { pushTo } from '../base/group.js';

/** Escapes text for a double-quoted Mermaid label. */
export function mermaidText(s: string): string {
  return s
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/&/g, '#amp;')
    .replace(/\r?\n/g, '<br/>');
}

const label = (lines: string[]): string => `"${lines.map(mermaidText).join('<br/>')}"`;

const SHAPES: Record<Shape, [string, string]> = {
  box: ['[', ']'],
  rounded: ['(', ')'],
  ellipse: ['([', '])'],
  hexagon: ['{{', '}}'],
  cylinder: ['[(', ')]'],
  diamond: ['{', '}'],
  octagon: ['[[', ']]'],
  note: ['>', ']'],
  cloud: ['([', '])'],
};

/** Maps arbitrary ids to unique safe Mermaid identifiers, deterministically. */
class Ids {
  private readonly map = new Map<string, string>();
  private readonly used = new Set<string>();
  constructor(private readonly prefix: string) {}
  get(id: string): string {
    let out = this.map.get(id);
    if (out) return out;
    const base = this.prefix + id.replace(/[^A-Za-z0-9_]/g, '_');
    out = base;
    for (let i = 2; this.used.has(out); i++) out = `${base}_${i}`;
    this.used.add(out);
    this.map.set(id, out);
    return out;
  }
}

function css(style: Style, fillToo: boolean): string {
  const parts: string[] = [];
  if (fillToo && style.fill) parts.push(`fill:${style.fill}`);
  if (style.stroke) parts.push(`stroke:${style.stroke}`);
  if (style.width !== undefined) parts.push(`stroke-width:${style.width}px`);
  if (style.line === 'dashed') parts.push('stroke-dasharray:6 4');
  if (style.line === 'dotted') parts.push('stroke-dasharray:2 3');
  if (style.fontColor) parts.push(`color:${style.fontColor}`);
  return parts.join(',');
}

export function renderMermaid(scene: Scene): string {
  const ids = new Ids('n_');
  const cids = new Ids('c_');
  // sanitize every id up front, in sorted order, so collisions resolve the same way every time
  for (const n of scene.nodes) ids.get(n.id);
  for (const c of scene.clusters) cids.get(c.id);
  const out: string[] = [];
  out.push('---', `title: ${JSON.stringify(scene.title)}`, '---');
  out.push(`flowchart ${scene.direction}`);
  const known = new Set(scene.clusters.map((c) => c.id));
  const children = new Map<string | undefined, Cluster[]>();
  for (const c of scene.clusters) {
    const p = c.parent !== undefined && known.has(c.parent) ? c.parent : undefined;
    pushTo(children, p, c);
  }
  const nodesIn = new Map<string | undefined, SceneNode[]>();
  for (const n of scene.nodes) {
    const k = n.cluster !== undefined && known.has(n.cluster) ? n.cluster : undefined;
    pushTo(nodesIn, k, n);
  }
  const nodeDecl = (n: SceneNode, indent: string) => {
    const [open, close] = SHAPES[n.shape];
    out.push(`${indent}${ids.get(n.id)}${open}${label(n.label)}${close}`);
  };
  const writeCluster = (c: Cluster, indent: string) => {
    out.push(`${indent}subgraph ${cids.get(c.id)}[${label(c.label)}]`);
    for (const child of children.get(c.id) ?? []) writeCluster(child, indent + '  ');
    for (const n of nodesIn.get(c.id) ?? []) nodeDecl(n, indent + '  ');
    out.push(`${indent}end`);
  };
  for (const c of children.get(undefined) ?? []) writeCluster(c, '  ');
  for (const n of nodesIn.get(undefined) ?? []) nodeDecl(n, '  ');
  const edgeDecl = (e: SceneEdge): string => {
    let from = ids.get(e.from);
    let to = ids.get(e.to);
    let arrow = '-->';
    if (e.arrow === 'both') arrow = '<-->';
    else if (e.arrow === 'none') arrow = '---';
    else if (e.arrow === 'back') [from, to] = [to, from];
    const text = e.label ? `|${label(e.label.split('\n'))}|` : '';
    return `  ${from} ${arrow}${text} ${to}`;
  };
  for (const e of scene.edges) out.push(edgeDecl(e));
  for (const c of scene.clusters) {
    const s = css(c.style, true);
    if (s) out.push(`  style ${cids.get(c.id)} ${s}`);
  }
  for (const n of scene.nodes) {
    const s = css(n.style, true);
    if (s) out.push(`  style ${ids.get(n.id)} ${s}`);
  }
  scene.edges.forEach((e, i) => {
    const s = css({ ...e.style, fontColor: undefined }, false);
    if (s) out.push(`  linkStyle ${i} ${s},fill:none`);
  });
  return out.join('\n') + '\n';
}
