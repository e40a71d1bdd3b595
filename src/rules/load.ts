/**
 * Loads rule files: YAML with positions, the rule schema, then the checks a schema cannot
 * make (conditions well formed, attribute paths that exist, a known function with valid
 * options, parameters that exist, message placeholders that can be filled). A rule file with
 * any problem is an error at its own file:line:col; nothing is skipped.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { compiledValidator } from '../source/validators.js';
import { didYouMean, InputError, sortDiagnostics, type Diagnostic } from '../source/errors.js';
import { displayPath } from '../source/files.js';
import { loadSchema, PACKAGE_ROOT, schemaDiagnostics, validatorFor, VALIDATORS_DIR } from '../source/schema.js';
import { PositionIndex, type Location } from '../source/location.js';
import { readYamlFile } from '../source/yaml.js';
import { readErrorText } from '../source/read-checked.js';
import type { Category, Severity } from '../findings/types.js';
import { COMPUTED, SELECTABLE_TYPES, type SelectableType } from './attributes.js';
import { POLICY_CHANGE_FIELDS } from './policy-changes.js';
import { OPERATORS, isParamRef, paramRefs, type Condition } from './conditions.js';
import { checkPattern } from './regex.js';
import type { FunctionRegistry, RuleFunction } from './function.js';
import { compareBy } from '../base/compare.js';

export const BUILTIN_RULES_DIR = path.join(PACKAGE_ROOT, 'rules');

export interface ParamDef {
  default: unknown;
  description: string;
  type?: 'number' | 'integer' | 'string' | 'boolean' | 'array';
}

export interface Reference {
  source: string;
  id: string;
  title?: string;
  url?: string;
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  rationale: string;
  references: Reference[];
  tags: string[];
  params: Record<string, ParamDef>;
  select: { type: SelectableType; where?: Condition }[];
  check?: { function: string; options: Record<string, unknown> };
  /**
   * Message templates by message id (at least one). A rule written with `message:` has one,
   * under the rule's own id; a function result names the id of its message (`messageId`), or
   * the rule has exactly one.
   */
  messages: Record<string, string>;
  /** The main template, for displays: the one under the rule's id, else the first. */
  message: string;
  remediation: string;
  helpUri?: string;
  /**
   * Parameters used as the pattern of a `matches` condition. Their values come from the rule
   * (its default) or the configuration file, never from the inventory, and are checked as
   * patterns (see regex.ts).
   */
  patternParams?: string[];
  /** Where the rule was read from. */
  source: { file: string; builtin: boolean };
  /** Position of the rule's own nodes, for errors in parameter overrides and the like. */
  location: Location;
}

/** Attribute names a path may start with, per entity type (from the inventory schema). */
function schemaProperties(type: SelectableType | 'grant'): string[] {
  const defs = (loadSchema('inventory') as { definitions: Record<string, { properties?: Record<string, { items?: { properties?: object } }> }> }).definitions;
  if (type === 'forbidden-flow') return Object.keys((defs.policy!.properties!.forbiddenFlows!.items!.properties ?? {}) as object);
  if (type === 'policy-change') return [...POLICY_CHANGE_FIELDS];
  if (type === 'grant') return Object.keys((defs.person!.properties!.access!.items!.properties ?? {}) as object);
  return Object.keys(defs[type]?.properties ?? {});
}

/** Computed attributes a condition on `type` may read; a grant's come from the function whose option the condition is. */
function computedFor(type: SelectableType | 'grant', grantAttributes: readonly string[] = []): readonly string[] {
  return type === 'grant' ? grantAttributes : Object.keys(COMPUTED[type]);
}

const PLACEHOLDER = /\{\{\s*([^}\s]+)\s*\}\}/g;

interface Ctx {
  positions: PositionIndex;
  diagnostics: Diagnostic[];
  fallback: Location;
  params: Record<string, ParamDef>;
  /** Parameters that a `matches` condition takes its pattern from. */
  patternParams: Set<string>;
  /** Computed attributes of access grants, while validating the conditions of a function that takes grants. */
  grantAttributes?: readonly string[];
}

