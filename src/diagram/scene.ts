/**
 * A scene: the abstract drawing that every diagram view builds and every renderer (DOT,
 * Mermaid) writes out. Views decide what is drawn and how it looks; renderers only translate.
 * Everything in a scene is sorted, so that the same inventory always gives the same text.
 */
import type { Severity } from '../findings/types.js';
import { compareBy } from '../base/compare.js';

export type Shape = 'box' | 'rounded' | 'ellipse' | 'hexagon' | 'cylinder' | 'diamond' | 'octagon' | 'note' | 'cloud';
export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface Style {
  fill?: string;
  stroke?: string;
  /** Line width in points (1 = normal). */
  width?: number;
  line?: LineStyle;
  fontColor?: string;
}

export interface Cluster {
  /** Unique among clusters (not shared with nodes). */
  id: string;
  label: string[];
  parent?: string;
  style: Style;
  tooltip?: string;
  /** Highest severity of a finding on the entity the cluster stands for. */
  severity?: Severity;
}

export interface SceneNode {
  id: string;
  /** Lines of the label; the first is the entity id. */
  label: string[];
  cluster?: string;
  shape: Shape;
  style: Style;
  tooltip?: string;
  severity?: Severity;
}

export interface SceneEdge {
  /** Unique edge id (a link id, or a synthetic one for structural edges). */
  id: string;
  from: string;
  to: string;
  label?: string;
  /** Which ends get an arrowhead. */
  arrow: 'forward' | 'back' | 'both' | 'none';
  style: Style;
  tooltip?: string;
  severity?: Severity;
}

export interface Scene {
  title: string;
  direction: 'LR' | 'TB';
  clusters: Cluster[];
  nodes: SceneNode[];
  edges: SceneEdge[];
}

/** Sorts clusters, nodes and edges by id, so that output does not depend on input order. */
export function sortScene(s: Scene): Scene {
  return {
    ...s,
    clusters: [...s.clusters].sort(compareBy((c) => c.id)),
    nodes: [...s.nodes].sort(compareBy((n) => n.id)),
    edges: [...s.edges].sort(
      compareBy(
        (e) => e.id,
        (e) => e.from,
        (e) => e.to,
      ),
    ),
  };
}

/** Severity colours (stroke), most severe first. */
export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '#b00020',
  high: '#e65100',
  medium: '#c79100',
  low: '#1565c0',
  info: '#607d8b',
};
