/**
 * Waivers: accepted exceptions. A waiver matches a finding by rule id (or `*`) and a target
 * that is an entity id or a glob over ids. An active waiver marks the finding as waived (it is
 * kept and listed, but does not fail the run); an expired one does not waive, and the finding
 * says so. Every waiver ends up in the register with its status.
 */
import picomatch from 'picomatch';
import type { Location, PositionIndex } from '../inventory/source.js';
import type { Waiver } from '../inventory/types.js';
import type { Finding } from './types.js';

export interface WaiverRecord {
  waiver: Waiver;
  /** active: in force and used; expired: past its date; unused: in force but matched nothing. */
  status: 'active' | 'expired' | 'unused';
  matched: number;
  location?: Location;
}

export function isExpired(w: Waiver, today: string): boolean {
  return w.expires < today;
}

export function applyWaivers(findings: Finding[], waivers: Waiver[], today: string, positions?: PositionIndex): WaiverRecord[] {
  const records = waivers.map((w) => ({ w, match: picomatch(w.target, { dot: true }), matched: 0, expired: isExpired(w, today) }));
  for (const f of findings) {
    let chosen: (typeof records)[number] | undefined;
    for (const r of records) {
      if (r.w.rule !== '*' && r.w.rule !== f.ruleId) continue;
      if (!r.match(f.entity.id)) continue;
      r.matched++;
      // prefer an active waiver, then the one expiring last
      if (!chosen || (chosen.expired && !r.expired) || (chosen.expired === r.expired && r.w.expires > chosen.w.expires)) chosen = r;
    }
    if (chosen) {
      const w = chosen.w;
      const loc = positions?.locate(w as object);
      f.waiver = {
        status: chosen.expired ? 'expired' : 'active',
        reason: w.reason,
        expires: w.expires,
        ...(w.id ? { id: w.id } : {}),
        ...(w.approver ? { approver: w.approver } : {}),
        ...(w.ticket ? { ticket: w.ticket } : {}),
        ...(loc ? { location: loc } : {}),
      };
    }
  }
  return records.map((r) => {
    const loc = positions?.locate(r.w as object);
    return { waiver: r.w, status: r.expired ? 'expired' : r.matched > 0 ? 'active' : 'unused', matched: r.matched, ...(loc ? { location: loc } : {}) };
  });
}

/**
 * A finding counts against the run (it still stands) unless an active waiver covers it, a
 * baseline hides it, or a diff shows it resolved.
 */
export function isCounted(f: Finding): boolean {
  return f.waiver?.status !== 'active' && f.baselineState !== 'unchanged' && f.baselineState !== 'absent';
}