/** A pattern problem as a diagnostic; `origin` says where the pattern came from, for the message. */
export function patternDiagnostic(pattern: string, location: Location | undefined, origin = 'regular expression'): Diagnostic | undefined {
  const problem = checkPattern(pattern);
  if (!problem) return undefined;
  return { code: problem.code, message: `${origin} ${JSON.stringify(pattern)}: ${problem.message}`, location, data: { pattern } };
}

function validateCondition(cond: unknown, type: SelectableType | 'grant', ctx: Ctx, usedPaths: Set<string>): void {
  if (!cond || typeof cond !== 'object' || Array.isArray(cond)) return; // the schema reported it
  const c = cond as Record<string, unknown>;
  const at = (field?: string) => ctx.positions.locate(c, field) ?? ctx.fallback;
  const forms = ['all', 'any', 'not', 'path', 'param'].filter((k) => k in c);
  if (forms.length !== 1) {
    ctx.diagnostics.push({
      code: 'rule-condition',
      message: forms.length === 0 ? 'a condition needs one of all, any, not, path or param' : `a condition takes one of all, any, not, path or param, found ${forms.join(' and ')}`,
      location: at(),
    });
    return;
  }
  const form = forms[0]!;
  const ops = OPERATORS.filter((op) => op in c);
  if (form === 'all' || form === 'any') {
    if (ops.length) ctx.diagnostics.push({ code: 'rule-condition', message: `"${form}" cannot be combined with the operator "${ops[0]}"; put the comparison in its own condition`, location: at(ops[0]) });
    for (const sub of (c[form] as unknown[]) ?? []) validateCondition(sub, type, ctx, usedPaths);
    return;
  }
  if (form === 'not') {
    if (ops.length) ctx.diagnostics.push({ code: 'rule-condition', message: `"not" cannot be combined with the operator "${ops[0]}"`, location: at(ops[0]) });
    validateCondition(c.not, type, ctx, usedPaths);
    return;
  }
  if (ops.length === 0) {
    ctx.diagnostics.push({ code: 'rule-condition', message: `condition on ${form} "${String(c[form])}" has no operator; expected one of: ${OPERATORS.join(', ')}`, location: at() });
  }
  if (form === 'path') {
    const p = String(c.path);
    const head = p.split('.')[0]!;
    if (head.startsWith('$') && head !== '$entityType') {
      const known = computedFor(type, ctx.grantAttributes);
      if (!known.includes(head)) {
        const s = didYouMean(head, known);
        ctx.diagnostics.push({
          code: 'rule-unknown-attribute',
          message: `unknown computed attribute "${head}" for ${type}${s ? ` (did you mean "${s}"?)` : known.length ? `; expected one of: ${known.join(', ')}` : `; ${type} has none`}`,
          location: ctx.positions.locateValue(c, 'path') ?? at(),
        });
      }
    } else if (head !== 'id' && head !== '$entityType') {
      const known = schemaProperties(type);
      if (!known.includes(head)) {
        const s = didYouMean(head, known);
        ctx.diagnostics.push({
          code: 'rule-unknown-attribute',
          message: `${type} has no attribute "${head}"${s ? ` (did you mean "${s}"?)` : `; expected one of: ${known.join(', ')}`}`,
          location: ctx.positions.locateValue(c, 'path') ?? at(),
        });
      }
    }
    usedPaths.add(p);
  } else {
    const name = String(c.param);
    if (!(name in ctx.params)) {
      const s = didYouMean(name, Object.keys(ctx.params));
      ctx.diagnostics.push({ code: 'rule-unknown-param', message: `condition refers to parameter "${name}", which the rule does not declare${s ? ` (did you mean "${s}"?)` : ''}`, location: ctx.positions.locateValue(c, 'param') ?? at() });
    }
  }
  for (const op of ops) {
    const v = c[op];
    if (typeof v === 'string' && ['in', 'notIn', 'containsAny', 'gt', 'gte', 'lt', 'lte'].includes(op) && !isParamRef(v)) {
      ctx.diagnostics.push({ code: 'rule-condition', message: `"${op}" takes ${['gt', 'gte', 'lt', 'lte'].includes(op) ? 'a number' : 'a list'} or $params.name, found "${v}"`, location: ctx.positions.locateValue(c, op) ?? at(op) });
    }
    if (op === 'matches' && typeof v === 'string') {
      if (isParamRef(v)) ctx.patternParams.add(v.slice('$params.'.length));
      else {
        const d = patternDiagnostic(v, ctx.positions.locateValue(c, op) ?? at(op));
        if (d) ctx.diagnostics.push(d);
      }
    }
  }
}

