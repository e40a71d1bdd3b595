/**
 * What a change under review does to the policy of its own gate: the trusted base's policy
 * compared with the one the change carries. Pure: two snapshots in, a sorted list of changes
 * out, each located in the change's own files by a locator. The rule `policy-weakened`
 * reports them (through the `policy-change` entity type and function).
 *
 * Reported: every change of a parameter (inventory `policy.params`, configuration `params`)
 * and of `policy.requireMonitoringFor`, whatever its direction (a parameter has no direction
 * seglint could know); a forbidden flow removed (also by no longer declaring one of its zones);
 * a waiver added, with its rule or target changed, or with a later expiry; a
 * rule switched off (`off`, or left out of `only`), a severity lowered, `failOn` raised,
 * `rulesDirs` changed; a rule file added, changed or removed. Changes that only make the gate
 * stricter (a waiver removed or shortened, a rule switched on, a severity raised, `failOn`
 * lowered, a forbidden flow added) are not findings.
 */
import { severityRank, type Severity } from '../findings/types.js';
import type { Location } from '../source/location.js';
import { DEFAULT_REQUIRE_MONITORING, type ForbiddenFlow, type Waiver } from '../inventory/types.js';
import { compareStrings } from '../base/compare.js';
import { canonical } from '../base/canonical.js';
import type { RuleSetting } from './setting.js';
import { pushTo } from '../base/group.js';

export const POLICY_CHANGE_KINDS = [
  'param-added',
  'param-changed',
  'param-removed',
  'require-monitoring-changed',
  'forbidden-flow-removed',
  'waiver-added',
  'waiver-scope-changed',
  'waiver-extended',
  'rule-disabled',
  'severity-lowered',
  'fail-on-raised',
  'rules-dirs-changed',
  'rule-file-added',
  'rule-file-changed',
  'rule-file-removed',
] as const;
export type PolicyChangeKind = (typeof POLICY_CHANGE_KINDS)[number];

/** Where in the policy a change is: the inventory's `policy`, its waivers (and waiver files), the configuration, the rule files. */
export type PolicyArea = 'inventory' | 'waivers' | 'config' | 'rules';

/** One change, as the `policy-change` entity rules select. Its fields are the paths a `where` may use. */
export interface PolicyChange {
  /** Stable id: area and subject, e.g. `inventory:params.state-ownership.threshold`, `config:failOn`. */
  id: string;
  kind: PolicyChangeKind;
  area: PolicyArea;
  /** What changed, in words: `parameter state-ownership.threshold in policy.params`. */
  subject: string;
  /** The rule concerned, when there is one. */
  rule?: string;
  /** Value in the base, null when the base has none. */
  before: unknown;
  /** Value in the change, null when it has none. */
  after: unknown;
  /** The trusted side: the git revision or path the gate's policy was read from. */
  base: string;
  /** In the change's files where possible. */
  location: Location;
}

/** Fields of a policy-change entity, for rule conditions. */
export const POLICY_CHANGE_FIELDS = ['kind', 'area', 'subject', 'rule', 'before', 'after', 'base'] as const;

/** One side's policy, as data. */
export interface PolicySnapshot {
  /** The configuration file (display path), when there is one. */
  configFile?: string;
  settings: Record<string, RuleSetting>;
  only?: string[];
  /** `rulesDirs` as written in the configuration. */
  rulesDirs: string[];
  failOn?: Severity | 'none';
  /** The inventory's `policy.params`, merged over its files. */
  params: Record<string, Record<string, unknown>>;
  requireMonitoringFor?: string[];
  forbiddenFlows: ForbiddenFlow[];
  waivers: Waiver[];
  /** Rule files of the rule directories: key (directory as written, and file name) -> display path and SHA-256. */
  ruleFiles: Map<string, { file: string; sha256: string }>;
}

/** Finds the place of each change in the change's own files. */
export interface PolicyLocator {
  param(rule: string, key: string): Location;
  policyField(field: 'requireMonitoringFor' | 'forbiddenFlows'): Location;
  waiver(w: Waiver): Location;
  /** A key of the configuration (`['rules', id, 'params', k]`), as deep as it exists. */
  config(keys: string[]): Location;
  ruleFile(display: string): Location;
}

export interface CompareContext {
  /** Every rule loaded in the base (before `only`), with its default severity. */
  rules: { id: string; severity: Severity }[];
  /** Ids of the zones the change declares (forbidden flows must name them). */
  zones: ReadonlySet<string>;
  base: string;
}

const FAIL_RANK = (f: Severity | 'none'): number => (f === 'none' ? 6 : severityRank(f));
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const waiverKey = (w: Waiver) => `${w.rule}\u0000${w.target}`;
const waiverName = (w: Waiver) => (w.id ? `waiver ${w.id}` : `waiver for rule ${w.rule} on ${w.target}`);
const waiverScope = (w: Waiver) => ({ rule: w.rule, target: w.target, expires: w.expires, reason: w.reason, ...(w.approver ? { approver: w.approver } : {}), ...(w.ticket ? { ticket: w.ticket } : {}) });

