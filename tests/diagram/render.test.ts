import { describe, expect, it } from 'vitest';
import { renderDot, dotString } from '../../src/diagram/dot.js';
import { renderMermaid, mermaidText } from '../../src/diagram/mermaid.js';
import { renderSvg } from '../../src/diagram/svg.js';
import { wrap } from '../../src/diagram/styles.js';
import { sortScene, type Scene } from '../../src/diagram/scene.js';
import { parseMermaid } from './mermaid-parser.js';

/** Ids and labels that trip naive writers: keywords, arrow starts, quotes, entities, HTML, pipes. */
const NASTY: Scene = sortScene({
  title: 'Title with "quotes", # and <b>tags</b>',
  direction: 'LR',
  clusters: [
    {
      id: 'zone:end',
      label: ['end', 'subgraph "x" | y'],
      style: { fill: '#eeeeee', stroke: '#333333', width: 1, line: 'dashed' },
    },
    { id: 'zone:inner', label: ['inner [zone]'], parent: 'zone:end', style: { fill: '#ffffff' } },
  ],
  nodes: [
    {
      id: 'end',
      label: ['end', 'a "quoted" name', 'x --> y'],
      cluster: 'zone:end',
      shape: 'box',
      style: { stroke: '#b00020', width: 3 },
      severity: 'critical',
      tooltip: 'back\\slash "q"',
    },
    {
      id: 'o-node',
      label: ['o-node', '#35; literal', '<script>alert(1)</script>'],
      cluster: 'zone:inner',
      shape: 'hexagon',
      style: {},
    },
    { id: 'x.node', label: ['x.node', 'pipe | and & amp;'], shape: 'cloud', style: { line: 'dashed' } },
    { id: 'x_node', label: ['collides after sanitizing'], shape: 'cylinder', style: {} },
    { id: 'graph', label: ['graph', '{braces} (parens) [brackets]'], shape: 'diamond', style: {} },
  ],
  edges: [
    {
      id: 'e1',
      from: 'end',
      to: 'o-node',
      arrow: 'forward',
      label: 'a "label" | with pipe',
      style: { stroke: '#d50000', width: 3, line: 'dashed' },
    },
    { id: 'e2', from: 'o-node', to: 'x.node', arrow: 'both', style: {} },
    { id: 'e3', from: 'x.node', to: 'x_node', arrow: 'none', style: { line: 'dotted' } },
    { id: 'e4', from: 'graph', to: 'end', arrow: 'back', label: '#quot;', style: {} },
  ],
});

describe('Mermaid writer', () => {
  it('escapes labels with Mermaid entity codes', () => {
    expect(mermaidText('a "b" #c <d> & e')).toBe('a #quot;b#quot; #35;c #lt;d#gt; #amp; e');
  });

  it('writes ids and labels that Mermaid parses, however odd the input', async () => {
    const text = renderMermaid(NASTY);
    expect(await parseMermaid(text)).toBe('flowchart-v2');
    // "x.node" and "x_node" both sanitize to n_x_node: the second in id order gets a suffix
    expect(text).toContain('n_x_node(["x.node');
    expect(text).toContain('n_x_node_2[("collides after sanitizing")]');
    expect(text).not.toContain('<script>');
    // nested subgraph inside its parent
    expect(text).toMatch(/subgraph c_zone_end\[[^\n]*\]\n {4}subgraph c_zone_inner\[/);
    // one linkStyle per styled edge, by position
    expect(text).toContain('linkStyle 0 stroke:#d50000,stroke-width:3px,stroke-dasharray:6 4,fill:none');
  });

  it('Mermaid rejects broken text (the check is not vacuous)', async () => {
    await expect(parseMermaid('flowchart LR\n  a["x"] --> --> b')).rejects.toThrow();
  });
});

describe('DOT writer', () => {
  it('escapes quotes and backslashes', () => {
    expect(dotString('a "b" \\N')).toBe('"a \\"b\\" \\\\N"');
  });

  it('writes DOT that Graphviz lays out, with nested clusters', async () => {
    const dot = renderDot(NASTY);
    expect(dot).toMatch(/subgraph "cluster_zone:end" \{\n {4}graph \[[^\n]*\];\n {4}subgraph "cluster_zone:inner"/);
    const svg = await renderSvg(dot);
    expect(svg).toContain('<svg');
    expect(svg).toContain('id="cluster&#45;zone:inner"');
    expect(svg).toContain('a &quot;quoted&quot; name');
  });
});

describe('wrap', () => {
  it('breaks long lines at spaces and keeps long words whole', () => {
    expect(wrap('Firewall between the scanner network and the customs network', 32)).toEqual([
      'Firewall between the scanner',
      'network and the customs network',
    ]);
    expect(wrap('a-very-long-identifier-without-spaces-at-all', 10)).toEqual([
      'a-very-long-identifier-without-spaces-at-all',
    ]);
    expect(wrap('', 10)).toEqual(['']);
  });
});
