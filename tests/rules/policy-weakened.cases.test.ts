/**
 * policy-weakened, the cases rules/policy-weakened.test.yaml cannot state (the gating-mode
 * cases themselves, by entity, kind, before and after, are there): where a finding sits in a
 * file other than the inventory (the head's configuration, rule files), a rule the head's
 * `only` leaves out (a test file runs only the rule under test), fingerprints, and what the
 * other rules do under the base's policy. The base here is a path (`base/inventory.yaml`, its
 * configuration `base/seglint.config.yaml`); tests/security/gate.test.ts uses git.
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

describe('policy-weakened', () => {
  it('points the configuration findings at the head configuration, and reports every rule the head\'s `only` leaves out', () => {
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
    const by = (kind: string) => findings.find((f) => f.evidence.kind === kind)!;
    expect(by('fail-on-raised').location).toEqual({ file: 'seglint.config.yaml', line: 1, column: 1 });
    expect(by('rule-disabled').location).toMatchObject({ file: 'seglint.config.yaml', line: lineOf(config, 'orphan-asset: off') });
    expect(by('param-added').location).toMatchObject({ file: 'seglint.config.yaml', line: lineOf(config, 'threshold: 0.9') });

    // a test file runs only the rule under test, so the head's `only` is checked here, with no `only` of the run
    const only = gate({ 'base/inventory.yaml': INVENTORY, 'inventory.yaml': INVENTORY, 'seglint.config.yaml': 'only: [policy-weakened, orphan-asset]\n' }, { only: undefined });
    // every rule of the pack the base runs but the head's `only` leaves out
    const dropped = only.findings.filter((f) => f.data.kind === 'rule-disabled');
    expect(dropped.length).toBeGreaterThan(20);
    expect(dropped.every((f) => f.messageId === 'policy-weakened' && f.evidence.after === 'not in only' && f.location.line === 1)).toBe(true);
    expect(dropped.map((f) => f.evidence.rule)).not.toContain('orphan-asset');
  });

  it("checks the base's forbidden flows and monitoring levels when the head drops them", () => {
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

