/** Diagrams of a model: views build scenes, renderers write DOT, Mermaid or SVG. */
import type { Model } from '../graph/model.js';
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';
import { renderSvg } from './svg.js';
import { buildScene, type ViewOptions } from './views.js';
import { mapStrings, visibleLines } from '../base/sanitize.js';

export const DIAGRAM_FORMATS = ['dot', 'mermaid', 'svg'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/**
 * Renders one view of a model in one format. Every text of the scene (ids, labels, tooltips,
 * the title) is made visible first: control, bidirectional and invisible characters escaped
 * (`\u001b`), the line breaks seglint puts in labels and tooltips kept (the renderers write
 * them as DOT `\n` or Mermaid `<br/>`), so DOT and Mermaid hold no raw control character and
 * the SVG is well-formed XML whatever the names.
 */
export async function renderDiagram(model: Model, format: DiagramFormat, options: ViewOptions): Promise<string> {
  const scene = mapStrings(buildScene(model, options), visibleLines);
  if (format === 'mermaid') return renderMermaid(scene);
  const dot = renderDot(scene);
  return format === 'svg' ? renderSvg(dot) : dot;
}

export { buildScene, neighbourhood, indexFindings, VIEWS, type View, type ViewOptions } from './views.js';
export { renderDot } from './dot.js';
export { renderMermaid } from './mermaid.js';
export { renderSvg } from './svg.js';
export type { Scene } from './scene.js';