/** Adds one change (the engine's policy-change entity, without the base's label). */
type Add = (c: Omit<PolicyChange, 'base'>) => void;

/** What the head does to the base's policy, in id order. */
export function policyChanges(base: PolicySnapshot, head: PolicySnapshot, at: PolicyLocator, ctx: CompareContext): PolicyChange[] {
  const out: PolicyChange[] = [];
  const add: Add = (c) => out.push({ ...c, base: ctx.base });
  for (const area of [paramChanges, inventoryPolicyChanges, waiverChanges, configChanges, ruleFileChanges]) area(base, head, at, ctx, add);
  return out.sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.kind, b.kind));
}

/** Parameters: the inventory's policy.params and the configuration's params. */
function paramChanges(base: PolicySnapshot, head: PolicySnapshot, at: PolicyLocator, _ctx: CompareContext, add: Add): void {
  const params = (area: 'inventory' | 'config', b: Record<string, Record<string, unknown> | undefined>, h: Record<string, Record<string, unknown> | undefined>) => {
    for (const rule of [...new Set([...Object.keys(b), ...Object.keys(h)])].sort(compareStrings)) {
      const bp = b[rule] ?? {};
      const hp = h[rule] ?? {};
      for (const k of [...new Set([...Object.keys(bp), ...Object.keys(hp)])].sort(compareStrings)) {
        const inB = Object.hasOwn(bp, k);
        const inH = Object.hasOwn(hp, k);
        if (inB && inH && same(bp[k], hp[k])) continue;
        const kind: PolicyChangeKind = !inB ? 'param-added' : !inH ? 'param-removed' : 'param-changed';
        add({
          id: area === 'inventory' ? `inventory:params.${rule}.${k}` : `config:rules.${rule}.params.${k}`,
          kind,
          area,
          subject: `parameter ${rule}.${k} in ${area === 'inventory' ? "the inventory's policy.params" : 'the configuration'}`,
          rule,
          before: inB ? bp[k] : null,
          after: inH ? hp[k] : null,
          location: area === 'inventory' ? at.param(rule, k) : at.config(['rules', rule, 'params', k]),
        });
      }
    }
  };
  params('inventory', base.params, head.params);
  const settingParams = (s: Record<string, RuleSetting>) => Object.fromEntries(Object.entries(s).map(([id, v]) => [id, v.params]));
  params('config', settingParams(base.settings), settingParams(head.settings));
}

/** The rest of the inventory's policy: monitoring levels, forbidden flows. */
function inventoryPolicyChanges(base: PolicySnapshot, head: PolicySnapshot, at: PolicyLocator, ctx: CompareContext, add: Add): void {
  const monitoring = (s: PolicySnapshot) => [...new Set(s.requireMonitoringFor ?? DEFAULT_REQUIRE_MONITORING)].sort(compareStrings);
  if (!same(monitoring(base), monitoring(head))) {
    add({
      id: 'inventory:requireMonitoringFor',
      kind: 'require-monitoring-changed',
      area: 'inventory',
      subject: "the inventory's policy.requireMonitoringFor",
      before: monitoring(base),
      after: monitoring(head),
      location: at.policyField('requireMonitoringFor'),
    });
  }
  // (the head's own flows name zones it declares, so a flow of the base naming a zone the head no longer declares is removed too)
  const flowKey = (f: ForbiddenFlow) => `${f.from}->${f.to}`;
  const headFlows = new Set(head.forbiddenFlows.map(flowKey));
  for (const f of [...base.forbiddenFlows].sort((a, b) => compareStrings(flowKey(a), flowKey(b)))) {
    const key = flowKey(f);
    if (headFlows.has(key)) continue;
    const gone = [...new Set([f.from, f.to])].filter((z) => !ctx.zones.has(z));
    add({
      id: `inventory:forbiddenFlows.${key}`,
      kind: 'forbidden-flow-removed',
      area: 'inventory',
      subject: `forbidden flow ${key}`,
      before: { from: f.from, to: f.to },
      after: gone.length ? { undeclaredZones: gone } : null,
      location: at.policyField('forbiddenFlows'),
    });
  }
}

