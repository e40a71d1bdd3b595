/**
 * Waivers: accepted exceptions. A waiver matches a finding by rule id (or `*`) and a target
 * that is an entity id or a glob over ids (`*` and `?`, see src/base/wildcard.ts). An
 * active waiver marks the finding as waived (it is kept and listed, but does not fail the run); an expired
 * one does not waive, and the finding says so. A broad waiver (every rule, or a target that
 * starts with a wildcard) without an approver, or expiring beyond the horizon, is refused: it
 * waives nothing, and the rule waiver-too-broad reports it. Every waiver ends up in the
 * register with its status.
 */
import type { Location, PositionIndex } from '../source/location.js';
import { textKey } from '../base/text.js';
import type { Waiver } from '../inventory/types.js';
import type { Finding } from './types.js';
import { isUnanchoredTarget, targetMatcher } from '../base/wildcard.js';

export interface WaiverRecord {
  waiver: Waiver;
  /**
   * active: in force and used; expired: past its date; refused: too broad for its approval or
   * horizon, so it waives nothing; unused: in force but matched nothing.
   */
  status: 'active' | 'expired' | 'refused' | 'unused';
  matched: number;
  /** Why a refused waiver does not apply. */
  refusal?: string[];
  location?: Location;
}

/** How far ahead a broad waiver may expire when the rule waiver-too-broad does not say. */
export const DEFAULT_MAX_HORIZON_DAYS = 365;

export interface WaiverGate {
  /** A broad waiver expiring more than this many days after today is refused. */
  maxHorizonDays: number;
}

export function isExpired(w: Waiver, today: string): boolean {
  return w.expires < today;
}

/** A waiver for every rule, or with a target that is not anchored to a family of ids. */
export function isBroad(w: Waiver): boolean {
  return w.rule === '*' || isUnanchoredTarget(w.target);
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.parse('0001-01-01T00:00:00Z');
const LAST_DAY = Date.parse('9999-12-31T00:00:00Z');

/** The day `days` after `today` (YYYY-MM-DD), kept within the years 0001..9999. */
export function addDays(today: string, days: number): string {
  const ms = Date.parse(`${today}T00:00:00Z`) + days * DAY_MS;
  if (!(ms <= LAST_DAY)) return '9999-12-31'; // also NaN
  if (ms < FIRST_DAY) return '0001-01-01';
  return new Date(ms).toISOString().slice(0, 10);
}

/** Why a waiver in force is refused (empty: it applies). Only broad waivers are refused. */
export function refusalOf(w: Waiver, today: string, gate: WaiverGate): string[] {
  if (!isBroad(w)) return [];
  const out: string[] = [];
  if (w.approver === undefined || textKey(w.approver) === '') out.push('no approver');
  const horizon = addDays(today, gate.maxHorizonDays);
  if (w.expires > horizon)
    out.push(`expires ${w.expires} beyond the horizon of ${horizon} (${gate.maxHorizonDays} days after ${today})`);
  return out;
}

export function applyWaivers(
  findings: Finding[],
  waivers: Waiver[],
  today: string,
  positions?: PositionIndex,
  gate: WaiverGate = { maxHorizonDays: DEFAULT_MAX_HORIZON_DAYS },
): WaiverRecord[] {
  const records = waivers.map((w) => {
    const expired = isExpired(w, today);
    const refusal = expired ? [] : refusalOf(w, today, gate);
    return { w, match: targetMatcher(w.target), matched: 0, expired, refusal };
  });
  for (const f of findings) {
    let chosen: (typeof records)[number] | undefined;
    for (const r of records) {
      if (r.w.rule !== '*' && r.w.rule !== f.ruleId) continue;
      if (!r.match(f.entity.id)) continue;
      r.matched++;
      if (r.refusal.length) continue; // counted in the register, but it waives nothing
      // prefer an active waiver, then the one expiring last
      if (!chosen || (chosen.expired && !r.expired) || (chosen.expired === r.expired && r.w.expires > chosen.w.expires))
        chosen = r;
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
    const status = r.expired ? 'expired' : r.refusal.length ? 'refused' : r.matched > 0 ? 'active' : 'unused';
    return {
      waiver: r.w,
      status,
      matched: r.matched,
      ...(r.refusal.length ? { refusal: r.refusal } : {}),
      ...(loc ? { location: loc } : {}),
    };
  });
}

/**
 * A finding counts against the run (it still stands) unless an active waiver covers it, a
 * baseline hides it, or a diff shows it resolved.
 */
export function isCounted(f: Finding): boolean {
  return f.waiver?.status !== 'active' && f.baselineState !== 'unchanged' && f.baselineState !== 'absent';
}
