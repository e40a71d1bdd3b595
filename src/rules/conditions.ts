/**
 * Attribute conditions of the rule language. A condition is data, never code:
 *
 *   { all: [c, ...] } | { any: [c, ...] } | { not: c }
 *   { path: "a.b", <operator>: value }      an attribute of the entity (or a computed `$` attribute)
 *   { param: "name", <operator>: value }    a rule parameter
 *
 * Operators: equals, notEquals, in, notIn, exists, empty, gt, gte, lt, lte, matches,
 * contains, containsAny. A value may be `$params.name`, replaced by the rule parameter.
 * Strings compare by their text key (src/base/text.ts); `matches` tests the text as written.
 */
import { sameText, textKey } from '../base/text.js';

import { MatchTextTooLong, MAX_MATCH_TEXT, safeRegex } from './regex.js';

export const OPERATORS = ['equals', 'notEquals', 'in', 'notIn', 'exists', 'empty', 'gt', 'gte', 'lt', 'lte', 'matches', 'contains', 'containsAny'] as const;
export type Operator = (typeof OPERATORS)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | ({ path: string } & Partial<Record<Operator, unknown>>)
  | ({ param: string } & Partial<Record<Operator, unknown>>);

/** Something with attributes: a plain entity plus computed `$` attributes. */
export interface View {
  get(path: string): unknown;
}

export function isParamRef(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith('$params.');
}

/** Replaces every `$params.name` string inside a value by the parameter's value. */
export function substituteParams(value: unknown, params: Record<string, unknown>): unknown {
  if (isParamRef(value)) return params[value.slice('$params.'.length)];
  if (Array.isArray(value)) return value.map((v) => substituteParams(v, params));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteParams(v, params);
    return out;
  }
  return value;
}

/** Reads a dotted path from a plain object. */
export function getPath(obj: unknown, path: string): unknown {
  if (path.indexOf('.') === -1) {
    // the common case, one key: no split, no allocation
    if (obj === null || typeof obj !== 'object' || !Object.prototype.hasOwnProperty.call(obj, path)) return undefined;
    return (obj as Record<string, unknown>)[path];
  }
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * `matches`: the pattern was checked when the rule or configuration was loaded (safeRegex checks
 * again, once per pattern, and throws PatternError for one that escaped that check); texts
 * longer than MAX_MATCH_TEXT are refused (MatchTextTooLong), which bounds the work of a search.
 */
function matches(text: string, pattern: string): boolean {
  const r = safeRegex(pattern);
  if (text.length > MAX_MATCH_TEXT) throw new MatchTextTooLong(text.length, '', undefined);
  return r.test(text);
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** Equal values; two strings are equal when their text keys are (NFKC, trimmed, no invisible or lookalike characters). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return sameText(a, b);
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function applyOperator(op: Operator, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'equals':
      return same(actual, expected);
    case 'notEquals':
      return !same(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((e) => same(actual, e));
    case 'notIn':
      return !(Array.isArray(expected) && expected.some((e) => same(actual, e)));
    case 'exists':
      return (actual !== undefined && actual !== null) === Boolean(expected);
    case 'empty':
      return isEmpty(actual) === Boolean(expected);
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'gte':
      return typeof actual === 'number' && typeof expected === 'number' && actual >= expected;
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'lte':
      return typeof actual === 'number' && typeof expected === 'number' && actual <= expected;
    case 'matches':
      return typeof actual === 'string' && typeof expected === 'string' && matches(actual, expected);
    case 'contains':
      return Array.isArray(actual) ? actual.some((a) => same(a, expected)) : typeof actual === 'string' && typeof expected === 'string' && textKey(actual).includes(textKey(expected));
    case 'containsAny':
      return Array.isArray(actual) && Array.isArray(expected) && actual.some((a) => expected.some((e) => same(a, e)));
  }
}

/** A condition with its `$params.name` values replaced, ready to evaluate many times. */
export function prepareCondition(cond: Condition, params: Record<string, unknown>): Condition {
  return substituteParams(cond, params) as Condition;
}

/**
 * Evaluates a condition (validated, and prepared with prepareCondition) on a view; `params`
 * serves `param:` conditions.
 */
export function evaluate(cond: Condition, view: View, params: Record<string, unknown>): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluate(c, view, params));
  if ('any' in cond) return cond.any.some((c) => evaluate(c, view, params));
  if ('not' in cond) return !evaluate(cond.not, view, params);
  const actual = 'path' in cond ? view.get(cond.path) : params[(cond as { param: string }).param];
  for (const op of OPERATORS) {
    if (op in cond) {
      // `$params.` values were substituted when the rule was prepared (see prepareCondition)
      const expected = (cond as Record<string, unknown>)[op];
      try {
        if (!applyOperator(op, actual, expected)) return false;
      } catch (err) {
        // say which attribute of which entity was too long
        if (err instanceof MatchTextTooLong) throw new MatchTextTooLong(err.length, 'path' in cond ? cond.path : `$params.${(cond as { param: string }).param}`, view);
        throw err;
      }
    }
  }
  return true;
}

/** Every attribute path a condition reads, for default evidence. */
export function pathsOf(cond: Condition | undefined, out: string[] = []): string[] {
  if (!cond) return out;
  if ('all' in cond) cond.all.forEach((c) => pathsOf(c, out));
  else if ('any' in cond) cond.any.forEach((c) => pathsOf(c, out));
  else if ('not' in cond) pathsOf(cond.not, out);
  else if ('path' in cond && !out.includes(cond.path)) out.push(cond.path);
  return out;
}

/** Parameter names a condition refers to (as `$params.x` values or `param:`). */
export function paramRefs(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (isParamRef(value)) out.add(value.slice('$params.'.length));
  else if (Array.isArray(value)) value.forEach((v) => paramRefs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'param' && typeof v === 'string') out.add(v);
      else paramRefs(v, out);
    }
  }
  return out;
}
