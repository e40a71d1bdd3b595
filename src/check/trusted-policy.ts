/**
 * Gating mode: the policy of a run read from the trusted side (a base revision or path), the
 * entities from the change. Loads the base's configuration, rule directories, inventory
 * policy and waivers; takes a snapshot of each side's policy; and puts the base's policy into
 * the change's inventory before the model is built.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { findConfig, loadConfig, type Config } from './config.js';
import { InputError, UsageError } from '../source/errors.js';
import { displayPath } from '../source/files.js';
import { diskFileSystem } from '../source/fs.js';
import { loadInventory, type LoadResult } from '../inventory/load.js';
import { PositionIndex, type Location } from '../source/location.js';
import type { Inventory, Waiver } from '../inventory/types.js';
import { ruleFilesIn, type Rule } from '../rules/load.js';
import { DISK_FS, type PolicyFs, type PolicySource } from './policy-source.js';
import type { PolicyLocator, PolicySnapshot } from '../rules/policy-changes.js';

/** What the trusted side needs to know of the run's options. */
export interface GateOptions {
  /** Inventory paths of the change (with the waiver files). */
  paths: string[];
  /** The `--waivers-file` files among them. */
  waiversFiles?: string[];
  cwd: string;
  config?: string | false;
  rulesDirs?: string[];
  only?: string[];
  maxFileSize?: number;
  maxDepth?: number;
}

export interface TrustedPolicy {
  source: PolicySource;
  config: Config;
  /** The rules that run (after `only`). */
  rules: Rule[];
  /** Every rule loaded, before `only`. */
  allRules: Rule[];
  /** Rule directories loaded (absolute). */
  rulesDirs: string[];
  /** The base's inventory (for its policy and waivers); undefined when the base holds none of its files. */
  load?: LoadResult;
  policy: Inventory['policy'];
  waivers: Waiver[];
  snapshot: PolicySnapshot;
}

/** Loads the rules of a configuration from a source (as prepare() of src/index.ts does): those that run, and all loaded. */
export type RulesLoader = (config: Config, dirs: string[], fs: PolicyFs) => { rules: Rule[]; all: Rule[] };
/** Checks that the rule ids under policy.params exist. */
export type ParamsChecker = (load: LoadResult, known: string[]) => void;

interface RuleDir {
  /** The directory as written: in the configuration, or on the command line. */
  key: string;
  abs: string;
}

function ruleDirsOf(config: Config | undefined, options: GateOptions): RuleDir[] {
  const written = config?.raw?.rulesDirs ?? [];
  return [
    ...written.map((w, i) => ({
      key: `config:${path.posix.normalize(w.replace(/\\/g, '/')).replace(/\/$/, '')}`,
      abs: config!.rulesDirs[i]!,
    })),
    ...(options.rulesDirs ?? []).map((d) => ({ key: `cli:${d}`, abs: path.resolve(options.cwd, d) })),
  ];
}

function ruleFilesOf(dirs: RuleDir[], fs: PolicyFs, cwd: string): PolicySnapshot['ruleFiles'] {
  const out: PolicySnapshot['ruleFiles'] = new Map();
  for (const d of dirs) {
    if (!fs.isDirectory(d.abs)) continue;
    for (const f of ruleFilesIn(d.abs, fs.list)) {
      out.set(`${d.key}/${path.basename(f)}`, {
        file: displayPath(f, cwd),
        sha256: createHash('sha256').update(fs.readFile(f)).digest('hex'),
      });
    }
  }
  return out;
}

function snapshotOf(
  config: Config | undefined,
  policy: Inventory['policy'],
  waivers: Waiver[],
  ruleFiles: PolicySnapshot['ruleFiles'],
): PolicySnapshot {
  return {
    configFile: config?.file,
    settings: config?.settings ?? {},
    only: config?.only,
    rulesDirs: config?.raw?.rulesDirs ?? [],
    failOn: config?.failOn,
    params: policy.params,
    requireMonitoringFor: policy.requireMonitoringFor,
    forbiddenFlows: policy.forbiddenFlows,
    waivers,
    ruleFiles,
  };
}

