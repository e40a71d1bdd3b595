/**
 * Programmatic API: check(options) -> { findings, rules, inventory, ... }.
 * Loads the inventory, builds the model graph, loads and runs the rules, applies waivers.
 * Pure with respect to the process: it neither prints nor exits.
 */
import { checkRuleIds, findConfig, loadConfig, type Config } from './config.js';
import { applyWaivers, type WaiverRecord } from './findings/waivers.js';
import { compareFindings, type Finding, type Severity } from './findings/types.js';
import { setWaiverRegister } from './rules/attributes.js';
import { buildModel, type Model } from './graph/model.js';
import { todayUtc } from './inventory/dates.js';
import { loadInventory, type LoadOptions, type LoadResult } from './inventory/load.js';
import type { Location } from './inventory/source.js';
import { loadRules, type Rule } from './rules/load.js';
import { runRules, type RuleRun } from './rules/engine.js';

export interface CheckOptions extends Partial<Omit<LoadOptions, 'cwd'>> {
  paths: string[];
  cwd: string;
  /** Configuration file; default: seglint.config.yaml next to the first path. `false` for none. */
  config?: string | false;
  /** Extra rule directories (added to the configuration's). */
  rulesDirs?: string[];
  /** Run only these rules. */
  only?: string[];
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
}

export { todayUtc };

/** Loads configuration and rules once (they do not depend on the inventory's content). */
export function prepare(options: Pick<CheckOptions, 'paths' | 'cwd' | 'config' | 'rulesDirs' | 'only'>): { config: Config; rules: Rule[] } {
  const configFile = options.config === false ? undefined : (options.config ?? findConfig(options.paths, options.cwd));
  const config = loadConfig(configFile, options.cwd);
  let rules = loadRules({ cwd: options.cwd, dirs: [...config.rulesDirs, ...(options.rulesDirs ?? [])] });
  checkRuleIds(config.ruleLocations.entries(), rules);
  config.knownRules = rules.map((r) => r.id);
  const only = options.only ?? config.only;
  if (only) {
    checkRuleIds(only.map((id) => [id, undefined] as [string, undefined]), rules);
    rules = rules.filter((r) => only.includes(r.id));
  }
  return { config, rules };
}

export function check(options: CheckOptions): CheckResult {
  const timings: Record<string, number> = {};
  const time = <T>(phase: string, fn: () => T): T => {
    const t0 = performance.now();
    const out = fn();
    timings[phase] = performance.now() - t0;
    options.onPhase?.(phase, timings[phase]!);
    return out;
  };
  const { config, rules } = options.rules && options.configObject ? { config: options.configObject, rules: options.rules } : time('rules', () => prepare(options));
  const load = time('load', () => loadInventory(options.paths, { ...options, cwd: options.cwd, timings }));
  // parameters in the inventory's policy must name rules that exist
  if (config.knownRules) {
    const named: [string, Location | undefined][] = [];
    for (const f of load.files) {
      const params = f.doc.policy?.params;
      if (params) for (const id of Object.keys(params)) named.push([id, load.positions.locate(params, id)]);
    }
    checkRuleIds(named, config.knownRules);
  }
  const model = time('graph', () => buildModel(load.inventory, load.positions));
  const today = options.today ?? todayUtc();
  // Rules about waivers read the waiver register, so they run after the others.
  const aboutWaivers = (r: Rule) => r.select.some((s) => s.type === 'waiver');
  const engine = { today, settings: config.settings, onRule: options.onRule };
  const main = time('rules-run', () => runRules(model, rules.filter((r) => !aboutWaivers(r)), engine));
  const waivers = applyWaivers(main.findings, options.noWaivers ? [] : load.inventory.waivers, today, load.positions);
  setWaiverRegister(model, options.noWaivers ? [] : waivers);
  const post = runRules(model, options.noWaivers ? [] : rules.filter(aboutWaivers), engine);
  const findings = [...main.findings, ...post.findings].sort(compareFindings);
  const runs = [...main.runs, ...post.runs].sort((a, b) => (a.rule.id < b.rule.id ? -1 : 1));
  return { load, model, rules, runs, findings, waivers, config, today, timings };
}

export type { Finding, Severity } from './findings/types.js';
export type { Rule } from './rules/load.js';
export type { Inventory } from './inventory/types.js';
export { loadInventory } from './inventory/load.js';
export { buildModel, Model } from './graph/model.js';
