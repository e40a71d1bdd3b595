/** The explicit registry of built-in rule functions. No folder scanning, no user code. */
import type { FunctionRegistry, RuleFunction } from '../rules/function.js';
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

const ALL: RuleFunction<object>[] = [
  reachable,
  neighbours,
  distinctCount,
  groupShare,
  effectiveOwnership,
  dateAge,
  highRiskVendor,
  accessGrants,
  confusableText,
  policyChange,
];

export const FUNCTIONS: FunctionRegistry = new Map(ALL.map((f) => [f.name, f]));

export type { RuleFunction, FunctionContext, FunctionResult, FunctionRegistry } from '../rules/function.js';
