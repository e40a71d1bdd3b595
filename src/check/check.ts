/**
 * Programmatic API: check(options) -> { findings, rules, inventory, ... }.
 * Loads the inventory, builds the model graph, loads and runs the rules, applies waivers.
 * Pure with respect to the process: it neither prints nor exits.
 */
import path from 'node:path';
import { checkRuleIds, findConfig, loadConfig, type Config } from './config.js';
import { applyWaivers, DEFAULT_MAX_HORIZON_DAYS, type WaiverGate, type WaiverRecord } from '../findings/waivers.js';
import type { PolicyInfo } from '../findings/report.js';
import { compareFindings, type Finding, type Severity } from '../findings/types.js';
import { buildModel, type Model } from '../graph/model.js';
import { todayUtc } from '../source/dates.js';
import { loadInventory, type LoadOptions, type LoadResult } from '../inventory/load.js';
import type { Location, PositionIndex } from '../source/location.js';
import { loadRules, type Rule } from '../rules/load.js';
import { patternFromInventory, resolveParams, runRules, type EngineOptions, type RuleRun } from '../rules/engine.js';
import { FUNCTIONS } from '../functions/index.js';
import { didYouMean, InputError, sortDiagnostics, UsageError } from '../source/errors.js';
import { policyChanges, type PolicyChange } from '../rules/policy-changes.js';
import { openPolicySource, type PolicyFs } from './policy-source.js';
import {
  applyTrustedPolicy,
  ChainedPositions,
  headPolicy,
  loadTrustedPolicy,
  type TrustedPolicy,
} from './trusted-policy.js';
import { displayPath } from '../source/files.js';
import { compareBy } from '../base/compare.js';

export interface CheckOptions extends Partial<Omit<LoadOptions, 'cwd'>> {
  paths: string[];
  cwd: string;
  /** Configuration file; default: seglint.config.yaml next to the first path. `false` for none. */
  config?: string | false;
  /** Extra rule directories (added to the configuration's). */
  rulesDirs?: string[];
  /** Run only these rules. */
  only?: string[];
  /** Do not run these rules (`--skip-rule`); an unknown id is a usage error. */
  skip?: string[];
  /**
   * Today's date (YYYY-MM-DD) for expiry and age checks; default: the current date (UTC). Past-only
   * dates of the inventory after it are load errors (without it: after today in UTC+14).
   */
  today?: string;
  /** Ignore every waiver. */
  noWaivers?: boolean;
  /** Progress callbacks. */
  onPhase?: (phase: string, ms: number) => void;
  onRule?: (rule: Rule, phase: 'start' | 'end', findings: number) => void;
  /** Rules already loaded (for watch mode and diff, which run twice). */
  rules?: Rule[];
  configObject?: Config;
  /** The `--waivers-file` files (also in `paths`): a path base reads them from disk. */
  waiversFiles?: string[];
  /** The fail threshold given on the command line (reported as the policy's; the CLI decides the exit code). */
  failOn?: Severity | 'none';
  /**
   * Gating mode: read configuration, rule directories, the inventory's policy (params,
   * requireMonitoringFor, forbiddenFlows) and waivers from this git revision or path, and
   * report what the change does to them (rule policy-weakened). Entities come from `paths`.
   */
  policyFrom?: string;
  /** The trusted policy, already loaded (diff runs twice with one). */
  policy?: TrustedPolicy;
  /** With `policy`: compare the change's policy with it (default true; false for a base run). */
  comparePolicy?: boolean;
  /** The inventory, already loaded (diff's base run reuses the trusted side's load). */
  loaded?: LoadResult;
}

export interface CheckResult {
  load: LoadResult;
  model: Model;
  rules: Rule[];
  runs: RuleRun[];
  findings: Finding[];
  waivers: WaiverRecord[];
  config: Config;
  today: string;
  timings: Record<string, number>;
  policy: PolicyInfo;
  /** In gating mode: what the change does to the policy (reported by policy-weakened). */
  policyChanges: PolicyChange[];
}

export { todayUtc };

/** Loads configuration and rules once (they do not depend on the inventory's content). */
export function prepare(options: Pick<CheckOptions, 'paths' | 'cwd' | 'config' | 'rulesDirs' | 'only' | 'skip'>): {
  config: Config;
  rules: Rule[];
} {
  const configFile = options.config === false ? undefined : (options.config ?? findConfig(options.paths, options.cwd));
  const config = loadConfig(configFile, options.cwd);
  return { config, rules: rulesFor(config, options, [...config.rulesDirs, ...(options.rulesDirs ?? [])]).rules };
}