/** Problems in the base's files say so: the same path may be fine in the change. */
function inBase<T>(label: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(
      err.diagnostics.map((d) => ({ ...d, message: `${d.message} (in the policy read from ${label})` })),
    );
  }
}

export function loadTrustedPolicy(
  source: PolicySource,
  options: GateOptions,
  loadRulesFor: RulesLoader,
  checkParams: ParamsChecker,
): TrustedPolicy {
  return inBase(source.label, () => {
    const { fs } = source;
    const cwd = options.cwd;
    const git = source.kind === 'git';
    // a revision is the base of what is inside its work tree; an inventory outside it has no base there
    const waiverFiles = new Set((options.waiversFiles ?? []).map((f) => path.resolve(cwd, f)));
    const outside = git
      ? options.paths.filter((p) => !waiverFiles.has(path.resolve(cwd, p)) && !fs.inTree!(path.resolve(cwd, p)))
      : [];
    if (outside.length)
      throw new UsageError(
        `the inventory "${outside[0]}" is not in the git work tree ${fs.top}, so revision ${source.label} holds no base policy for it`,
      );
    /** In a revision, a file the change added is not policy yet; one missing on both sides stays an error. */
    const addedByChange = (abs: string, isThere: (p: string) => boolean, onDisk: (p: string) => boolean) =>
      git && !isThere(abs) && onDisk(abs);
    let configFile: string | undefined;
    if (typeof options.config === 'string') {
      const abs = path.resolve(cwd, options.config);
      configFile = addedByChange(abs, fs.exists, diskFileSystem.exists) ? undefined : abs;
    } else if (options.config !== false) {
      configFile = findConfig(git ? options.paths : [source.label], cwd, fs);
    }
    const config = loadConfig(configFile, cwd, fs);
    const dirs = ruleDirsOf(config, options).filter(
      (d) => !addedByChange(d.abs, fs.isDirectory, diskFileSystem.isDirectory),
    );
    const { rules, all } = loadRulesFor(
      config,
      dirs.map((d) => d.abs),
      fs,
    );
    const inputs = git
      ? options.paths.filter((p) => fs.exists(path.resolve(cwd, p)))
      : [source.label, ...(options.waiversFiles ?? [])];
    let load: LoadResult | undefined;
    if (inputs.length) {
      load = loadInventory(inputs, { cwd, maxFileSize: options.maxFileSize, maxDepth: options.maxDepth, ...fs.load });
      checkParams(
        load,
        all.map((r) => r.id),
      );
    }
    const policy: Inventory['policy'] = load?.inventory.policy ?? {
      forbiddenFlows: [],
      params: Object.create(null) as Inventory['policy']['params'],
    };
    const waivers = load?.inventory.waivers ?? [];
    const snapshot = snapshotOf(config, policy, waivers, ruleFilesOf(dirs, fs, cwd));
    return { source, config, rules, allRules: all, rulesDirs: dirs.map((d) => d.abs), load, policy, waivers, snapshot };
  });
}

/** The change's own policy (never applied in gating mode, only compared), and where its parts are written. */
export function headPolicy(
  load: LoadResult,
  options: GateOptions,
  trusted: TrustedPolicy,
): { snapshot: PolicySnapshot; locator: PolicyLocator } {
  const cwd = options.cwd;
  let configFile: string | undefined;
  if (typeof options.config === 'string') {
    const abs = path.resolve(cwd, options.config);
    configFile = diskFileSystem.exists(abs) ? abs : undefined; // removed by the change
  } else if (options.config !== false) {
    configFile = findConfig(options.paths, cwd);
  }
  const config = configFile ? loadConfig(configFile, cwd) : undefined;
  const inv = load.inventory;
  const snapshot = snapshotOf(config, inv.policy, inv.waivers, ruleFilesOf(ruleDirsOf(config, options), DISK_FS, cwd));
  return { snapshot, locator: locatorFor(load, config, trusted.config.file) };
}

