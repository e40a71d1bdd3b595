/**
 * Diagram views of a model: what is drawn, where, and how it looks. Pure: a model and its
 * findings in, a sorted scene out. One file per view (network.ts, physical.ts,
 * supply-chain.ts); what they share is in parts.ts, marks.ts and styles.ts.
 *
 * Entities, clusters and links with a finding are outlined in the colour of their most
 * severe finding, with the rule ids in the label and the messages in the tooltip.
 */
import type { Finding } from '../findings/types.js';
import type { Model } from '../graph/model.js';
import { neighbourhood } from './focus.js';
import { indexFindings } from './marks.js';
import { networkView } from './network.js';
import type { Ctx } from './parts.js';
import { physicalView } from './physical.js';
import { sortScene, type Scene } from './scene.js';
import { supplyChainView } from './supply-chain.js';

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

/** Builds the scene of one view of the model. Throws a UsageError for an unknown focus. */
export function buildScene(model: Model, options: ViewOptions): Scene {
  const marks = indexFindings(options.findings);
  const focus = options.focus !== undefined ? neighbourhood(model, options.focus, options.depth ?? 2) : undefined;
  const ctx: Ctx = { model, marks, shown: focus ? (k) => focus.has(k) : () => true };
  const body =
    options.view === 'network'
      ? networkView(ctx)
      : options.view === 'physical'
        ? physicalView(ctx)
        : supplyChainView(ctx);
  const title =
    options.title ??
    `${model.inventory.name}: ${options.view} view${options.focus !== undefined ? ` around ${options.focus} (${options.depth ?? 2} hops)` : ''}`;
  return sortScene({ title, ...body });
}

export { indexFindings } from './marks.js';
export { neighbourhood } from './focus.js';
