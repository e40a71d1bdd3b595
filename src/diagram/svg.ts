/**
 * SVG through Graphviz compiled to WebAssembly (@viz-js/viz bundles the wasm, so this works
 * offline). The module is imported on first use (it is large, and only `graph -f svg` needs
 * it), and the instance is created once per process.
 */
import type { Viz } from '@viz-js/viz';
import { xmlSafe } from '../base/sanitize.js';

let viz: Promise<Viz> | undefined;

/**
 * Lays out DOT text with Graphviz `dot` and returns the SVG document. Characters XML 1.0
 * forbids (NUL, other C0 controls, U+FFFE, lone surrogates) are escaped visibly in the DOT
 * before and in the SVG after, so the document is well-formed whatever the text.
 */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  const v = await viz;
  return xmlSafe(v.renderString(xmlSafe(dot), { format: 'svg', engine: 'dot' }));
}
