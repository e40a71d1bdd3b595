/** Diagrams of a model: views build scenes, renderers write DOT, Mermaid or SVG. */
import type { Model } from '../graph/model.js';
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';
import { renderSvg } from './svg.js';
import { buildScene, type ViewOptions } from './views.js';

export const DIAGRAM_FORMATS = ['dot', 'mermaid', 'svg'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

/** Renders one view of a model in one format. */
export async function renderDiagram(model: Model, format: DiagramFormat, options: ViewOptions): Promise<string> {
  const scene = buildScene(model, options);
  if (format === 'mermaid') return renderMermaid(scene);
  const dot = renderDot(scene);
  return format === 'svg' ? renderSvg(dot) : dot;
}

export { buildScene, neighbourhood, indexFindings, VIEWS, type View, type ViewOptions } from './views.js';
export { renderDot } from './dot.js';
export { renderMermaid } from './mermaid.js';
export { renderSvg } from './svg.js';
export type { Scene } from './scene.js';
