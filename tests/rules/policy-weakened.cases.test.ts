/**
 * policy-weakened: in gating mode, one finding per change the head makes to the base's policy
 * (parameters, monitoring levels, forbidden flows, waivers, configuration, rule files), at the
 * head's line, with before and after as evidence; nothing for changes that only make the gate
 * stricter, and nothing outside gating mode. The base here is a path (`base/inventory.yaml`,
 * its configuration `base/seglint.config.yaml`); tests/security/gate.test.ts uses git.
 *
 * These cases stay in TypeScript because a rule test file (rules/policy-weakened.test.yaml)
 * gives one inventory and no base: it cannot put a run in gating mode, nor give a
 * configuration or rule directories. The YAML file keeps the case outside gating mode.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, type CheckOptions } from '../../src/index.js';
import type { Finding } from '../../src/findings/types.js';
import { lineOf, ROOT, tempDir, TODAY, yaml } from '../helpers.js';

const RULE = readFileSync(path.join(ROOT, 'tests/fixtures/user-rules/good/acme-no-wifi.yaml'), 'utf8');

const INVENTORY = yaml`
  seglint: 1
  zones:
    - { id: plant, trust: closed }
    - { id: office, trust: internal }
  assets:
    - { id: plc-1, kind: plc, zone: plant }
    - { id: pc-1, kind: workstation, zone: office }
  links:
    - { id: l-1, from: plc-1, to: pc-1, medium: ethernet }
`;

/** INVENTORY followed by more top-level YAML. */
const inv = (extra = '') => INVENTORY + extra;

/** The findings of policy-weakened for a head against a base (files: `base/...` are the base's, the others the head's). */
function gate(files: Record<string, string>, opts: Partial<CheckOptions> = {}): { findings: Finding[]; dir: string } {
  const dir = tempDir(files);
  const r = check({ paths: ['inventory.yaml'], cwd: dir, policyFrom: 'base/inventory.yaml', only: ['policy-weakened'], today: TODAY, ...opts });
  return { findings: r.findings, dir };
}

const summary = (fs: Finding[]) => fs.map((f) => [f.evidence.kind, f.entity.id]);