function checkParamRefs(value: unknown, owner: object, field: string, ctx: Ctx): void {
  for (const name of paramRefs(value)) {
    if (!(name in ctx.params)) {
      const s = didYouMean(name, Object.keys(ctx.params));
      ctx.diagnostics.push({
        code: 'rule-unknown-param',
        message: `"$params.${name}" refers to a parameter the rule does not declare${s ? ` (did you mean "${s}"?)` : Object.keys(ctx.params).length ? `; declared: ${Object.keys(ctx.params).join(', ')}` : '; it declares none'}`,
        location: ctx.positions.locate(owner, field) ?? ctx.fallback,
      });
    }
  }
}

const optionValidators = new Map<string, ValidateFunction>();
function optionsValidator(fn: string, schema: object): ValidateFunction {
  let v = optionValidators.get(fn);
  if (!v) {
    v = compiledValidator(VALIDATORS_DIR, `function-${fn}`, schema);
    optionValidators.set(fn, v);
  }
  return v;
}

export function paramType(def: ParamDef): ParamDef['type'] {
  if (def.type) return def.type;
  const d = def.default;
  if (Array.isArray(d)) return 'array';
  if (typeof d === 'number') return Number.isInteger(d) ? 'number' : 'number';
  if (typeof d === 'boolean') return 'boolean';
  return 'string';
}

export function valueHasType(v: unknown, t: ParamDef['type']): boolean {
  switch (t) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    default:
      return typeof v === 'string';
  }
}

/** A rule file as written, once its schema holds. */
type RawRule = Record<string, unknown> & {
  id: string;
  params?: Record<string, ParamDef>;
  select: unknown;
  check?: { function: string; options?: Record<string, unknown> };
  message?: string;
  messages?: Record<string, string>;
};

type Selection = { type: SelectableType; where?: Condition };

/** Reads and validates one rule file against the functions it may name. */
export function loadRuleFile(
  abs: string,
  cwd: string,
  builtin: boolean,
  functions: FunctionRegistry,
  positions = new PositionIndex(),
  readText?: (abs: string) => string,
): { rule?: Rule; diagnostics: Diagnostic[] } {
  const display = displayPath(abs, cwd);
  const fallback = { file: display, line: 1, column: 1 };
  const read = readRuleFile(abs, display, positions, fallback, readText);
  if (!read.raw) return { diagnostics: read.diagnostics };
  const r = read.raw;
  const diagnostics = read.diagnostics;
  const ctx: Ctx = { positions, diagnostics, fallback, params: r.params ?? {}, patternParams: new Set() };
  const expectedId = path.basename(abs).replace(/\.ya?ml$/, '');
  if (r.id !== expectedId) {
    diagnostics.push({ code: 'rule-id-mismatch', message: `rule id "${r.id}" differs from its file name; expected "${expectedId}" (or rename the file to ${r.id}.yaml)`, location: positions.locateValue(r, 'id') ?? fallback });
  }
  checkParamDefaults(ctx);
  const selections = (Array.isArray(r.select) ? r.select : [r.select]) as Selection[];
  const usedPaths = validateSelections(selections, ctx);
  const fn = r.check ? checkFunction(r.check, selections, functions, ctx) : undefined;
  checkPatternParams(ctx);
  const messages = r.messages ?? { [r.id]: r.message! };
  const messagesAt = (id: string) => (r.messages ? positions.locateValue(r.messages, id) : positions.locateValue(r, 'message')) ?? fallback;
  checkMessageIds(Object.keys(messages), fn?.messageIds, r.check?.function, r.messages ? (id) => positions.locate(r.messages!, id) ?? fallback : () => positions.locateValue(r, 'message') ?? fallback, diagnostics);
  const available = { dataKeys: fn?.dataKeys ?? [], usedPaths, params: ctx.params, computed: selections.flatMap((sel) => computedFor(sel.type)) };
  for (const [id, template] of Object.entries(messages)) diagnostics.push(...placeholderProblems(template, available, messagesAt(id)));
  if (diagnostics.length) return { diagnostics };
  return { rule: buildRule(r, { selections, messages, ctx, display, builtin }), diagnostics: [] };
}