function locatorFor(load: LoadResult, config: Config | undefined, baseConfigFile: string | undefined): PolicyLocator {
  const files = [...load.files].sort((a, b) => a.order - b.order);
  const first: Location = { file: files[0]?.display ?? 'inventory', line: 1, column: 1 };
  const pos = load.positions;
  const policies = files
    .map((f) => ({ doc: f.doc, policy: f.doc.policy }))
    .filter((p) => p.policy && typeof p.policy === 'object');
  const policyAt = (): Location => (policies[0] ? (pos.locate(policies[0].doc, 'policy') ?? first) : first);
  const own = (o: unknown, k: string): o is Record<string, unknown> =>
    !!o && typeof o === 'object' && Object.hasOwn(o, k);
  return {
    param(rule, key) {
      for (const { policy } of policies)
        if (own(policy!.params?.[rule], key)) return pos.locate(policy!.params![rule]!, key) ?? first;
      for (const { policy } of policies)
        if (own(policy!.params, rule)) return pos.locate(policy!.params!, rule) ?? first;
      for (const { policy } of policies) if (own(policy, 'params')) return pos.locate(policy!, 'params') ?? first;
      return policyAt();
    },
    policyField(field) {
      for (const { policy } of policies) if (own(policy, field)) return pos.locate(policy!, field) ?? first;
      return policyAt();
    },
    waiver: (w: Waiver) => pos.locate(w) ?? first,
    config(keys) {
      const whole: Location = { file: config?.file ?? baseConfigFile ?? first.file, line: 1, column: 1 };
      if (!config?.raw) return whole;
      let node: unknown = config.raw;
      let at = whole;
      for (const k of keys) {
        if (!own(node, k)) break;
        at = config.positions.locate(node, k) ?? at;
        node = node[k];
      }
      return at;
    },
    ruleFile: (file) => ({ file, line: 1, column: 1 }),
  };
}

/**
 * The base's policy in the change's inventory: parameters, monitoring levels, forbidden flows
 * and waivers. An entry the change also has, unchanged, is taken from the change, so that its
 * findings point at the change's lines; the others keep the base's positions (`positions`).
 */
export function applyTrustedPolicy(
  inv: Inventory,
  trusted: TrustedPolicy,
): { waivers: Waiver[]; positions: PositionIndex | undefined } {
  const twin = <T extends object>(list: T[], key: (x: T) => string) => {
    const byKey = new Map(list.map((x) => [key(x), x]));
    return (x: T): T => byKey.get(key(x)) ?? x;
  };
  const flowTwin = twin(inv.policy.forbiddenFlows, (f) => `${f.from}->${f.to}`);
  const waiverTwin = twin(inv.waivers, (w) =>
    JSON.stringify([w.id, w.rule, w.target, w.expires, w.reason, w.approver, w.ticket]),
  );
  const base = trusted.policy;
  inv.policy = {
    ...base,
    forbiddenFlows: base.forbiddenFlows.map(flowTwin),
    params: base.params,
  };
  if (base.requireMonitoringFor === undefined) delete inv.policy.requireMonitoringFor;
  inv.waivers = trusted.waivers.map(waiverTwin);
  return { waivers: inv.waivers, positions: trusted.load?.positions };
}

/** Positions of the change's files first, then the base's (for the base's own policy entries). */
export class ChainedPositions extends PositionIndex {
  constructor(
    private readonly first: PositionIndex,
    private readonly second: PositionIndex | undefined,
  ) {
    super();
  }
  private pick(node: object): PositionIndex {
    return this.first.info(node) || !this.second ? this.first : this.second;
  }
  override info(node: object) {
    return this.pick(node).info(node);
  }
  override locate(node: object, field?: string | number): Location | undefined {
    return this.pick(node).locate(node, field);
  }
  override locateValue(node: object, field: string | number): Location | undefined {
    return this.pick(node).locateValue(node, field);
  }
}
