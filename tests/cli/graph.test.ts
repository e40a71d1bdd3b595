import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, TODAY } from '../helpers.js';
import { parseMermaid } from '../diagram/mermaid-parser.js';

const PORT = 'inventories/port-of-rotterdam.yaml';
const VIEWS = ['network', 'physical', 'supply-chain'] as const;
const SCANNERS = Array.from({ length: 7 }, (_, i) => `scanner-mv-${i + 1}`);

/** The text of an SVG with character references decoded (Graphviz writes "-" as "&#45;"). */
function svgText(svg: string): string {
  return svg
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Node ids drawn in DOT output (each node statement carries id="node-<id>"). */
function dotNodes(dot: string): string[] {
  return [...dot.matchAll(/^\s*"[^"]*" \[id="node-([^"]+)"/gm)].map((m) => m[1]!).sort();
}

/** A generated inventory: 100 zones of 100 assets (a switch and 99 PLCs each), 10,000 assets, 9,999 links. */
function bigInventory(): string {
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  const lines = ['seglint: 1', 'name: Generated, 10000 assets', 'zones:'];
  for (let z = 0; z < 100; z++) lines.push(`  - { id: z-${p(z, 2)}, trust: internal, monitoring: [ids] }`);
  lines.push('assets:');
  for (let z = 0; z < 100; z++) {
    lines.push(`  - { id: sw-${p(z, 2)}, kind: switch, zone: z-${p(z, 2)} }`);
    for (let i = 0; i < 99; i++) lines.push(`  - { id: a-${p(z, 2)}-${p(i, 3)}, kind: plc, zone: z-${p(z, 2)} }`);
  }
  lines.push('links:');
  for (let z = 0; z < 100; z++) {
    for (let i = 0; i < 99; i++)
      lines.push(
        `  - { id: l-${p(z, 2)}-${p(i, 3)}, from: a-${p(z, 2)}-${p(i, 3)}, to: sw-${p(z, 2)}, medium: ethernet }`,
      );
    if (z < 99) lines.push(`  - { id: l-sw-${p(z, 2)}, from: sw-${p(z, 2)}, to: sw-${p(z + 1, 2)}, medium: fiber }`);
  }
  return lines.join('\n') + '\n';
}

describe('seglint graph', () => {
  it.each(VIEWS)('renders the %s view of the port inventory to SVG', (view) => {
    const dir = tempDir();
    const out = path.join(dir, `${view}.svg`);
    const r = cli(['graph', PORT, '--view', view, '--format', 'svg', '-o', out, '--today', TODAY]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const svg = svgText(readFileSync(out, 'utf8'));
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('</svg>');
    for (const s of SCANNERS) expect(svg).toContain(`>${s}</text>`);
  });

  it.each(VIEWS)('writes Mermaid for the %s view that Mermaid parses as a flowchart', async (view) => {
    const r = cli(['graph', PORT, '--view', view, '--format', 'mermaid', '--today', TODAY]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^---\ntitle: .*\n---\nflowchart (LR|TB)\n/);
    expect(await parseMermaid(r.stdout)).toBe('flowchart-v2');
    for (const s of SCANNERS) expect(r.stdout).toContain(`"${s}<br/>`);
  });

  it('draws the network view: zones as clusters, conduits with their firewalls, the head office outside every zone, the mobile links red and dashed', () => {
    const r = cli(['graph', PORT, '--today', TODAY]);
    expect(r.status).toBe(0);
    const dot = r.stdout;
    expect(dot).toContain('subgraph "cluster_zone:scanner-network"');
    expect(dot).toContain('subgraph "cluster_conduit:cd-scanner-internal"');
    // the firewall sits in its conduit's cluster
    const conduit = dot.slice(dot.indexOf('subgraph "cluster_conduit:cd-scanner-internal"'));
    expect(conduit.slice(0, conduit.indexOf('\n  }'))).toContain('"fw-scanner" [');
    // the external zone is not a cluster; its endpoint is at the top level
    expect(dot).not.toContain('cluster_zone:vendor-head-offices');
    expect(dot).toMatch(/^ {2}"nuctech-hq-beijing" \[/m);
    const mobile = dot.split('\n').find((l) => l.includes('id="edge-link-modem-mv-1-hq"'))!;
    expect(mobile).toContain('style=dashed');
    expect(mobile).toContain('color="#d50000"');
    expect(mobile).toContain('penwidth=3');
    // findings: the closed zone carries its critical finding in colour, rule id and tooltip
    const zone = dot.split('\n').find((l) => l.includes('id="cluster-zone:scanner-network"'))!;
    expect(zone).toContain('class="finding severity-critical"');
    expect(zone).toContain('closed-zone-external-path');
    expect(mobile).toContain('mobile-uplink-in-closed-zone');
  });

  it('is deterministic', () => {
    const a = cli(['graph', PORT, '--view', 'supply-chain', '-f', 'mermaid', '--today', TODAY]);
    const b = cli(['graph', PORT, '--view', 'supply-chain', '-f', 'mermaid', '--today', TODAY]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('draws ownership shares and effective state ownership in the supply-chain view', () => {
    const r = cli(['graph', PORT, '--view', 'supply-chain', '--no-findings']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/"tongfang" -> "nuctech" \[[^\n]*label="owns 76%"/);
    expect(r.stdout).toMatch(/"cnnc" -> "tongfang" \[[^\n]*label="owns 21%"/);
    expect(r.stdout).toContain('state-owned 15.96% (effective)');
    expect(r.stdout).toContain('subgraph "cluster_jurisdiction:CN"');
  });

  it('draws only the neighbourhood of --focus', () => {
    const r = cli(['graph', PORT, '--focus', 'modem-mv-1', '--depth', '1', '--no-findings']);
    expect(r.status).toBe(0);
    expect(dotNodes(r.stdout)).toEqual(['modem-mv-1', 'nuctech-hq-beijing', 'scanner-mv-1']);
  });

  it('rejects an unknown --focus with exit 2 and a suggestion', () => {
    const r = cli(['graph', PORT, '--focus', 'scaner-mv-1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did you mean "scanner-mv-1"?');
  });

  it('renders the neighbourhood of one asset of a 10,000-asset inventory quickly', () => {
    const dir = tempDir({ 'big.yaml': bigInventory() });
    const t0 = performance.now();
    const r = cli(['graph', 'big.yaml', '--focus', 'a-05-010', '--depth', '2', '--no-config'], { cwd: dir });
    const ms = performance.now() - t0;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const expected = [
      ...Array.from({ length: 99 }, (_, i) => `a-05-${String(i).padStart(3, '0')}`),
      'sw-04',
      'sw-05',
      'sw-06',
    ].sort();
    expect(dotNodes(r.stdout)).toEqual(expected);
    const t1 = performance.now();
    const svg = cli(['graph', 'big.yaml', '--focus', 'a-05-010', '--depth', '1', '-f', 'svg', '--no-config'], {
      cwd: dir,
    });
    const svgMs = performance.now() - t1;
    expect(svg.status).toBe(0);
    const text = svgText(svg.stdout);
    expect(text).toContain('>a-05-010</text>');
    expect(text).toContain('>sw-05</text>');
    expect(text).not.toContain('a-05-011');
    console.log(
      `10,000 assets, --focus: dot ${ms.toFixed(0)} ms (depth 2, findings on), svg ${svgMs.toFixed(0)} ms (depth 1)`,
    );
    expect(ms).toBeLessThan(20_000);
    expect(svgMs).toBeLessThan(20_000);
  });
});