/** The file read and its schema checked: the rule as written, or the diagnostics that stop it. */
function readRuleFile(abs: string, display: string, positions: PositionIndex, fallback: Location, readText?: (abs: string) => string): { raw?: RawRule; diagnostics: Diagnostic[] } {
  const read = readYamlFile(abs, display, positions, readText);
  if (read.error) {
    return { diagnostics: [{ code: 'read-error', message: `cannot read rule file: ${readErrorText(read.error, abs)}`, location: fallback }] };
  }
  const diagnostics = [...read.diagnostics];
  if (diagnostics.some((d) => d.code.startsWith('yaml-'))) return { diagnostics };
  const raw = read.value;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { diagnostics: [...diagnostics, { code: 'rule-not-a-mapping', message: 'a rule file must hold a mapping with id, title, severity, category, rationale, select, message and remediation', location: fallback }] };
  }
  const validate = validatorFor('rule');
  const presence = messagePresence(raw as Record<string, unknown>, positions, fallback);
  if (!validate(raw)) {
    if (presence) diagnostics.push(presence);
    diagnostics.push(...schemaDiagnostics(validate.errors ?? [], raw, { labels: {}, positions, fallback, schema: loadSchema('rule'), rootLabel: 'the rule' }));
    // conditions nested in oneOf give noisy errors; the semantic checks are skipped
    return { diagnostics: dedupeOneOf(diagnostics) };
  }
  if (presence) return { diagnostics: [...diagnostics, presence] };
  return { raw: raw as RawRule, diagnostics };
}

/** Declared parameter types hold for their defaults. */
function checkParamDefaults(ctx: Ctx): void {
  for (const [name, def] of Object.entries(ctx.params)) {
    if (def.type && !valueHasType(def.default, def.type)) {
      ctx.diagnostics.push({ code: 'rule-param-type', message: `parameter "${name}" is declared ${def.type} but its default is ${JSON.stringify(def.default)}`, location: ctx.positions.locateValue(def, 'default') ?? ctx.fallback });
    }
  }
}

/** The `where` of each selection; returns the attribute paths they read (placeholders may name them). */
function validateSelections(selections: Selection[], ctx: Ctx): Set<string> {
  const usedPaths = new Set<string>();
  for (const s of selections) {
    if (s.where) {
      validateCondition(s.where, s.type, ctx, usedPaths);
      checkParamRefs(s.where, s, 'where', ctx);
    }
  }
  return usedPaths;
}

/** The rule's `check`: a function of the registry that applies to its selections, with valid options. */
function checkFunction(check: NonNullable<RawRule['check']>, selections: Selection[], functions: FunctionRegistry, ctx: Ctx): RuleFunction<object> | undefined {
  const { positions, diagnostics, fallback } = ctx;
  const fn = functions.get(check.function);
  if (!fn) {
    const s = didYouMean(check.function, functions.keys());
    diagnostics.push({
      code: 'rule-unknown-function',
      message: `unknown function "${check.function}"${s ? ` (did you mean "${s}"?)` : `; expected one of: ${[...functions.keys()].sort().join(', ')}`}`,
      location: positions.locateValue(check, 'function') ?? fallback,
    });
    return undefined;
  }
  for (const s of selections) {
    if (!fn.appliesTo.includes(s.type)) {
      diagnostics.push({
        code: 'rule-function-type',
        message: `function "${fn.name}" does not apply to ${s.type}; it takes ${fn.appliesTo.join(', ')}`,
        location: positions.locateValue(s, 'type') ?? fallback,
      });
    }
  }
  const options = check.options ?? {};
  const v = optionsValidator(fn.name, fn.optionsSchema);
  if (!v(options)) {
    diagnostics.push(
      ...schemaDiagnostics(v.errors ?? [], options, {
        labels: {},
        positions,
        fallback: positions.locate(check) ?? fallback,
        schema: fn.optionsSchema,
        rootLabel: `the options of function "${fn.name}"`,
      }),
    );
  }
  for (const [key, ctype] of Object.entries(fn.conditionOptions ?? {})) {
    if (options[key] !== undefined) validateCondition(options[key], ctype, { ...ctx, grantAttributes: fn.grantAttributes }, new Set());
  }
  if (check.options) checkParamRefs(check.options, check, 'options', ctx);
  return fn;
}

