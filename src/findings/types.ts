/** Findings: what a rule reports, with its place, evidence and fingerprint. */
import { compareStrings as c } from '../base/compare.js';
import type { Location } from '../source/location.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** Severities, most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const severityRank = (s: Severity): number => SEVERITIES.length - SEVERITIES.indexOf(s); // critical 5 .. info 1

export type Category =
  'segmentation' | 'physical' | 'monitoring' | 'supply-chain' | 'access' | 'lifecycle' | 'inventory';
export const CATEGORIES: readonly Category[] = [
  'segmentation',
  'physical',
  'monitoring',
  'supply-chain',
  'access',
  'lifecycle',
  'inventory',
];

export interface EntityRef {
  type: string;
  id: string;
}

export interface RelatedRef extends EntityRef {
  /** Why it is related, e.g. "path end", "vendor". */
  role?: string;
  location?: Location;
}

export interface WaiverStatus {
  /** active: the finding is waived; expired: a waiver matched but has expired. */
  status: 'active' | 'expired';
  id?: string;
  reason: string;
  approver?: string;
  ticket?: string;
  expires: string;
  location?: Location;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: Category;
  /** Message id (stable) and the data filled into its template. */
  messageId: string;
  message: string;
  data: Record<string, unknown>;
  entity: EntityRef;
  related: RelatedRef[];
  location: Location;
  evidence: Record<string, unknown>;
  fingerprint: string;
  waiver?: WaiverStatus;
  /** Set by `--baseline` and `diff`. */
  baselineState?: 'new' | 'unchanged' | 'absent';
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    c(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    c(a.ruleId, b.ruleId) ||
    c(a.entity.id, b.entity.id) ||
    c(a.fingerprint, b.fingerprint)
  );
}
