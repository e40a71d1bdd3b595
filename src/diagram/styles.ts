/**
 * How diagrams look, shared by every view: fills by trust, shapes by kind of asset and of
 * organization, link styles by medium and label wrapping.
 */
import type { Asset, Link, Organization, Trust } from '../inventory/types.js';
import type { Shape, Style } from './scene.js';

export const TRUST_FILL: Record<Trust, string> = {
  internet: '#fde0dc',
  external: '#fdebd3',
  dmz: '#fff8d6',
  internal: '#e3f0fb',
  restricted: '#e2f3e4',
  closed: '#cfe8d2',
};

export const EXTERNAL_TRUST: readonly Trust[] = ['internet', 'external'];

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

export const wrapAll = (lines: string[], width?: number): string[] => lines.flatMap((l) => wrap(l, width));

export function assetShape(a: Asset): Shape {
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

export function orgShape(o: Organization): Shape {
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