describe('policy-weakened', () => {
  it('is silent when the head keeps the base policy', () => {
    const policy = yaml`
      policy:
        params:
          state-ownership: { threshold: 0.2 }
      waivers:
        - { id: w-1, rule: orphan-asset, target: plc-1, reason: r, expires: 2030-01-01 }
    `;
    expect(gate({ 'base/inventory.yaml': inv(policy), 'inventory.yaml': inv(policy) }).findings).toEqual([]);
  });

  it('reports each parameter added, changed and removed in policy.params, at its line, with before and after', () => {
    const base = inv(yaml`
      policy:
        params:
          state-ownership: { threshold: 0.1 }
          orphan-asset: { kinds: [plc] }
    `);
    const head = inv(yaml`
      policy:
        params:
          state-ownership: { threshold: 0.5 }
          mobile-uplink-in-closed-zone:
            media: []
    `);
    const { findings } = gate({ 'base/inventory.yaml': base, 'inventory.yaml': head });
    expect(byId(findings.map((f) => [f.entity.id, f.evidence.kind, f.evidence.before, f.evidence.after]))).toEqual([
      ['inventory:params.mobile-uplink-in-closed-zone.media', 'param-added', null, []],
      ['inventory:params.orphan-asset.kinds', 'param-removed', ['plc'], null],
      ['inventory:params.state-ownership.threshold', 'param-changed', 0.1, 0.5],
    ]);
    const at = (id: string) => findings.find((f) => f.entity.id === id)!.location;
    expect(at('inventory:params.state-ownership.threshold')).toMatchObject({ file: 'inventory.yaml', line: lineOf(head, 'threshold: 0.5') });
    expect(at('inventory:params.mobile-uplink-in-closed-zone.media')).toMatchObject({ file: 'inventory.yaml', line: lineOf(head, 'media: []') });
    // a removed parameter points at the policy.params of the head
    expect(at('inventory:params.orphan-asset.kinds')).toMatchObject({ file: 'inventory.yaml', line: lineOf(head, 'params:') });
    for (const f of findings) expect(f).toMatchObject({ ruleId: 'policy-weakened', severity: 'high', entity: { type: 'policy-change' }, evidence: { area: 'inventory', base: 'base/inventory.yaml' } });
    const added = findings.find((f) => f.evidence.kind === 'param-added')!;
    expect(added.messageId).toBe('policy-weakened');
    expect(added.data).toMatchObject({ kind: 'param-added', area: 'inventory', before: null, after: '[]', base: 'base/inventory.yaml' });
  });

  it('reports parameters and settings of the configuration: params, a rule switched off or left out of only, a severity lowered, failOn raised, rulesDirs', () => {
    const config = yaml`
      failOn: none
      rules:
        orphan-asset: off
        state-ownership: { severity: low, params: { threshold: 0.9 } }
        asset-without-owner: critical
    `;
    const { findings } = gate({
      'base/inventory.yaml': INVENTORY,
      'base/seglint.config.yaml': 'failOn: medium\nrules:\n  asset-without-owner: low\n',
      'inventory.yaml': INVENTORY,
      'seglint.config.yaml': config,
    });
    expect(summary(findings).sort()).toEqual(
      [
        ['fail-on-raised', 'config:failOn'],
        ['param-added', 'config:rules.state-ownership.params.threshold'],
        ['rule-disabled', 'config:rules.orphan-asset'],
        ['severity-lowered', 'config:rules.state-ownership.severity'],
      ].sort(),
    ); // asset-without-owner: low -> critical is stricter, not reported
    const by = (kind: string) => findings.find((f) => f.evidence.kind === kind)!;
    expect(by('fail-on-raised').evidence).toMatchObject({ area: 'config', before: 'medium', after: 'none' });
    expect(by('fail-on-raised').location).toEqual({ file: 'seglint.config.yaml', line: 1, column: 1 });
    expect(by('rule-disabled').evidence).toMatchObject({ rule: 'orphan-asset', before: 'on', after: 'off' });
    expect(by('rule-disabled').location).toMatchObject({ file: 'seglint.config.yaml', line: lineOf(config, 'orphan-asset: off') });
    expect(by('severity-lowered').evidence).toMatchObject({ rule: 'state-ownership', before: 'high', after: 'low' });
    expect(by('param-added').location).toMatchObject({ file: 'seglint.config.yaml', line: lineOf(config, 'threshold: 0.9') });

    const only = gate({ 'base/inventory.yaml': INVENTORY, 'inventory.yaml': INVENTORY, 'seglint.config.yaml': 'only: [policy-weakened, orphan-asset]\n' }, { only: undefined });
    // every rule of the pack the base runs but the head's `only` leaves out
    const dropped = only.findings.filter((f) => f.evidence.kind === 'rule-disabled');
    expect(dropped.length).toBeGreaterThan(20);
    expect(dropped.every((f) => f.evidence.after === 'not in only' && f.location.line === 1)).toBe(true);
    expect(dropped.map((f) => f.evidence.rule)).not.toContain('orphan-asset');
  });

  it('reports requireMonitoringFor changed, and forbidden flows removed (also by removing a zone they name)', () => {
    const base = inv(yaml`
      policy:
        requireMonitoringFor: [closed, restricted]
        forbiddenFlows:
          - { from: plant, to: office }
          - { from: office, to: plant }
    `);
    const head = yaml`
      seglint: 1
      zones:
        - { id: plant, trust: closed }
        - { id: office-2, trust: internal }
      assets:
        - { id: plc-1, kind: plc, zone: plant }
      policy:
        requireMonitoringFor: []
        forbiddenFlows:
          - { from: plant, to: office-2 }
    `;
    const { findings } = gate({ 'base/inventory.yaml': base, 'inventory.yaml': head });
    expect(byId(findings.map((f) => [f.entity.id, f.evidence.kind, f.evidence.before, f.evidence.after]))).toEqual([
      ['inventory:forbiddenFlows.office->plant', 'forbidden-flow-removed', { from: 'office', to: 'plant' }, { undeclaredZones: ['office'] }],
      ['inventory:forbiddenFlows.plant->office', 'forbidden-flow-removed', { from: 'plant', to: 'office' }, { undeclaredZones: ['office'] }],
      ['inventory:requireMonitoringFor', 'require-monitoring-changed', ['closed', 'restricted'], []],
    ]);
    expect(findings.find((f) => f.evidence.kind === 'require-monitoring-changed')!.location.line).toBe(lineOf(head, 'requireMonitoringFor:'));
    expect(findings.find((f) => f.evidence.kind === 'forbidden-flow-removed')!.location.line).toBe(lineOf(head, 'forbiddenFlows:'));
    // the base's flows are the ones checked, also one naming a zone that is gone (it reaches nothing)
    const dir = tempDir({ 'base/inventory.yaml': base, 'inventory.yaml': head });
    const r = check({ paths: ['inventory.yaml'], cwd: dir, policyFrom: 'base/inventory.yaml', only: ['zone-policy-violation', 'missing-monitoring'], today: TODAY });
    expect(r.model.inventory.policy.forbiddenFlows.map((f) => `${f.from}->${f.to}`).sort()).toEqual(['office->plant', 'plant->office']);
    // the base's monitoring levels apply: the closed zone plant, without monitoring, is found
    expect(r.findings.filter((f) => f.ruleId === 'missing-monitoring').map((f) => f.entity.id)).toContain('plant');
    const self = check({ paths: ['inventory.yaml'], cwd: dir, only: ['missing-monitoring'], today: TODAY });
    expect(self.findings.map((f) => f.entity.id)).not.toContain('plant');
    expect(r.findings.filter((f) => f.ruleId === 'zone-policy-violation')).toEqual([]);
  });

  it('reports a waiver added, retargeted or extended; not one removed or shortened', () => {
    const base = inv(yaml`
      waivers:
        - { id: w-same, rule: orphan-asset, target: plc-1, reason: r, expires: 2027-01-01 }
        - { id: w-scope, rule: orphan-asset, target: plc-1, reason: r, expires: 2027-01-01 }
        - { id: w-longer, rule: orphan-asset, target: pc-1, reason: r, expires: 2027-01-01 }
        - { id: w-shorter, rule: orphan-asset, target: pc-1, reason: r, expires: 2027-01-01 }
        - { id: w-gone, rule: orphan-asset, target: pc-1, reason: r, expires: 2027-01-01 }
        - { rule: asset-without-owner, target: plc-1, reason: r, expires: 2027-01-01 }
    `);
    const head = inv(yaml`
      waivers:
        - { id: w-same, rule: orphan-asset, target: plc-1, reason: reworded, expires: 2027-01-01 }
        - { id: w-scope, rule: "*", target: "*", reason: r, expires: 2027-01-01 }
        - { id: w-longer, rule: orphan-asset, target: pc-1, reason: r, expires: 9999-12-31 }
        - { id: w-shorter, rule: orphan-asset, target: pc-1, reason: r, expires: 2026-12-31 }
        - { rule: asset-without-owner, target: plc-1, reason: r, expires: 2027-01-01 }
        - { rule: "*", target: "*", reason: all, expires: 9999-12-31 }
    `);
    const { findings } = gate({ 'base/inventory.yaml': base, 'inventory.yaml': head });
    expect(summary(findings)).toEqual([
      ['waiver-scope-changed', 'waiver:w-scope'],
      ['waiver-extended', 'waiver:w-longer'],
      ['waiver-added', 'waiver:*:*'],
    ]);
    const by = (id: string) => findings.find((f) => f.entity.id === id)!;
    expect(by('waiver:w-scope').evidence).toMatchObject({ area: 'waivers', before: { rule: 'orphan-asset', target: 'plc-1' }, after: { rule: '*', target: '*' } });
    expect(by('waiver:w-longer').evidence).toMatchObject({ before: { expires: '2027-01-01' }, after: { expires: '9999-12-31' } });
    expect(by('waiver:*:*').evidence).toMatchObject({ before: null, after: { rule: '*', target: '*', expires: '9999-12-31' } });
    expect(by('waiver:*:*').location).toMatchObject({ file: 'inventory.yaml', line: lineOf(head, 'reason: all') });
  });

  it('compares waivers only when waivers apply (--no-waivers ignores them on both sides)', () => {
    const head = inv(yaml`
      waivers:
        - { rule: "*", target: "*", reason: all, expires: 9999-12-31 }
    `);
    expect(gate({ 'base/inventory.yaml': INVENTORY, 'inventory.yaml': head }, { noWaivers: true }).findings).toEqual([]);
  });

  it('reports rule files added, changed and removed in the rule directories, and rulesDirs changed', () => {
    const other = RULE.replace(/acme-no-wifi/g, 'acme-other');
    const { findings } = gate({
      'base/inventory.yaml': INVENTORY,
      'base/seglint.config.yaml': 'rulesDirs: [rules]\n',
      'base/rules/acme-no-wifi.yaml': RULE,
      'base/rules/acme-other.yaml': other,
      'inventory.yaml': INVENTORY,
      'seglint.config.yaml': 'rulesDirs: [rules, more-rules]\n',
      'rules/acme-no-wifi.yaml': RULE.replace('default: [wifi]', 'default: []'),
      'rules/acme-no-wifi.test.yaml': 'not a rule: test files do not count\n',
      'more-rules/acme-third.yaml': RULE.replace(/acme-no-wifi/g, 'acme-third'),
    });
    expect(findings.map((f) => [f.evidence.kind, f.entity.id, f.location.file])).toEqual([
      ['rules-dirs-changed', 'config:rulesDirs', 'seglint.config.yaml'],
      ['rule-file-added', 'rules:config:more-rules/acme-third.yaml', 'more-rules/acme-third.yaml'],
      ['rule-file-changed', 'rules:config:rules/acme-no-wifi.yaml', 'rules/acme-no-wifi.yaml'],
      ['rule-file-removed', 'rules:config:rules/acme-other.yaml', 'base/rules/acme-other.yaml'],
    ].sort((a, b) => (a[2]! < b[2]! ? -1 : 1)));
    const changed = findings.find((f) => f.evidence.kind === 'rule-file-changed')!;
    expect(changed.evidence.before).not.toEqual(changed.evidence.after);
    expect(changed.evidence.after).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(findings.find((f) => f.evidence.kind === 'rules-dirs-changed')!.evidence).toMatchObject({ before: ['rules'], after: ['more-rules', 'rules'] });
  });

  it('the same subject changed differently is another finding (another fingerprint)', () => {
    const head = (v: number) => inv(`policy:\n  params:\n    state-ownership: { threshold: ${v} }\n`);
    const a = gate({ 'base/inventory.yaml': INVENTORY, 'inventory.yaml': head(0.5) }).findings;
    const b = gate({ 'base/inventory.yaml': INVENTORY, 'inventory.yaml': head(0.9) }).findings;
    const a2 = gate({ 'base/inventory.yaml': INVENTORY, 'inventory.yaml': head(0.5) + '# reformatted\n' }).findings;
    expect(a[0]!.entity).toEqual(b[0]!.entity);
    expect(a[0]!.fingerprint).not.toBe(b[0]!.fingerprint);
    expect(a2[0]!.fingerprint).toBe(a[0]!.fingerprint);
  });

  it("applies the base's policy, not the head's: the head's params and waivers are not in force", () => {
    const base = inv(yaml`
      policy:
        params:
          mobile-uplink-in-closed-zone: { media: [satellite] }
    `);
    // INVENTORY with a modem in the closed zone (links are its last section)
    const withModem =
      INVENTORY.replace('  - { id: pc-1,', '  - { id: modem-1, kind: modem, zone: plant }\n  - { id: pc-1,') +
      '  - { id: l-sat, from: modem-1, to: pc-1, medium: satellite }\n  - { id: l-mob, from: modem-1, to: pc-1, medium: mobile }\n';
    const head = withModem + yaml`
      policy:
        params:
          mobile-uplink-in-closed-zone: { media: [] }
      waivers:
        - { rule: "*", target: "*", reason: all, expires: 9999-12-31 }
    `;
    const dir = tempDir({ 'base/inventory.yaml': base, 'inventory.yaml': head });
    const r = check({ paths: ['inventory.yaml'], cwd: dir, policyFrom: 'base/inventory.yaml', only: ['policy-weakened', 'mobile-uplink-in-closed-zone'], today: TODAY });
    const uplinks = r.findings.filter((f) => f.ruleId === 'mobile-uplink-in-closed-zone');
    // the base's media (satellite) apply: the satellite link is found, the mobile one is not, and no waiver waives it
    expect(uplinks.map((f) => [f.data.link, f.waiver])).toEqual([['l-sat', undefined]]);
    expect(r.runs.find((x) => x.rule.id === 'mobile-uplink-in-closed-zone')!.params.media).toEqual(['satellite']);
    expect(r.waivers).toEqual([]);
    expect(r.policy).toMatchObject({ from: 'base', base: 'base/inventory.yaml', config: null });
    // without gating mode, the head disarms itself (the old behaviour, still possible, and visible in the report's policy)
    const self = check({ paths: ['inventory.yaml'], cwd: dir, only: ['mobile-uplink-in-closed-zone'], today: TODAY });
    expect(self.findings).toEqual([]);
    expect(self.policy).toMatchObject({ from: 'self', config: null });
  });
});

/** Rows sorted by their first cell (an entity id). */
function byId(rows: unknown[][]): unknown[][] {
  return [...rows].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
}
