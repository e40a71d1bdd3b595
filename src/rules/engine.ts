/**
 * The rule engine: for each rule, resolve its parameters, select entities, run its function
 * (or take every selected entity as a finding), and turn each result into a Finding with a
 * place, a message, evidence and a fingerprint. Rules report entities; the engine finds
 * positions. Nothing here prints or exits.
 */
import { createHash } from 'node:crypto';
import { didYouMean, InputError, type Diagnostic } from '../source/errors.js';
import type { FunctionContext, FunctionRegistry, FunctionResult } from './function.js';
import type { Model } from '../graph/model.js';
import type { Location } from '../source/location.js';
import { compareFindings, type Finding, type RelatedRef, type Severity } from '../findings/types.js';
import type { WaiverRecord } from '../findings/waivers.js';
import { entitiesOf, EntityView, waiverRegister, type Entity, type RunInputs, type SelectableType } from './attributes.js';
import type { PolicyChange } from './policy-changes.js';
import { evaluate, getPath, pathsOf, prepareCondition, substituteParams, type Condition } from './conditions.js';
import { paramType, patternDiagnostic, valueHasType, type Rule } from './load.js';
import { MatchTextTooLong, MAX_MATCH_TEXT, PatternError } from './regex.js';
import { canonical } from '../base/canonical.js';
import type { RuleSetting } from './setting.js';

export interface EngineOptions {
  today: string;
  /** The functions rules may name (the built-in registry is src/functions/index.ts). */
  functions: FunctionRegistry;
  /** The waiver register, once waivers have been applied (for rules about waivers, which run after the others). */
  waivers?: readonly WaiverRecord[];
  /** In gating mode: what the change does to its gate's policy (the policy-change entities). */
  policyChanges?: readonly PolicyChange[];
  settings?: Record<string, RuleSetting>;
  /** Called before and after each rule (progress, timings). */
  onRule?: (rule: Rule, phase: 'start' | 'end', findings: number) => void;
}

export interface RuleRun {
  rule: Rule;
  severity: Severity;
  params: Record<string, unknown>;
  findings: number;
  ms: number;
}

export function fingerprint(ruleId: string, entity: { type: string; id: string }, key?: string): string {
  return createHash('sha256')
    .update(JSON.stringify([ruleId, entity.type, entity.id, key ?? '']))
    .digest('hex')
    .slice(0, 32);
}

function render(template: string, lookup: (key: string) => unknown): string {
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, key: string) => {
    const v = lookup(key);
    if (v === undefined || v === null) return '(none)';
    if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : '(none)';
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  });
}

const INVENTORY = 'the inventory policy';

/**
 * The inventory may not set a parameter that is the pattern of a `matches` condition: the
 * inventory is the text under review, and a pattern from it could hang the run or switch the
 * check off. Patterns come from the rule's default or the configuration file.
 */
export function patternFromInventory(ruleId: string, param: string, location: Location | undefined): Diagnostic {
  return {
    code: 'param-pattern-from-inventory',
    message: `the inventory policy sets parameter "${param}" of rule "${ruleId}", which is a regular expression; patterns come from the rule or the configuration file (rules.${ruleId}.params.${param} in seglint.config.yaml), never from the inventory`,
    location,
    data: { rule: ruleId, param },
  };
}

/** Effective parameters: rule defaults, then the inventory's policy.params, then the configuration. */
export function resolveParams(rule: Rule, model: Model, setting: RuleSetting | undefined, diagnostics: Diagnostic[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(rule.params)) params[k] = d.default;
  const apply = (over: Record<string, unknown> | undefined, origin: string, locate: (k: string) => Location | undefined) => {
    for (const [k, v] of Object.entries(over ?? {})) {
      const def = Object.hasOwn(rule.params, k) ? rule.params[k] : undefined;
      if (!def) {
        const s = didYouMean(k, Object.keys(rule.params));
        diagnostics.push({
          code: 'param-unknown',
          message: `${origin} sets parameter "${k}" of rule "${rule.id}", which has no such parameter${s ? ` (did you mean "${s}"?)` : Object.keys(rule.params).length ? `; it has: ${Object.keys(rule.params).join(', ')}` : '; it has none'}`,
          location: locate(k),
        });
        continue;
      }
      const t = paramType(def);
      if (!valueHasType(v, t)) {
        diagnostics.push({ code: 'param-type', message: `${origin} sets parameter "${k}" of rule "${rule.id}" to ${JSON.stringify(v)}; expected ${t === 'array' ? 'a list' : `a ${t}`}`, location: locate(k) });
        continue;
      }
      if (rule.patternParams?.includes(k)) {
        if (origin === INVENTORY) {
          diagnostics.push(patternFromInventory(rule.id, k, locate(k)));
          continue;
        }
        const d = typeof v === 'string' ? patternDiagnostic(v, locate(k), `${origin} sets parameter "${k}" of rule "${rule.id}" to the regular expression`) : undefined;
        if (d) {
          diagnostics.push(d);
          continue;
        }
      }
      params[k] = v;
    }
  };
  const policyParams = model.inventory.policy.params[rule.id];
  apply(policyParams, INVENTORY, (k) => (policyParams ? model.locate(policyParams, k) : undefined));
  apply(setting?.params, 'the configuration', (k) => setting?.paramLocations?.[k] ?? setting?.location);
  return params;
}