/** The rules of a configuration: the built-in pack and `dirs` (read with `fs`), the configuration's rule ids checked; `rules` with `only` applied, `all` without. */
function rulesFor(
  config: Config,
  options: Pick<CheckOptions, 'cwd' | 'only' | 'skip'>,
  dirs: string[],
  fs?: PolicyFs,
): { rules: Rule[]; all: Rule[] } {
  const all = loadRules({ cwd: options.cwd, functions: FUNCTIONS, dirs, fs });
  checkRuleIds(config.ruleLocations.entries(), all);
  config.knownRules = all.map((r) => r.id);
  const skip = skippedRules(options.skip ?? [], config.knownRules);
  const only = options.only ?? config.only;
  if (!only) return { rules: all.filter((r) => !skip.has(r.id)), all };
  checkRuleIds(
    only.map((id) => [id, undefined] as [string, undefined]),
    all,
  );
  return { rules: all.filter((r) => only.includes(r.id) && !skip.has(r.id)), all };
}

/** The ids of `--skip-rule`, each a rule that is loaded: an unknown id is a usage error that suggests the closest. */
function skippedRules(ids: string[], known: string[]): Set<string> {
  for (const id of ids) {
    if (known.includes(id)) continue;
    const s = didYouMean(id, known);
    throw new UsageError(`--skip-rule: unknown rule "${id}"${s ? ` (did you mean "${s}"?)` : '; see seglint rules'}`, {
      option: '--skip-rule',
      value: id,
    });
  }
  return new Set(ids);
}

/** Parameters in the inventory's policy must name rules that exist. */
function checkPolicyParamRules(load: LoadResult, known: string[]): void {
  const named: [string, Location | undefined][] = [];
  for (const f of load.files) {
    const params = f.doc.policy?.params;
    if (params) for (const id of Object.keys(params)) named.push([id, load.positions.locate(params, id)]);
  }
  checkRuleIds(named, known);
}

/** Gating mode: the policy of `spec` (a git revision or a path), with the rules it names. */
export function loadPolicyFrom(
  spec: string,
  options: CheckOptions,
  option = '--policy-from',
  source = openPolicySource(spec, options.cwd, option),
): TrustedPolicy {
  return loadTrustedPolicy(
    source,
    options,
    (config, dirs, fs) => rulesFor(config, options, dirs, fs),
    checkPolicyParamRules,
  );
}

/** Times a phase of a run into `timings` and reports it to `onPhase`. */
type Timer = <T>(phase: string, fn: () => T) => T;
function timer(timings: Record<string, number>, onPhase: CheckOptions['onPhase']): Timer {
  return (phase, fn) => {
    const t0 = performance.now();
    const out = fn();
    timings[phase] = performance.now() - t0;
    onPhase?.(phase, timings[phase]!);
    return out;
  };
}

/**
 * Load the trusted policy (gating mode) and the rules, load the inventory, build the model, run
 * the rules with the waivers, and say which policy was applied. Each step is a function below.
 */
export function check(options: CheckOptions): CheckResult {
  const timings: Record<string, number> = {};
  const time = timer(timings, options.onPhase);
  const gate =
    options.policy ??
    (options.policyFrom !== undefined ? time('policy', () => loadPolicyFrom(options.policyFrom!, options)) : undefined);
  const { config, rules } = configAndRules(options, gate, time);
  const load =
    options.loaded ?? time('load', () => loadInventory(options.paths, { ...options, cwd: options.cwd, timings }));
  // parameters in the inventory's policy must name rules that exist (in gating mode they are not applied: compared only)
  if (config.knownRules && !gate) checkPolicyParamRules(load, config.knownRules);
  const { changes, positions } = gate ? gatedPolicy(load, options, gate) : { changes: [], positions: load.positions };
  checkInventoryPatterns(load, rules);
  const model = time('graph', () => buildModel(load.inventory, positions));
  const { today, findings, runs, waivers } = runAndWaive(
    { model, rules, config, load, positions, changes, gate },
    options,
    time,
  );
  const policy = policyInfo(options, config, gate);
  return { load, model, rules, runs, findings, waivers, config, today, timings, policy, policyChanges: changes };
}

/** The configuration and the rules: the trusted policy's, those given already (watch, diff), or loaded now. */
function configAndRules(
  options: CheckOptions,
  gate: TrustedPolicy | undefined,
  time: Timer,
): { config: Config; rules: Rule[] } {
  return gate
    ? { config: gate.config, rules: gate.rules }
    : options.rules && options.configObject
      ? { config: options.configObject, rules: options.rules }
      : time('rules', () => prepare(options));
}