/** Parameters that hold a pattern: a string default, itself a safe pattern. */
function checkPatternParams(ctx: Ctx): void {
  for (const name of ctx.patternParams) {
    const def = Object.hasOwn(ctx.params, name) ? ctx.params[name] : undefined;
    if (!def) continue; // reported as an unknown parameter
    const at = ctx.positions.locateValue(def, 'default') ?? ctx.fallback;
    if (typeof def.default !== 'string' || (def.type && def.type !== 'string')) {
      ctx.diagnostics.push({ code: 'rule-param-type', message: `parameter "${name}" is the pattern of a matches condition, so it must be a string; its default is ${JSON.stringify(def.default)}${def.type ? ` and its type ${def.type}` : ''}`, location: at });
      continue;
    }
    const d = patternDiagnostic(def.default, at, `the default of pattern parameter "${name}" is`);
    if (d) ctx.diagnostics.push(d);
  }
}

/** The rule as the engine takes it, from a file whose checks all hold. */
function buildRule(r: RawRule, made: { selections: Selection[]; messages: Record<string, string>; ctx: Ctx; display: string; builtin: boolean }): Rule {
  const { ctx, messages } = made;
  return {
    id: r.id,
    title: r.title as string,
    severity: r.severity as Severity,
    category: r.category as Category,
    rationale: String(r.rationale).trim(),
    references: (r.references as Reference[] | undefined) ?? [],
    tags: (r.tags as string[] | undefined) ?? [],
    params: ctx.params,
    select: made.selections,
    check: r.check ? { function: r.check.function, options: r.check.options ?? {} } : undefined,
    messages: Object.fromEntries(Object.entries(messages).map(([id, t]) => [id, t.trim()])),
    message: (messages[r.id] ?? Object.values(messages)[0]!).trim(),
    remediation: String(r.remediation).trim(),
    helpUri: r.helpUri as string | undefined,
    ...(ctx.patternParams.size ? { patternParams: [...ctx.patternParams].sort() } : {}),
    source: { file: made.display, builtin: made.builtin },
    location: ctx.positions.locate(r) ?? ctx.fallback,
  };
}

/** A rule gives its message as `message` or as `messages`: one of them, not both. */
function messagePresence(raw: Record<string, unknown>, positions: PositionIndex, fallback: Location): Diagnostic | undefined {
  const has = (k: string) => Object.hasOwn(raw, k);
  if (has('message') && has('messages')) {
    return { code: 'rule-message', message: 'the rule has both "message" and "messages"; give one template as message, or several by id as messages', location: positions.locate(raw, 'messages') ?? fallback };
  }
  if (!has('message') && !has('messages')) {
    return { code: 'schema-required', message: 'the rule is missing required property "message" (or "messages", templates by message id)', location: positions.locate(raw) ?? fallback, data: { keyword: 'required', instancePath: '' } };
  }
  return undefined;
}

/**
 * The message ids a rule declares against those its function names (`messageIds`): a
 * function that names none needs exactly one message; one that names some needs a message for
 * each, and no other.
 */
function checkMessageIds(declared: string[], named: readonly string[] | undefined, fn: string | undefined, at: (id: string) => Location, diagnostics: Diagnostic[]): void {
  const who = fn ? `function "${fn}"` : 'a rule without a function';
  if (!named) {
    if (declared.length > 1) {
      diagnostics.push({ code: 'rule-message-id', message: `the rule declares ${declared.length} messages (${declared.join(', ')}), but ${who} names no message id; give one message`, location: at(declared[1]!), data: { messageIds: declared } });
    }
    return;
  }
  for (const id of named) {
    if (!declared.includes(id)) {
      diagnostics.push({ code: 'rule-message-id', message: `${who} reports message id "${id}", which the rule does not declare; declared: ${declared.join(', ')}`, location: at(declared[0]!), data: { messageId: id } });
    }
  }
  for (const id of declared) {
    if (!named.includes(id)) {
      const s = didYouMean(id, named);
      diagnostics.push({ code: 'rule-message-id', message: `message id "${id}" is never reported by ${who}${s ? ` (did you mean "${s}"?)` : `; it reports: ${named.join(', ')}`}`, location: at(id), data: { messageId: id } });
    }
  }
}

