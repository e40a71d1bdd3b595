/**
 * Errors carry a code and data; only the CLI renders them. Nothing here prints or exits.
 */
import type { Location } from './location.js';
import { compareStrings } from '../base/compare.js';
import { visible } from '../base/sanitize.js';

/** One problem found in the input, with its place. */
export interface Diagnostic {
  /** Stable id of the kind of problem, e.g. `yaml-syntax`, `unknown-property`, `unknown-reference`. */
  code: string;
  message: string;
  location?: Location;
  /** Extra data for programmatic consumers and tests. */
  data?: Record<string, unknown>;
}

export function formatLocation(loc: Location | undefined): string {
  if (!loc) return '';
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/**
 * Renders a diagnostic as `file:line:col error: message`, always one line: the file name and the
 * message (which quotes inventory text) are made `visible` (control characters escaped).
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.location);
  return where ? `${visible(where)} error: ${visible(d.message)}` : `error: ${visible(d.message)}`;
}

/** Base class: every seglint error has a code. */
export class SeglintError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SeglintError';
  }
}

/** Bad input (inventory, rule file, config, arguments): exit code 2, all problems at once. */
export class InputError extends SeglintError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('input', diagnostics.map(formatDiagnostic).join('\n'), { count: diagnostics.length });
    this.name = 'InputError';
  }
}

/** Usage errors: wrong arguments, unknown rule or format. */
export class UsageError extends SeglintError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('usage', message, data);
    this.name = 'UsageError';
  }
}

/** Sorts diagnostics by file, line, column, then message, so output does not depend on discovery order. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => {
    const fa = a.location?.file ?? '';
    const fb = b.location?.file ?? '';
    if (fa !== fb) return compareStrings(fa, fb);
    const la = a.location?.line ?? 0;
    const lb = b.location?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.location?.column ?? 0;
    const cb = b.location?.column ?? 0;
    if (ca !== cb) return ca - cb;
    return compareStrings(a.message, b.message);
  });
}

/** Levenshtein-based suggestion: the closest candidate, if close enough. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const max = Math.max(2, Math.floor(word.length / 3));
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > max) continue;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= max ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}
