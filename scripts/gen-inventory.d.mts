/** Types for scripts/gen-inventory.mjs, used by the property tests. */
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  shuffle<T>(xs: T[]): T[];
}
export function makeRng(seed: string | number): Rng;

/** A generated inventory: plain data in the shape of the inventory format. */
export interface GeneratedInventory {
  name: string;
  description: string;
  policy: { forbiddenFlows: { from: string; to: string; reason?: string }[]; requireMonitoringFor: string[] };
  waivers: Record<string, unknown>[];
  [section: string]: unknown;
}
export function generate(options?: { assets?: number; seed?: string | number }): GeneratedInventory;

export interface EmitOptions {
  /** Reorders the [key, value] entries of every mapping (and the order of the sections). */
  keyOrder?: (entries: [string, unknown][]) => [string, unknown][];
  header?: string;
}
export const SECTION_ORDER: string[];
export function scalar(v: unknown): string;
export function emitFile(doc: Record<string, unknown>, options?: EmitOptions): string;
export function emitSingle(inv: GeneratedInventory, options?: EmitOptions): string;
/** Relative path -> content: inventory.yaml includes the others. */
export function emitSplit(inv: GeneratedInventory, options?: EmitOptions): Record<string, string>;