/** What a message template may name: the function's data keys, paths the rule's conditions read, parameters, computed attributes. */
interface Placeholders {
  dataKeys: readonly string[];
  usedPaths: Set<string>;
  params: Record<string, ParamDef>;
  computed: string[];
}

/** The placeholders of a template that cannot be filled. */
function placeholderProblems(template: string, available: Placeholders, location: Location): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { dataKeys, usedPaths, params } = available;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const key = m[1]!;
    const head = key.split('.')[0]!;
    const ok =
      ['id', 'name', 'type', 'entity'].includes(head) ||
      (head === 'params' && key.split('.')[1]! in params) ||
      dataKeys.includes(key) ||
      usedPaths.has(key) ||
      (head.startsWith('$') && available.computed.includes(head));
    if (!ok) {
      const candidates = ['id', 'name', 'type', ...dataKeys, ...usedPaths, ...Object.keys(params).map((p) => `params.${p}`)];
      const s = didYouMean(key, candidates);
      out.push({
        code: 'rule-placeholder',
        message: `message placeholder "{{${key}}}" cannot be filled${s ? ` (did you mean "{{${s}}}"?)` : `; available: ${candidates.join(', ')}`}`,
        location,
      });
    }
  }
  return out;
}

function dedupeOneOf(list: Diagnostic[]): Diagnostic[] {
  // ajv reports a oneOf failure plus each branch's errors; keep the branch errors.
  const specific = list.filter((d) => d.data?.keyword !== 'oneOf');
  return specific.length ? specific : list;
}

/** Rule files in a directory (not recursive), sorted; `*.test.yaml` files hold rule tests. */
export function ruleFilesIn(dir: string, list: (dir: string) => string[] = (d) => readdirSync(d)): string[] {
  return list(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !/\.test\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** How user rule directories are read: the file system, or a policy gate's base (a git revision). */
export interface RulesFs {
  isDirectory: (abs: string) => boolean;
  /** Names of the files directly in a directory. */
  list: (absDir: string) => string[];
  readText: (abs: string) => string;
}

/** Loads the built-in pack and any user rule directories. Throws InputError with every problem. */
export function loadRules(options: { cwd: string; functions: FunctionRegistry; dirs?: string[]; builtin?: boolean; fs?: RulesFs }): Rule[] {
  const diagnostics: Diagnostic[] = [];
  const rules: Rule[] = [];
  const seen = new Map<string, Rule>();
  const dirs: { dir: string; builtin: boolean }[] = [];
  if (options.builtin !== false) dirs.push({ dir: BUILTIN_RULES_DIR, builtin: true });
  for (const d of options.dirs ?? []) dirs.push({ dir: path.resolve(options.cwd, d), builtin: false });
  for (const { dir, builtin } of dirs) {
    const fs = builtin ? undefined : options.fs;
    let isDir = false;
    try {
      isDir = fs ? fs.isDirectory(dir) : statSync(dir).isDirectory();
    } catch {
      /* missing */
    }
    if (!isDir) {
      diagnostics.push({ code: 'rules-dir-missing', message: `rule directory "${displayPath(dir, options.cwd)}" does not exist or is not a directory` });
      continue;
    }
    for (const f of ruleFilesIn(dir, fs?.list)) {
      const { rule, diagnostics: d } = loadRuleFile(f, options.cwd, builtin, options.functions, undefined, fs?.readText);
      diagnostics.push(...d);
      if (!rule) continue;
      const prev = seen.get(rule.id);
      if (prev) {
        diagnostics.push({ code: 'rule-duplicate-id', message: `rule "${rule.id}" is already defined in ${prev.source.file}; rule ids must be unique`, location: rule.location });
        continue;
      }
      seen.set(rule.id, rule);
      rules.push(rule);
    }
  }
  if (diagnostics.length) throw new InputError(sortDiagnostics(diagnostics));
  return rules.sort(compareBy((r) => r.id));
}

export { SELECTABLE_TYPES };
