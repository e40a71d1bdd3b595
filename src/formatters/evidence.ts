/**
 * Evidence in readable form, shared by the Markdown, HTML, JUnit and GitHub formatters.
 *
 * `describeEvidence` turns a finding's evidence object into a list of items, in the key order
 * of the evidence:
 * - a path (`{assets, hops, zones?, conduits?}`, from reachability rules): hop by hop;
 * - ownership `chains` (`[{organizations, shares, product?}]`): each chain with its shares and
 *   the product;
 * - `values` (e.g. vendors in a room: `{vendor: [asset ids]}`, or a plain list): a list;
 * - nested objects: their fields, labelled `parent.child`;
 * - anything else: `key: value`.
 * The renderers (`evidenceText` here, Markdown and HTML in their formatters) only lay it out.
 */
import { percent } from './common.js';

export interface PathHop {
  from: string;
  to: string;
  link: string;
  medium?: string;
  purpose?: string;
  conduit?: string;
}

export interface ChainView {
  /** The owned organization first, the ultimate holder last. */
  organizations: string[];
  /** shares[i]: the share organizations[i + 1] holds of organizations[i]. */
  shares: number[];
  product: number;
}

export type EvidenceItem =
  | { kind: 'path'; label: string; start: string; hops: PathHop[]; zones: string[]; conduits: string[] }
  | { kind: 'chains'; label: string; chains: ChainView[] }
  | { kind: 'values'; label: string; entries: { value: string; items: string[] }[] }
  | { kind: 'field'; label: string; value: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function isPath(v: unknown): v is { assets: string[]; hops: Obj[]; zones?: string[]; conduits?: string[] } {
  return (
    isObj(v) &&
    isStrArray(v.assets) &&
    Array.isArray(v.hops) &&
    v.hops.every((h) => isObj(h) && typeof h.from === 'string' && typeof h.to === 'string')
  );
}

function isChains(v: unknown): v is { organizations: string[]; shares: number[]; product?: number }[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every(
      (c) =>
        isObj(c) &&
        isStrArray(c.organizations) &&
        Array.isArray(c.shares) &&
        c.shares.every((s) => typeof s === 'number'),
    )
  );
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A value that fits on one line: scalars, lists of scalars, anything else as compact JSON. */
export function valueText(v: unknown): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return 'none';
    if (v.every(isScalar)) return v.map(scalarText).join(', ');
  }
  return scalarText(v);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function walk(ev: Obj, prefix: string, depth: number, out: EvidenceItem[]): void {
  for (const [key, v] of Object.entries(ev)) {
    const label = prefix + key;
    if (v === undefined) continue;
    if (isPath(v)) {
      out.push({
        kind: 'path',
        label,
        start: v.assets[0] ?? String(v.hops[0]?.from ?? ''),
        hops: v.hops.map((h) => {
          const hop: PathHop = { from: String(h.from), to: String(h.to), link: String(h.link ?? '') };
          if (typeof h.medium === 'string') hop.medium = h.medium;
          if (typeof h.purpose === 'string') hop.purpose = h.purpose;
          if (typeof h.conduit === 'string') hop.conduit = h.conduit;
          return hop;
        }),
        zones: isStrArray(v.zones) ? v.zones : [],
        conduits: isStrArray(v.conduits) ? v.conduits : [],
      });
    } else if (key === 'chains' && isChains(v)) {
      out.push({
        kind: 'chains',
        label,
        chains: v.map((c) => ({
          organizations: c.organizations,
          shares: c.shares,
          product: typeof c.product === 'number' ? c.product : round6(c.shares.reduce((a, b) => a * b, 1)),
        })),
      });
    } else if (key === 'values' && isObj(v) && Object.values(v).every((x) => isScalar(x) || Array.isArray(x))) {
      out.push({
        kind: 'values',
        label,
        entries: Object.entries(v).map(([value, items]) => ({
          value,
          items: Array.isArray(items) ? items.map(scalarText) : [scalarText(items)],
        })),
      });
    } else if (key === 'values' && Array.isArray(v) && v.every(isScalar)) {
      out.push({ kind: 'values', label, entries: v.map((x) => ({ value: scalarText(x), items: [] })) });
    } else if (isObj(v) && depth < 3 && Object.keys(v).length > 0) {
      walk(v, `${label}.`, depth + 1, out);
    } else if (
      typeof v === 'number' &&
      (key === 'share' || key === 'threshold') &&
      typeof ev.share === 'number' &&
      v >= 0 &&
      v <= 1
    ) {
      out.push({ kind: 'field', label, value: percent(v) });
    } else {
      out.push({ kind: 'field', label, value: isObj(v) && Object.keys(v).length === 0 ? 'none' : valueText(v) });
    }
  }
}

export function describeEvidence(evidence: Record<string, unknown> | undefined): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  if (evidence) walk(evidence, '', 0, out);
  return out;
}

/** "link l-7 (mobile, remote-maintenance, conduit c-1)". */
export function hopVia(h: PathHop): string {
  const attrs = [h.medium, h.purpose, h.conduit ? `conduit ${h.conduit}` : ''].filter(Boolean);
  return `link ${h.link}${attrs.length ? ` (${attrs.join(', ')})` : ''}`;
}

/** "a -> b via link l-7 (mobile)". */
export function hopText(h: PathHop): string {
  return `${h.from} -> ${h.to} via ${hopVia(h)}`;
}

/** "nuctech <- 76% tongfang <- 21% cnnc = 15.96%". */
export function chainText(c: ChainView): string {
  let s = c.organizations[0] ?? '';
  for (let i = 1; i < c.organizations.length; i++)
    s += ` <- ${c.shares[i - 1] !== undefined ? `${percent(c.shares[i - 1]!)} ` : ''}${c.organizations[i]}`;
  return `${s} = ${percent(c.product)}`;
}

/** "0.76 x 0.21 = 15.96%". */
export function chainProduct(c: ChainView): string {
  return `${c.shares.join(' x ')} = ${percent(c.product)}`;
}

/** Plain-text lines (no markup), for JUnit bodies and the like. */
export function evidenceText(items: EvidenceItem[]): string[] {
  const lines: string[] = [];
  for (const it of items) {
    if (it.kind === 'field') lines.push(`${it.label}: ${it.value}`);
    else if (it.kind === 'path') {
      lines.push(`${it.label}: ${it.hops.length} hop${it.hops.length === 1 ? '' : 's'} from ${it.start}`);
      it.hops.forEach((h, i) => lines.push(`  ${i + 1}. ${hopText(h)}`));
      if (it.zones.length) lines.push(`  zones crossed: ${it.zones.join(', ')}`);
      if (it.conduits.length) lines.push(`  conduits passed: ${it.conduits.join(', ')}`);
    } else if (it.kind === 'chains') {
      lines.push(`${it.label}:`);
      for (const c of it.chains) lines.push(`  - ${chainText(c)} (${chainProduct(c)})`);
    } else {
      lines.push(`${it.label}:`);
      for (const e of it.entries) lines.push(`  - ${e.value}${e.items.length ? `: ${e.items.join(', ')}` : ''}`);
    }
  }
  return lines;
}
