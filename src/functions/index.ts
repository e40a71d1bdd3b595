/** The explicit registry of built-in rule functions. No folder scanning, no user code. */
import type { RuleFunction } from './types.js';
import { accessGrants } from './access-grants.js';
import { confusableText } from './confusable-text.js';
import { dateAge } from './date-age.js';
import { distinctCount } from './distinct-count.js';
import { effectiveOwnership } from './effective-ownership.js';
import { groupShare } from './group-share.js';
import { highRiskVendor } from './high-risk-vendor.js';
import { neighbours } from './neighbours.js';
import { policyChange } from './policy-change.js';
import { reachable } from './reachable.js';

export const FUNCTIONS: ReadonlyMap<string, RuleFunction<never>> = new Map(
  ([reachable, neighbours, distinctCount, groupShare, effectiveOwnership, dateAge, highRiskVendor, accessGrants, confusableText, policyChange] as RuleFunction<never>[]).map((f) => [f.name, f]),
);

export type { RuleFunction, FunctionContext, FunctionResult } from './types.js';