/** Runs the rules over the model. Returns findings sorted by file, line, rule. */
export function runRules(model: Model, rules: Rule[], options: EngineOptions): { findings: Finding[]; runs: RuleRun[] } {
  const diagnostics: Diagnostic[] = [];
  const prepared = rules
    .filter((r) => options.settings?.[r.id]?.enabled !== false)
    .map((rule) => ({ rule, params: resolveParams(rule, model, options.settings?.[rule.id], diagnostics) }));
  if (diagnostics.length) throw new InputError(diagnostics);
  const inputs: RunInputs = { ...(options.waivers ? { waivers: waiverRegister(options.waivers) } : {}), ...(options.policyChanges ? { policyChanges: options.policyChanges } : {}) };
  const run = new EngineRun(model, inputs);
  const findings: Finding[] = [];
  const runs: RuleRun[] = [];
  for (const { rule, params } of prepared) {
    const started = performance.now();
    options.onRule?.(rule, 'start', 0);
    const severity = options.settings?.[rule.id]?.severity ?? rule.severity;
    let made: Finding[];
    try {
      made = run.findingsOf(rule, params, severity, options);
    } catch (err) {
      throw regexFailure(err, rule, model, run.fallbackLocation);
    }
    findings.push(...made);
    runs.push({ rule, severity, params, findings: made.length, ms: performance.now() - started });
    options.onRule?.(rule, 'end', made.length);
  }
  findings.sort(compareFindings);
  return { findings, runs };
}

/** One run of the engine over a model: its entities and views, built once and shared by the rules. */
class EngineRun {
  private readonly byType = new Map<SelectableType, Entity[]>();
  private readonly byId = new Map<SelectableType, Map<string, Entity>>();
  private readonly views = new WeakMap<Entity, EntityView>();
  readonly fallbackLocation: Location;

  constructor(
    private readonly model: Model,
    private readonly inputs: RunInputs,
  ) {
    this.fallbackLocation = { file: model.inventory.files[0]?.path ?? 'inventory', line: 1, column: 1 };
  }

  entities(type: SelectableType): Entity[] {
    let list = this.byType.get(type);
    if (!list) {
      list = entitiesOf(type, this.model, this.inputs) ?? []; // a type with no entities (e.g. an unknown related type)
      this.byType.set(type, list);
      this.byId.set(type, new Map(list.map((e) => [e.id, e])));
    }
    return list;
  }

  entity(type: SelectableType, id: string): Entity | undefined {
    this.entities(type);
    return this.byId.get(type)!.get(id);
  }

  view(e: Entity): EntityView {
    let v = this.views.get(e);
    if (!v) {
      v = new EntityView(e, this.model, this.inputs);
      this.views.set(e, v);
    }
    return v;
  }

  /** A rule's findings: select, run its check, make a finding of each result (once per fingerprint). */
  findingsOf(rule: Rule, params: Record<string, unknown>, severity: Severity, options: EngineOptions): Finding[] {
    const selected = this.select(rule, params);
    const results = this.check(rule, selected, params, options);
    const seen = new Set<string>();
    const out: Finding[] = [];
    for (const r of results) {
      const fp = fingerprint(rule.id, r.entity, r.key);
      if (seen.has(fp)) continue;
      seen.add(fp);
      out.push(this.finding(rule, r, fp, params, severity));
    }
    return out;
  }

  /** The entities of the rule's selections that meet their `where`, each once. */
  private select(rule: Rule, params: Record<string, unknown>): Entity[] {
    const selected: Entity[] = [];
    const seen = new Set<string>();
    const several = rule.select.length > 1;
    for (const s of rule.select) {
      const where = s.where && prepareCondition(s.where, params);
      for (const e of this.entities(s.type)) {
        if (where && !evaluate(where, this.view(e), params)) continue;
        if (several) {
          const k = `${e.type}\u0000${e.id}`;
          if (seen.has(k)) continue;
          seen.add(k);
        }
        selected.push(e);
      }
    }
    return selected;
  }

