/**
 * The public API, re-exported and nothing else: check(options) -> { findings, rules, inventory, ... }
 * and the pieces a program needs around it. The application itself lives in src/check/.
 */
export { check, prepare, loadPolicyFrom, todayUtc, type CheckOptions, type CheckResult } from './check/check.js';
export type { PolicyInfo } from './findings/report.js';
export type { Finding, Severity } from './findings/types.js';
export type { Rule } from './rules/load.js';
export type { Inventory } from './inventory/types.js';
export { loadInventory } from './inventory/load.js';
export { buildModel, Model } from './graph/model.js';
