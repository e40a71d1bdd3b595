/** Writes a scene as Graphviz DOT. Pure; the output is sorted and stable. */
import type { Cluster, Scene, SceneEdge, SceneNode, Shape, Style } from './scene.js';
import { pushTo } from '../base/group.js';

/** A DOT double-quoted string. Backslashes are doubled so that `\N`, `\l` and friends stay literal. */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** A multi-line label: each line escaped, joined by DOT's centred line break. */
function dotLabel(lines: string[]): string {
  return `"${lines.map((l) => dotString(l).slice(1, -1)).join('\\n')}"`;
}

function attrs(list: [string, string | number | undefined][]): string {
  const parts = list
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? String(v) : v}`);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

const SHAPES: Record<Shape, string> = {
  box: 'box',
  rounded: 'box',
  ellipse: 'ellipse',
  hexagon: 'hexagon',
  cylinder: 'cylinder',
  diamond: 'diamond',
  octagon: 'octagon',
  note: 'note',
  cloud: 'ellipse',
};

function styleWords(style: Style, extra: string[]): string {
  const words = [...extra];
  if (style.line === 'dashed' || style.line === 'dotted') words.push(style.line);
  return dotString(words.join(','));
}

function nodeLine(n: SceneNode, indent: string): string {
  const extra = ['filled'];
  if (n.shape === 'rounded') extra.push('rounded');
  return (
    indent +
    dotString(n.id) +
    attrs([
      ['id', dotString(`node-${n.id}`)],
      ['label', dotLabel(n.label)],
      ['shape', SHAPES[n.shape]],
      ['style', styleWords(n.style, extra)],
      ['fillcolor', n.style.fill ? dotString(n.style.fill) : undefined],
      ['color', n.style.stroke ? dotString(n.style.stroke) : undefined],
      ['penwidth', n.style.width],
      ['peripheries', n.shape === 'cloud' ? 2 : undefined],
      ['tooltip', n.tooltip !== undefined ? dotString(n.tooltip) : undefined],
      ['class', n.severity ? dotString(`finding severity-${n.severity}`) : undefined],
    ]) +
    ';'
  );
}

function edgeLine(e: SceneEdge, indent: string): string {
  return (
    indent +
    `${dotString(e.from)} -> ${dotString(e.to)}` +
    attrs([
      ['id', dotString(`edge-${e.id}`)],
      ['label', e.label !== undefined ? dotLabel(e.label.split('\n')) : undefined],
      ['dir', e.arrow],
      ['style', e.style.line && e.style.line !== 'solid' ? e.style.line : undefined],
      ['color', e.style.stroke ? dotString(e.style.stroke) : undefined],
      ['fontcolor', e.style.fontColor ? dotString(e.style.fontColor) : undefined],
      ['penwidth', e.style.width],
      ['tooltip', e.tooltip !== undefined ? dotString(e.tooltip) : undefined],
      ['class', e.severity ? dotString(`finding severity-${e.severity}`) : undefined],
    ]) +
    ';'
  );
}

export function renderDot(scene: Scene): string {
  const out: string[] = [];
  out.push(`digraph ${dotString(scene.title)} {`);
  out.push(
    `  graph [rankdir=${scene.direction}, label=${dotString(scene.title)}, labelloc=t, fontname="Helvetica", fontsize=14, newrank=true, nodesep=0.3, ranksep=0.6];`,
  );
  out.push('  node [fontname="Helvetica", fontsize=10, margin="0.12,0.06"];');
  out.push('  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];');
  const children = new Map<string | undefined, Cluster[]>();
  for (const c of scene.clusters) pushTo(children, c.parent, c);
  const nodesIn = new Map<string | undefined, SceneNode[]>();
  for (const n of scene.nodes) pushTo(nodesIn, n.cluster, n);
  const known = new Set(scene.clusters.map((c) => c.id));
  // nodes whose cluster is not drawn go to the top level
  for (const [k, list] of [...nodesIn]) {
    if (k !== undefined && !known.has(k)) {
      nodesIn.delete(k);
      nodesIn.set(undefined, [...(nodesIn.get(undefined) ?? []), ...list]);
    }
  }
  const writeCluster = (c: Cluster, indent: string) => {
    out.push(`${indent}subgraph ${dotString(`cluster_${c.id}`)} {`);
    const i2 = indent + '  ';
    out.push(
      `${i2}graph` +
        attrs([
          ['id', dotString(`cluster-${c.id}`)],
          ['label', dotLabel(c.label)],
          ['style', styleWords(c.style, ['filled', 'rounded'])],
          ['fillcolor', c.style.fill ? dotString(c.style.fill) : undefined],
          ['color', c.style.stroke ? dotString(c.style.stroke) : undefined],
          ['penwidth', c.style.width],
          ['tooltip', c.tooltip !== undefined ? dotString(c.tooltip) : undefined],
          ['class', c.severity ? dotString(`finding severity-${c.severity}`) : undefined],
        ]) +
        ';',
    );
    for (const child of children.get(c.id) ?? []) writeCluster(child, i2);
    for (const n of nodesIn.get(c.id) ?? []) out.push(nodeLine(n, i2));
    out.push(`${indent}}`);
  };
  for (const c of children.get(undefined) ?? []) writeCluster(c, '  ');
  // clusters whose parent is not drawn: at the top
  for (const c of scene.clusters) if (c.parent !== undefined && !known.has(c.parent)) writeCluster(c, '  ');
  for (const n of nodesIn.get(undefined) ?? []) out.push(nodeLine(n, '  '));
  for (const e of scene.edges) out.push(edgeLine(e, '  '));
  out.push('}');
  return out.join('\n') + '\n';
}