/** Waivers: matched by id, then by rule and target. */
function waiverChanges(base: PolicySnapshot, head: PolicySnapshot, at: PolicyLocator, _ctx: CompareContext, add: Add): void {
  const pool = new Map<string, Waiver[]>();
  const byId = new Map<string, Waiver>();
  for (const w of base.waivers) {
    if (w.id !== undefined) byId.set(w.id, w);
    pushTo(pool, waiverKey(w), w);
  }
  const taken = new Set<Waiver>();
  const take = (w: Waiver) => {
    taken.add(w);
    const list = pool.get(waiverKey(w));
    if (list) list.splice(list.indexOf(w), 1);
  };
  const headWaivers = [...head.waivers].sort((a, b) => compareStrings(a.id ?? '', b.id ?? '') || compareStrings(waiverKey(a), waiverKey(b)) || compareStrings(a.expires, b.expires));
  const unmatched: Waiver[] = [];
  for (const w of headWaivers) {
    const old = w.id !== undefined ? byId.get(w.id) : undefined;
    if (old && !taken.has(old)) {
      take(old);
      compareWaiver(old, w);
    } else unmatched.push(w);
  }
  for (const w of unmatched) {
    const candidates = (pool.get(waiverKey(w)) ?? []).filter((b) => !taken.has(b) && (b.id === undefined || w.id === undefined));
    // the base waiver closest to it: the one expiring latest
    const old = candidates.sort((a, b) => compareStrings(b.expires, a.expires))[0];
    if (old) {
      take(old);
      compareWaiver(old, w);
    } else {
      add({ id: `waiver:${w.id ?? `${w.rule}:${w.target}`}`, kind: 'waiver-added', area: 'waivers', subject: waiverName(w), rule: w.rule, before: null, after: waiverScope(w), location: at.waiver(w) });
    }
  }
  function compareWaiver(old: Waiver, w: Waiver): void {
    const id = `waiver:${w.id ?? `${w.rule}:${w.target}`}`;
    if (old.rule !== w.rule || old.target !== w.target) {
      add({ id, kind: 'waiver-scope-changed', area: 'waivers', subject: waiverName(w), rule: w.rule, before: waiverScope(old), after: waiverScope(w), location: at.waiver(w) });
    } else if (w.expires > old.expires) {
      add({ id, kind: 'waiver-extended', area: 'waivers', subject: waiverName(w), rule: w.rule, before: waiverScope(old), after: waiverScope(w), location: at.waiver(w) });
    }
  }
}

/** The configuration: rules turned off, severities lowered, failOn raised, rule directories. */
function configChanges(base: PolicySnapshot, head: PolicySnapshot, at: PolicyLocator, ctx: CompareContext, add: Add): void {
  const runs = (s: PolicySnapshot, id: string) => s.settings[id]?.enabled !== false && (!s.only || s.only.includes(id));
  for (const r of [...ctx.rules].sort((a, b) => compareStrings(a.id, b.id))) {
    if (!runs(base, r.id)) continue; // not running in the base either
    if (!runs(head, r.id)) {
      const byOnly = head.settings[r.id]?.enabled !== false;
      add({
        id: `config:rules.${r.id}`,
        kind: 'rule-disabled',
        area: 'config',
        subject: `rule ${r.id}`,
        rule: r.id,
        before: 'on',
        after: byOnly ? 'not in only' : 'off',
        location: byOnly ? at.config(['only']) : at.config(['rules', r.id]),
      });
      continue;
    }
    const b = base.settings[r.id]?.severity ?? r.severity;
    const h = head.settings[r.id]?.severity ?? r.severity;
    if (severityRank(h) < severityRank(b)) {
      add({ id: `config:rules.${r.id}.severity`, kind: 'severity-lowered', area: 'config', subject: `severity of rule ${r.id}`, rule: r.id, before: b, after: h, location: at.config(['rules', r.id]) });
    }
  }
  const bf = base.failOn ?? 'low';
  const hf = head.failOn ?? 'low';
  if (FAIL_RANK(hf) > FAIL_RANK(bf)) {
    add({ id: 'config:failOn', kind: 'fail-on-raised', area: 'config', subject: 'failOn of the configuration', before: bf, after: hf, location: at.config(['failOn']) });
  }
  const dirs = (s: PolicySnapshot) => [...new Set(s.rulesDirs)].sort(compareStrings);
  if (!same(dirs(base), dirs(head))) {
    add({ id: 'config:rulesDirs', kind: 'rules-dirs-changed', area: 'config', subject: 'rulesDirs of the configuration', before: dirs(base), after: dirs(head), location: at.config(['rulesDirs']) });
  }
}

/** Rule files added, removed or changed. */
function ruleFileChanges(base: PolicySnapshot, head: PolicySnapshot, at: PolicyLocator, _ctx: CompareContext, add: Add): void {
  for (const key of [...new Set([...base.ruleFiles.keys(), ...head.ruleFiles.keys()])].sort(compareStrings)) {
    const b = base.ruleFiles.get(key);
    const h = head.ruleFiles.get(key);
    if (b && h && b.sha256 === h.sha256) continue;
    const file = (h ?? b)!.file;
    const kind: PolicyChangeKind = !b ? 'rule-file-added' : !h ? 'rule-file-removed' : 'rule-file-changed';
    add({ id: `rules:${key}`, kind, area: 'rules', subject: `rule file ${file}`, before: b ? { sha256: b.sha256 } : null, after: h ? { sha256: h.sha256 } : null, location: at.ruleFile(file) });
  }
}