  /** The rule's function over the selection; without one, every selected entity with the attributes its conditions read. */
  private check(rule: Rule, selected: Entity[], params: Record<string, unknown>, options: EngineOptions): FunctionResult[] {
    if (rule.check) {
      const fn = options.functions.get(rule.check.function);
      if (!fn) throw new Error(`rule "${rule.id}": function "${rule.check.function}" is not in the registry it was loaded with`);
      const ctx: FunctionContext = {
        model: this.model,
        params,
        today: options.today,
        matches: (cond: Condition | undefined, e: Entity) => (cond ? evaluate(cond, this.view(e), params) : true),
        evaluate: (cond, v) => evaluate(cond, v, params),
        view: (e) => this.view(e),
        entity: (type, id) => this.entity(type, id),
        inputs: this.inputs,
      };
      const opts = substituteParams({ ...fn.defaults, ...rule.check.options }, params) as object;
      return fn.run(selected, opts, ctx);
    }
    const usedPaths = [...new Set(rule.select.flatMap((s) => pathsOf(s.where)))];
    return selected.map((e) => {
      const attrs: Record<string, unknown> = {};
      for (const p of usedPaths) {
        const v = this.view(e).get(p);
        attrs[p] = v === undefined ? null : v;
      }
      return { entity: { type: e.type, id: e.id }, data: attrs, evidence: { attributes: attrs } };
    });
  }

  /** A function result as a finding: its place, its message (by message id), related places, evidence. */
  private finding(rule: Rule, r: FunctionResult, fp: string, params: Record<string, unknown>, severity: Severity): Finding {
    const model = this.model;
    const messageId = r.messageId ?? Object.keys(rule.messages)[0]!;
    if (!Object.hasOwn(rule.messages, messageId)) throw new Error(`rule "${rule.id}": function "${rule.check?.function}" reported message id "${messageId}", which the rule does not declare`);
    const e = this.entity(r.entity.type as SelectableType, r.entity.id);
    const obj = e?.obj;
    const location = r.location ?? (r.at ? model.locate(r.at.obj, r.at.field as string | undefined) : undefined) ?? (obj ? model.locate(obj) : undefined) ?? this.fallbackLocation;
    const name = (obj && (obj as { name?: string }).name) || r.entity.id;
    const lookup = (key: string): unknown => {
      if (key in r.data) return r.data[key];
      if (key === 'id') return r.entity.id;
      if (key === 'type') return r.entity.type;
      if (key === 'name') return name;
      if (key.startsWith('params.')) return params[key.slice(7)];
      if (key.startsWith('entity.')) return obj ? getPath(obj, key.slice(7)) : undefined;
      return e ? this.view(e).get(key) : undefined;
    };
    const related: RelatedRef[] = (r.related ?? []).map((rel) => {
      const o = this.entity(rel.type as SelectableType, rel.id)?.obj;
      const loc = o ? model.locate(o) : undefined;
      return loc ? { ...rel, location: loc } : { ...rel };
    });
    return {
      ruleId: rule.id,
      severity,
      category: rule.category,
      messageId,
      message: render(rule.messages[messageId]!, lookup),
      data: { ...r.data, id: r.entity.id, name },
      entity: { type: r.entity.type, id: r.entity.id },
      related,
      location,
      evidence: canonical(r.evidence) as Record<string, unknown>,
      fingerprint: fp,
    };
  }
}

/** A pattern or a text refused while a rule ran, as an input error with a place; anything else as it was. */
function regexFailure(err: unknown, rule: Rule, model: Model, fallback: Location): unknown {
  if (err instanceof PatternError) {
    return new InputError([{ code: err.problem.code, message: `rule "${rule.id}": regular expression ${JSON.stringify(err.pattern)}: ${err.problem.message}`, location: rule.location, data: { pattern: err.pattern } }]);
  }
  if (err instanceof MatchTextTooLong) {
    const entity = (err.view as { entity?: { type: string; id: string; obj: object } } | undefined)?.entity;
    const field = err.path.startsWith('$') ? undefined : err.path.split('.')[0];
    const location = (entity && (model.locate(entity.obj, field) ?? model.locate(entity.obj))) || fallback;
    return new InputError([
      {
        code: 'regex-text-too-long',
        message: `rule "${rule.id}" matches ${entity ? `${entity.type} "${entity.id}" attribute ` : ''}${err.path} against a regular expression, but its text has ${err.length} characters; at most ${MAX_MATCH_TEXT} are matched`,
        location,
        data: { rule: rule.id, path: err.path, length: err.length },
      },
    ]);
  }
  return err;
}
