/**
 * JSON Schema validation of parsed YAML, with every ajv error turned into a diagnostic
 * at the file, line and column of the offending key or value.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compiledValidator } from './validators.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { didYouMean, type Diagnostic } from './errors.js';
import type { Location, PositionIndex } from './location.js';

import { PACKAGE_ROOT } from './package.js';
export { PACKAGE_ROOT };
export const SCHEMA_DIR = path.join(PACKAGE_ROOT, 'schemas');

export type SchemaKind = 'inventory' | 'rule' | 'config' | 'report' | 'rule-test';

const schemaCache = new Map<SchemaKind, object>();
export function loadSchema(kind: SchemaKind): object {
  let s = schemaCache.get(kind);
  if (!s) {
    s = JSON.parse(readFileSync(path.join(SCHEMA_DIR, `${kind}.schema.json`), 'utf8')) as object;
    schemaCache.set(kind, s);
  }
  return s;
}

const validators = new Map<SchemaKind, ValidateFunction>();
/** Where `npm run build` puts precompiled validators. */
export const VALIDATORS_DIR = path.join(PACKAGE_ROOT, 'dist', 'validators');

/** A compiled validator for one of seglint's schemas (precompiled, or compiled once per process). */
export function validatorFor(kind: SchemaKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    v = compiledValidator(VALIDATORS_DIR, kind, loadSchema(kind));
    validators.set(kind, v);
  }
  return v;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 60 ? value.slice(0, 57) + '...' : value}"`;
  return `${typeof value} ${String(value)}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

/** Resolves a JSON pointer against a value, returning the chain of containers walked. */
function walk(root: unknown, pointer: string): { parents: { node: object; key: string }[]; value: unknown } {
  const parts =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const parents: { node: object; key: string }[] = [];
  let cur: unknown = root;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') break;
    parents.push({ node: cur, key: p });
    cur = (cur as Record<string, unknown>)[p];
  }
  return { parents, value: cur };
}

/**
 * Splits the walked path into a human name for the entity (`asset "scanner-1"`, or `the file`
 * for top-level keys) and the property path inside it (`accessControl.badge`).
 */
function place(
  parents: { node: object; key: string }[],
  root: unknown,
  labels: Record<string, string>,
  rootLabel = 'the file',
): { where: string; prop: string } {
  const keyOf = (p: { node: object; key: string }) => (Array.isArray(p.node) ? `[${p.key}]` : p.key);
  const join = (ps: { node: object; key: string }[]) => ps.map(keyOf).join('.').replace(/\.\[/g, '[');
  if (parents.length >= 2 && parents[0]!.node === root && Array.isArray(parents[1]!.node)) {
    const section = parents[0]!.key;
    const index = Number(parents[1]!.key);
    const item = (parents[1]!.node as unknown[])[index] as Record<string, unknown> | undefined;
    const label = labels[section] ?? section;
    const id = item && typeof item === 'object' ? (item.id ?? item.country) : undefined;
    const where = typeof id === 'string' && id ? `${label} "${id}"` : `${label} #${index + 1}`;
    return { where, prop: join(parents.slice(2)) };
  }
  return { where: rootLabel, prop: join(parents) };
}

export interface SchemaErrorOptions {
  /** Section name -> singular label used in messages (assets -> asset). */
  labels: Record<string, string>;
  positions: PositionIndex;
  fallback: Location;
  /** Schema used for did-you-mean on unknown properties. */
  schema: object;
  /** How to name the validated value itself in messages (default: the file). */
  rootLabel?: string;
}

/** Converts ajv errors into diagnostics with places and readable messages. */
export function schemaDiagnostics(errors: ErrorObject[], root: unknown, opts: SchemaErrorOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
    const { parents, value } = walk(root, err.instancePath);
    const last = parents[parents.length - 1];
    const { where, prop } = place(parents, root, opts.labels, opts.rootLabel);
    const described = messageFor(err, value, where, prop, opts.positions);
    const message = described.message;
    let location = described.location;
    if (!location && last)
      location = opts.positions.locateValue(last.node, Array.isArray(last.node) ? Number(last.key) : last.key);
    if (!location) location = opts.fallback;
    const key = `${location.line}:${location.column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      code: `schema-${err.keyword}`,
      message,
      location,
      data: { keyword: err.keyword, instancePath: err.instancePath },
    });
  }
  return out;
}

/** The message of one ajv error; its place too when the keyword names a property (an unknown one, a missing one). */
function messageFor(
  err: ErrorObject,
  value: unknown,
  where: string,
  prop: string,
  positions: PositionIndex,
): { message: string; location?: Location } {
  const at = prop ? `"${prop}" of ${where}` : where;
  switch (err.keyword) {
    case 'additionalProperties': {
      const name = String((err.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = didYouMean(name, allowed);
      const location = value && typeof value === 'object' ? positions.locate(value, name) : undefined;
      return {
        location,
        message: `unknown property "${name}" in ${prop ? `"${prop}" of ` : ''}${where}${suggestion ? ` (did you mean "${suggestion}"?)` : `; expected one of: ${allowed.join(', ')}`}`,
      };
    }
    case 'required': {
      const name = String((err.params as { missingProperty: string }).missingProperty);
      const location = value && typeof value === 'object' ? positions.locate(value) : undefined;
      return { location, message: `${prop ? `"${prop}" of ` : ''}${where} is missing required property "${name}"` };
    }
    case 'type': {
      const expected = String((err.params as { type: string }).type);
      return {
        message: `${at} must be ${expected === 'array' ? 'a list' : expected === 'object' ? 'a mapping' : expected === 'integer' ? 'an integer' : `a ${expected}`}, found ${typeName(value)}${typeof value === 'object' ? '' : ` (${describe(value)})`}`,
      };
    }
    case 'enum': {
      const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const suggestion = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      return {
        message: `${at} is ${describe(value)}, expected one of: ${allowed.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      };
    }
    case 'const': {
      const allowed = (err.params as { allowedValue: unknown }).allowedValue;
      return {
        message:
          prop === 'seglint'
            ? `unsupported format version ${JSON.stringify(value)}; this seglint reads "seglint: ${String(allowed)}"`
            : `${at} must be ${JSON.stringify(allowed)}, found ${describe(value)}`,
      };
    }
    case 'pattern': {
      const expected = /definitions\/date/.test(err.schemaPath)
        ? 'a date YYYY-MM-DD'
        : /definitions\/country/.test(err.schemaPath)
          ? 'a two-letter upper-case country code (ISO 3166-1, e.g. NL)'
          : /definitions\/id/.test(err.schemaPath)
            ? 'an id of letters, digits, ".", "_" and "-", starting with a letter or digit'
            : `text matching ${(err.params as { pattern: string }).pattern}`;
      return { message: `${at} is ${describe(value)}, expected ${expected}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const p = err.params as { comparison: string; limit: number };
      return { message: `${at} is ${describe(value)}, expected a number ${p.comparison} ${p.limit}` };
    }
    case 'minItems': {
      const p = err.params as { limit: number };
      return { message: `${at} has ${Array.isArray(value) ? value.length : 0} item(s), expected at least ${p.limit}` };
    }
    case 'uniqueItems': {
      const p = err.params as { i: number; j: number };
      return {
        message: `${at} lists ${describe((value as unknown[])[p.i])} twice (items ${p.j + 1} and ${p.i + 1}); expected each item once`,
      };
    }
    case 'minLength': {
      return { message: `${at} is empty, expected a non-empty string` };
    }
    default:
      return { message: `${at} ${err.message ?? 'is invalid'}` };
  }
}