/** Gating mode: what the change does to the trusted policy, and positions that find the trusted policy's entities too. */
function gatedPolicy(
  load: LoadResult,
  options: CheckOptions,
  gate: TrustedPolicy,
): { changes: PolicyChange[]; positions: PositionIndex } {
  let changes: PolicyChange[] = [];
  if (options.comparePolicy !== false) {
    const head = headPolicy(load, options, gate);
    const drop = <T extends { waivers: unknown[] }>(s: T): T => (options.noWaivers ? { ...s, waivers: [] } : s);
    changes = policyChanges(drop(gate.snapshot), drop(head.snapshot), head.locator, {
      rules: gate.allRules.map((r) => ({ id: r.id, severity: r.severity })),
      zones: new Set(load.inventory.zones.map((z) => z.id)),
      base: gate.source.label,
    });
  }
  return {
    changes,
    positions: new ChainedPositions(load.positions, applyTrustedPolicy(load.inventory, gate).positions),
  };
}

/** What the engine runs on: the model and the rules, with the policy and positions of the run. */
interface EngineRun {
  model: Model;
  rules: Rule[];
  config: Config;
  load: LoadResult;
  positions: PositionIndex;
  changes: PolicyChange[];
  gate: TrustedPolicy | undefined;
}

/** Runs the rules, applies the waivers, then runs the rules about waivers; findings and runs sorted. */
function runAndWaive(
  { model, rules, config, load, positions, changes, gate }: EngineRun,
  options: CheckOptions,
  time: Timer,
): Pick<CheckResult, 'today' | 'findings' | 'runs' | 'waivers'> {
  const today = options.today ?? todayUtc();
  // Rules about waivers read the waiver register, so they run after the others.
  const aboutWaivers = (r: Rule) => r.select.some((s) => s.type === 'waiver');
  const engine: EngineOptions = {
    today,
    functions: FUNCTIONS,
    settings: config.settings,
    onRule: options.onRule,
    ...(gate ? { policyChanges: changes } : {}),
  };
  const main = time('rules-run', () =>
    runRules(
      model,
      rules.filter((r) => !aboutWaivers(r)),
      engine,
    ),
  );
  const waivers = applyWaivers(
    main.findings,
    options.noWaivers ? [] : load.inventory.waivers,
    today,
    positions,
    waiverGate(rules, model, config),
  );
  const post = runRules(model, options.noWaivers ? [] : rules.filter(aboutWaivers), {
    ...engine,
    waivers: options.noWaivers ? [] : waivers,
  });
  const findings = [...main.findings, ...post.findings].sort(compareFindings);
  const runs = [...main.runs, ...post.runs].sort(compareBy((r) => r.rule.id));
  return { today, findings, runs, waivers };
}

/** The policy the run applied, for the report: its source, configuration file, threshold and rule directories. */
function policyInfo(options: CheckOptions, config: Config, gate: TrustedPolicy | undefined): PolicyInfo {
  const rulesDirs = gate
    ? gate.rulesDirs
    : [...config.rulesDirs, ...(options.rulesDirs ?? []).map((d) => path.resolve(options.cwd, d))];
  return {
    from: gate ? 'base' : 'self',
    ...(gate ? { base: gate.source.label } : {}),
    config: config.file ?? null,
    failOn: options.failOn ?? config.failOn ?? 'low',
    failOnFrom: options.failOn ? 'command-line' : config.failOn ? 'configuration' : 'default',
    rulesDirs: rulesDirs.map((d) => displayPath(d, options.cwd)),
  };
}

/**
 * The horizon for broad waivers: the effective parameter `maxHorizonDays` of the rule
 * waiver-too-broad (its default, the inventory policy, the configuration). The gate holds
 * whether or not that rule runs: when it is not loaded (`--only`), the default applies.
 */
function waiverGate(rules: Rule[], model: Model, config: Config): WaiverGate {
  const rule = rules.find((r) => r.id === WAIVER_GATE_RULE);
  // a bad parameter is reported when the rule itself runs, after the waivers
  const days = rule ? resolveParams(rule, model, config.settings?.[rule.id], []).maxHorizonDays : undefined;
  return { maxHorizonDays: typeof days === 'number' && Number.isFinite(days) ? days : DEFAULT_MAX_HORIZON_DAYS };
}
const WAIVER_GATE_RULE = 'waiver-too-broad';
/** The inventory's policy.params may not set a rule's pattern parameter (see patternFromInventory). */
function checkInventoryPatterns(load: LoadResult, rules: Rule[]): void {
  const diagnostics = [];
  for (const f of load.files) {
    const params = f.doc.policy?.params;
    if (!params) continue;
    for (const rule of rules) {
      const own = Object.hasOwn(params, rule.id) ? params[rule.id] : undefined;
      if (!own) continue;
      for (const k of rule.patternParams ?? [])
        if (Object.hasOwn(own, k)) diagnostics.push(patternFromInventory(rule.id, k, load.positions.locate(own, k)));
    }
  }
  if (diagnostics.length) throw new InputError(sortDiagnostics(diagnostics));
}
