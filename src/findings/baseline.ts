/**
 * Baselines and diffs compare findings by fingerprint (rule id, entity, and the evidence that
 * matters), never by line, so they survive reformatting and reordering of the inventory.
 */
import { compareBy } from '../base/compare.js';
import type { Finding } from './types.js';

export interface BaselineFile {
  seglintBaseline: 1;
  findings: { fingerprint: string; ruleId: string; entity: { type: string; id: string } }[];
}

export function toBaseline(findings: Finding[]): BaselineFile {
  const seen = new Set<string>();
  const list: BaselineFile['findings'] = [];
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    list.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, entity: f.entity });
  }
  list.sort(
    compareBy(
      (e) => e.ruleId,
      (e) => e.fingerprint,
    ),
  );
  return { seglintBaseline: 1, findings: list };
}

export function parseBaseline(text: string): Set<string> | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return `not JSON: ${(err as Error).message}`;
  }
  const d = data as Partial<BaselineFile>;
  if (!d || d.seglintBaseline !== 1 || !Array.isArray(d.findings))
    return 'expected a seglint baseline (written by --write-baseline): {"seglintBaseline": 1, "findings": [...]}';
  const out = new Set<string>();
  for (const f of d.findings) if (f && typeof f.fingerprint === 'string') out.add(f.fingerprint);
  return out;
}

/** Marks findings as new or unchanged against a baseline; returns the ones to report and how many were hidden. */
export function applyBaseline(findings: Finding[], baseline: Set<string>): { shown: Finding[]; hidden: number } {
  const shown: Finding[] = [];
  let hidden = 0;
  for (const f of findings) {
    if (baseline.has(f.fingerprint)) hidden++;
    else shown.push({ ...f, baselineState: 'new' });
  }
  return { shown, hidden };
}

/** Compares the findings of a base and a head version: new, unchanged and resolved (absent). */
export function diffFindings(
  base: Finding[],
  head: Finding[],
): { findings: Finding[]; counts: { new: number; unchanged: number; resolved: number } } {
  const baseFps = new Set(base.map((f) => f.fingerprint));
  const headFps = new Set(head.map((f) => f.fingerprint));
  const out: Finding[] = [];
  let n = 0;
  let u = 0;
  let r = 0;
  for (const f of head) {
    if (baseFps.has(f.fingerprint)) {
      out.push({ ...f, baselineState: 'unchanged' });
      u++;
    } else {
      out.push({ ...f, baselineState: 'new' });
      n++;
    }
  }
  for (const f of base) {
    if (!headFps.has(f.fingerprint)) {
      out.push({ ...f, baselineState: 'absent' });
      r++;
    }
  }
  return { findings: out, counts: { new: n, unchanged: u, resolved: r } };
}
