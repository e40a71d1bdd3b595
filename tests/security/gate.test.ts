/**
 * Issue 9, "disarming the gate from inside the change": in a real git repository, a base
 * commit with the port inventory, its configuration, a waiver file and a rule pack; a head
 * commit that adds a mobile modem to the closed scanner network AND empties four rules' lists
 * in policy.params, raises failOn to none, adds a rule directory, weakens the rule pack's rule
 * and waives everything. In gating mode (check --policy-from, diff --base) the modem's
 * findings stand, the run fails, and policy-weakened names each change; without it the old
 * (disarmed) behaviour is still possible, but every report shows the policy it applied.
 */
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/formatters/csv.js';
import { reportErrors, ROOT, run, tempDir, TODAY, yaml } from '../helpers.js';
import { disarmed, gitRepo, withModem, write, type Repo } from './port-change.js';

const PORT = readFileSync(path.join(ROOT, 'inventories/port-of-rotterdam.yaml'), 'utf8');
const INV = 'inventories/port.yaml';

const ACME_RULE = yaml`
  id: acme-no-mobile
  title: No mobile data links
  severity: high
  category: segmentation
  rationale: Acme forbids mobile data links anywhere.
  references:
    - source: other
      id: ACME-NET-9
  params:
    media:
      default: [mobile]
      description: Media that are forbidden.
  select:
    type: link
    where:
      path: medium
      in: $params.media
  message: "link {{id}} uses {{medium}}"
  remediation: Remove the link.
`;

const BASE_CONFIG = yaml`
  failOn: low
  rulesDirs: [../rules-acme]
  rules:
    orphan-asset: info
`;

const BASE_WAIVERS = yaml`
  seglint: 1
  waivers:
    - id: w-room
      rule: shared-room-multi-vendor
      target: mv-server-room
      reason: rebuild planned
      approver: CISO
      expires: 2027-06-30
`;

const HEAD_CONFIG = yaml`
  failOn: none
  rulesDirs: [../rules-acme, ../rules-extra]
  rules:
    orphan-asset: info
`;

/** The scenario: base commit, then the head commit on top. */
function scenario(): Repo {
  const repo = gitRepo({
    [INV]: PORT,
    'inventories/seglint.config.yaml': BASE_CONFIG,
    'inventories/waivers.yaml': BASE_WAIVERS,
    'rules-acme/acme-no-mobile.yaml': ACME_RULE,
  });
  write(repo.dir, {
    [INV]: disarmed(withModem(PORT)),
    'inventories/seglint.config.yaml': HEAD_CONFIG,
    'inventories/waivers.yaml':
      BASE_WAIVERS + '  - { rule: "*", target: "*", reason: also here, expires: 9999-12-31 }\n',
    'rules-acme/acme-no-mobile.yaml': ACME_RULE.replace('default: [mobile]', 'default: []'),
    'rules-extra/acme-extra.yaml': ACME_RULE.replace(/acme-no-mobile/g, 'acme-extra'),
  });
  repo.git('add', '-A');
  repo.git('commit', '-qm', 'head: a modem, and the policy disarmed');
  return repo;
}

type Json = Record<string, any>;

/** Errors of a SARIF log against the official OASIS schema (vendored in tests/fixtures/sarif). */
function sarifErrors(log: unknown): unknown[] {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ((addFormats as unknown as { default?: (a: Ajv) => Ajv }).default ?? (addFormats as unknown as (a: Ajv) => Ajv))(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object,
  );
  return validate(log) ? [] : (validate.errors ?? []);
}

async function json(args: string[], cwd: string): Promise<{ status: number; stderr: string; report: Json }> {
  const r = await run([...args, '--today', TODAY, '-f', 'json'], { cwd });
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as Json;
  expect(reportErrors(report)).toEqual([]);
  return { status: r.status, stderr: r.stderr, report };
}

const of = (report: Json, rule: string) => (report.findings as Json[]).filter((f) => f.ruleId === rule);
const entities = (report: Json, rule: string) =>
  of(report, rule)
    .map((f) => f.entity.id as string)
    .sort();
const changes = (report: Json) =>
  of(report, 'policy-weakened')
    .map((f) => [f.evidence.kind, f.entity.id])
    .sort((a, b) => (a[1] < b[1] ? -1 : 1));

/** Every change the head makes to the policy, as (kind, entity id). */
const EXPECTED_CHANGES = [
  ['param-added', 'inventory:params.closed-zone-external-path.trusts'],
  ['param-added', 'inventory:params.mobile-uplink-in-closed-zone.media'],
  ['param-added', 'inventory:params.remote-access-not-via-dmz.purposes'],
  ['param-added', 'inventory:params.remote-access-unmonitored.purposes'],
  ['fail-on-raised', 'config:failOn'],
  ['rules-dirs-changed', 'config:rulesDirs'],
  ['rule-file-changed', 'rules:config:../rules-acme/acme-no-mobile.yaml'],
  ['rule-file-added', 'rules:config:../rules-extra/acme-extra.yaml'],
  ['waiver-added', 'waiver:*:*'],
  ['waiver-added', 'waiver:*:*'],
].sort((a, b) => (a[1]! < b[1]! ? -1 : 1));

/** The modem's findings, from rules whose lists the head emptied or that no waiver may now cover. */
const MODEM_FINDINGS = {
  'mobile-uplink-in-closed-zone': 'link-modem-mv-5-hq',
  'remote-access-not-via-dmz': 'link-modem-mv-5-hq',
  'remote-access-unmonitored': 'link-modem-mv-5-hq',
  'acme-no-mobile': 'link-modem-mv-5-hq',
  'cross-zone-link-without-conduit': 'link-modem-mv-5-hq',
  'zone-bridging-asset': 'modem-mv-5',
};

describe('gating mode: a change cannot weaken its own gate', () => {
  let repo: Repo;
  beforeAll(() => {
    repo = scenario();
  });

  it('check --policy-from HEAD~1: the modem is found, nothing is waived by the change, exit 1, and each policy change is a finding', async () => {
    const { status, report } = await json(
      ['check', INV, '--policy-from', 'HEAD~1', '--waivers-file', 'inventories/waivers.yaml'],
      repo.dir,
    );
    expect(status).toBe(1);
    for (const [rule, entity] of Object.entries(MODEM_FINDINGS)) expect(entities(report, rule), rule).toContain(entity);
    // the base's closed-zone-external-path (trusts: [closed]) applies: the closed zone's paths out are found
    expect(entities(report, 'closed-zone-external-path')).toContain('scanner-network');
    // no finding is under the change's waivers; the base's one waiver is the only one in force
    expect((report.findings as Json[]).filter((f) => f.waiver?.status === 'active').map((f) => f.waiver.id)).toEqual([
      'w-room',
    ]);
    expect((report.waivers as Json[]).map((w) => w.id ?? `${w.rule}:${w.target}`).sort()).toEqual([
      'w-room',
      'waiver-mv-server-room',
    ]);
    expect(changes(report)).toEqual(EXPECTED_CHANGES);
    // each at its line in the head's files, with old and new values
    const pw = of(report, 'policy-weakened');
    const media = pw.find((f) => f.entity.id === 'inventory:params.mobile-uplink-in-closed-zone.media')!;
    const head = readFileSync(path.join(repo.dir, INV), 'utf8').split('\n');
    expect(media.location.file).toBe(INV);
    expect(head[media.location.line - 1]).toContain('mobile-uplink-in-closed-zone: { media: [] }');
    expect(media.evidence).toEqual({
      kind: 'param-added',
      area: 'inventory',
      rule: 'mobile-uplink-in-closed-zone',
      before: null,
      after: [],
      base: 'HEAD~1',
    });
    const failOn = pw.find((f) => f.entity.id === 'config:failOn')!;
    expect(failOn).toMatchObject({
      severity: 'high',
      location: { file: 'inventories/seglint.config.yaml', line: 1 },
      evidence: { before: 'low', after: 'none' },
    });
    const waivers = pw
      .filter((f) => f.evidence.kind === 'waiver-added')
      .map((f) => f.location.file)
      .sort();
    expect(waivers).toEqual([INV, 'inventories/waivers.yaml']);
    expect(pw.find((f) => f.evidence.kind === 'rule-file-changed')!.location.file).toBe(
      'rules-acme/acme-no-mobile.yaml',
    );
    // the report says where the policy came from, and the effective (base) parameters
    expect(report.policy).toEqual({
      from: 'base',
      base: 'HEAD~1',
      config: 'inventories/seglint.config.yaml',
      failOn: 'low',
      failOnFrom: 'configuration',
      rulesDirs: ['rules-acme'],
    });
    const params = (id: string) => (report.rules as Json[]).find((r) => r.id === id)!.params;
    expect(params('mobile-uplink-in-closed-zone')).toEqual({
      media: ['mobile', 'satellite', 'wifi'],
      trusts: ['closed'],
    });
    expect(params('acme-no-mobile')).toEqual({ media: ['mobile'] });
    expect((report.rules as Json[]).map((r) => r.id)).not.toContain('acme-extra');
    expect((report.rules as Json[]).find((r) => r.id === 'orphan-asset')!.severity).toBe('info');
  });

  it('diff --base HEAD~1 gates the same way by default: the new findings and the policy changes are new, exit 1', async () => {
    const { status, report } = await json(
      ['diff', '--base', 'HEAD~1', INV, '--waivers-file', 'inventories/waivers.yaml'],
      repo.dir,
    );
    expect(status).toBe(1);
    const fresh = (report.findings as Json[]).filter((f) => f.baselineState === 'new');
    for (const [rule, entity] of Object.entries(MODEM_FINDINGS))
      expect(
        fresh.some((f) => f.ruleId === rule && f.entity.id === entity),
        rule,
      ).toBe(true);
    expect(
      fresh
        .filter((f) => f.ruleId === 'policy-weakened')
        .map((f) => [f.evidence.kind, f.entity.id])
        .sort((a, b) => (a[1] < b[1] ? -1 : 1)),
    ).toEqual(EXPECTED_CHANGES);
    expect(fresh.every((f) => f.waiver?.status !== 'active')).toBe(true);
    expect(report.summary.diff.new).toBe(fresh.length);
    expect(report.policy).toMatchObject({ from: 'base', base: 'HEAD~1', failOn: 'low' });
  });

  it('the disarmed behaviour without gating mode (check, diff --policy-from self): exit 0, but the report shows the effective params and configuration', async () => {
    const plain = await json(['check', INV], repo.dir);
    expect(plain.status).toBe(0);
    expect(entities(plain.report, 'mobile-uplink-in-closed-zone')).toEqual([]);
    expect(of(plain.report, 'policy-weakened')).toEqual([]);
    expect(plain.report.policy).toEqual({
      from: 'self',
      config: 'inventories/seglint.config.yaml',
      failOn: 'none',
      failOnFrom: 'configuration',
      rulesDirs: ['rules-acme', 'rules-extra'],
    });
    const params = (id: string) => (plain.report.rules as Json[]).find((r) => r.id === id)!.params;
    expect(params('mobile-uplink-in-closed-zone')).toEqual({ media: [], trusts: ['closed'] });
    expect(params('closed-zone-external-path')).toMatchObject({ trusts: [] });

    const self = await json(['diff', '--base', 'HEAD~1', '--policy-from', 'self', INV], repo.dir);
    expect(self.status).toBe(0);
    expect(self.report.policy).toMatchObject({ from: 'self', failOn: 'none' });

    // the text footer names the configuration, the threshold and every parameter that differs from its default
    const text = await run(['check', INV, '--today', TODAY], { cwd: repo.dir });
    const footer = text.stdout.trimEnd().split('\n').at(-1)!;
    expect(footer).toMatch(
      /^policy from the inventory itself: inventories\/seglint\.config\.yaml; fail on none \(configuration\); rule directories: rules-acme, rules-extra; params: /,
    );
    for (const p of [
      'closed-zone-external-path.trusts=[]',
      'mobile-uplink-in-closed-zone.media=[]',
      'remote-access-not-via-dmz.purposes=[]',
      'remote-access-unmonitored.purposes=[]',
    ])
      expect(footer).toContain(p);
  });

  it('every format says where the policy came from', async () => {
    const args = ['check', INV, '--policy-from', 'HEAD~1', '--today', TODAY];
    const out = async (format: string) => (await run([...args, '-f', format], { cwd: repo.dir })).stdout;

    const text = (await out('text')).trimEnd().split('\n').at(-1)!;
    expect(text).toBe(
      'policy from base HEAD~1: inventories/seglint.config.yaml; fail on low (configuration); rule directories: rules-acme; params: defaults',
    );

    const sarif = JSON.parse(await out('sarif'));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].properties.policy).toMatchObject({
      from: 'base',
      base: 'HEAD~1',
      config: 'inventories/seglint.config.yaml',
    });

    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await out('junit'));
    const suites = [junit.testsuites.testsuite].flat() as Json[];
    const props = (suite: string) =>
      Object.fromEntries(
        ([suites.find((s) => s.name === suite)!.properties.property].flat() as Json[]).map((p) => [p.name, p.value]),
      );
    expect(props('mobile-uplink-in-closed-zone')).toMatchObject({
      'policy.from': 'base HEAD~1',
      'policy.config': 'inventories/seglint.config.yaml',
      'param.media': '["mobile","satellite","wifi"]',
    });

    const md = await out('markdown');
    const section = md.slice(md.indexOf('\n## Policy\n'), md.indexOf('\n## Rules that ran\n'));
    expect(section).toContain('`HEAD~1`');
    expect(section).toContain('`inventories/seglint.config.yaml`');

    const html = await out('html');
    expect(html).toMatch(/<section id="policy">[\s\S]*<code>HEAD~1<\/code>[\s\S]*<\/section>/);

    const github = (await out('github')).trimEnd().split('\n');
    expect(github.at(-1)).toBe(`::notice title=seglint policy::${text}`);
    expect(github.filter((l) => l.startsWith('::notice title=seglint policy::'))).toHaveLength(1);

    // CSV stays one table of findings: its header, then one row per finding
    const csv = (await out('csv')).split('\r\n').filter(Boolean);
    const count = JSON.parse((await run([...args, '-f', 'json'], { cwd: repo.dir })).stdout).findings.length;
    expect(csv[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv).toHaveLength(count + 1);
  });

  it('non-default parameters show in markdown, HTML and SARIF (as rule configuration overrides)', async () => {
    const args = ['check', INV, '--today', TODAY];
    const out = async (format: string) => (await run([...args, '-f', format], { cwd: repo.dir })).stdout;
    const md = await out('markdown');
    expect(md).toContain('| `mobile-uplink-in-closed-zone` | `media` | `[]` | `["mobile","satellite","wifi"]` |');
    expect(await out('html')).toContain(
      '<td><code>mobile-uplink-in-closed-zone</code></td><td><code>media</code></td><td><code>[]</code></td>',
    );
    const sarif = JSON.parse(await out('sarif'));
    expect(sarifErrors(sarif)).toEqual([]);
    const overrides = sarif.runs[0].invocations[0].ruleConfigurationOverrides as Json[];
    const rules = sarif.runs[0].tool.driver.rules as Json[];
    const media = overrides.find((o) => o.descriptor.id === 'mobile-uplink-in-closed-zone')!;
    expect(rules[media.descriptor.index]!.id).toBe('mobile-uplink-in-closed-zone');
    expect(media.configuration.parameters).toEqual({ media: [], trusts: ['closed'] });
  });
});

describe('gating mode: what stays trusted, and where the base is read', () => {
  it("the CI job's own command line stays trusted: --fail-on none from the job passes, and policy-weakened still reports", async () => {
    const repo = scenario();
    const r = await json(['check', INV, '--policy-from', 'HEAD~1', '--fail-on', 'none'], repo.dir);
    expect(r.status).toBe(0);
    expect(r.report.policy).toMatchObject({ from: 'base', failOn: 'none', failOnFrom: 'command-line' });
    expect(of(r.report, 'policy-weakened').length).toBe(EXPECTED_CHANGES.length - 1); // without --waivers-file, its waiver is no policy input
  });

  it('-c names a file: inside the repository it is read as it is in the base, outside from disk', async () => {
    const outside = tempDir({ 'ci.yaml': 'failOn: critical\n' });
    const repo = gitRepo({ [INV]: PORT, 'ci/seglint.yaml': 'failOn: low\n' });
    write(repo.dir, { 'ci/seglint.yaml': 'failOn: none\nrules:\n  zone-policy-violation: off\n' });
    const inside = await json(['check', INV, '--policy-from', 'HEAD', '-c', 'ci/seglint.yaml'], repo.dir);
    expect(inside.status).toBe(1);
    expect(inside.report.policy).toMatchObject({
      config: 'ci/seglint.yaml',
      failOn: 'low',
      failOnFrom: 'configuration',
    });
    expect(entities(inside.report, 'zone-policy-violation').length).toBeGreaterThan(0);
    expect(changes(inside.report)).toEqual([
      ['fail-on-raised', 'config:failOn'],
      ['rule-disabled', 'config:rules.zone-policy-violation'],
    ]);
    const abs = path.join(outside, 'ci.yaml');
    const far = await json(['check', INV, '--policy-from', 'HEAD', '-c', abs], repo.dir);
    expect(far.report.policy).toMatchObject({ failOn: 'critical', failOnFrom: 'configuration' });
    expect(of(far.report, 'policy-weakened')).toEqual([]);
  });

  it('--rules names a directory: its rule files are read as they are in the base', async () => {
    const repo = gitRepo({ [INV]: withModem(PORT), 'acme/acme-no-mobile.yaml': ACME_RULE });
    write(repo.dir, { 'acme/acme-no-mobile.yaml': ACME_RULE.replace('default: [mobile]', 'default: []') });
    const r = await json(['check', INV, '--policy-from', 'HEAD', '--rules', 'acme'], repo.dir);
    expect(r.status).toBe(1);
    expect(entities(r.report, 'acme-no-mobile')).toContain('link-modem-mv-5-hq');
    expect(changes(r.report)).toEqual([['rule-file-changed', 'rules:cli:acme/acme-no-mobile.yaml']]);
    // without gating mode the edited rule is the one that runs
    const self = await json(['check', INV, '--rules', 'acme'], repo.dir);
    expect(entities(self.report, 'acme-no-mobile')).toEqual([]);
  });

  it('a configuration the change replaces by a symbolic link is read from the base, not through the link', async () => {
    const outside = tempDir({ 'evil.yaml': 'failOn: none\n' });
    const repo = gitRepo({ [INV]: PORT, 'inventories/seglint.config.yaml': 'failOn: low\n' });
    rmSync(path.join(repo.dir, 'inventories/seglint.config.yaml'));
    symlinkSync(path.join(outside, 'evil.yaml'), path.join(repo.dir, 'inventories/seglint.config.yaml'));
    const r = await json(['check', INV, '--policy-from', 'HEAD'], repo.dir);
    expect(r.status).toBe(1);
    expect(r.report.policy).toMatchObject({ config: 'inventories/seglint.config.yaml', failOn: 'low' });
    expect(changes(r.report)).toEqual([['fail-on-raised', 'config:failOn']]);
  });

  it('a configuration the change adds is not applied (the base has none: defaults) and is reported', async () => {
    const repo = gitRepo({ [INV]: PORT });
    write(repo.dir, { 'inventories/seglint.config.yaml': 'failOn: none\n' });
    const r = await json(['check', INV, '--policy-from', 'HEAD'], repo.dir);
    expect(r.status).toBe(1);
    expect(r.report.policy).toMatchObject({ config: null, failOn: 'low', failOnFrom: 'default' });
    expect(changes(r.report)).toEqual([['fail-on-raised', 'config:failOn']]);
  });

  it('a new inventory the base does not have yet: default policy, its own params and waivers reported', async () => {
    const repo = gitRepo({ 'README.md': 'x\n' });
    write(repo.dir, { [INV]: disarmed(PORT) });
    const r = await json(['check', INV, '--policy-from', 'HEAD'], repo.dir);
    expect(r.status).toBe(1);
    expect(
      changes(r.report)
        .map((c) => c[0])
        .sort(),
    ).toEqual(['param-added', 'param-added', 'param-added', 'param-added', 'waiver-added', 'waiver-added'].sort());
    expect(entities(r.report, 'mobile-uplink-in-closed-zone').length).toBe(4);
  });

  it('the base may be a path: its inventory, the configuration beside it and its rule directories', async () => {
    const dir = tempDir({
      'trusted/inventories/port.yaml': PORT,
      'trusted/inventories/seglint.config.yaml': BASE_CONFIG,
      'trusted/rules-acme/acme-no-mobile.yaml': ACME_RULE,
      [INV]: disarmed(withModem(PORT)),
      'inventories/seglint.config.yaml': HEAD_CONFIG,
      'rules-acme/acme-no-mobile.yaml': ACME_RULE.replace('default: [mobile]', 'default: []'),
      'rules-extra/acme-extra.yaml': ACME_RULE.replace(/acme-no-mobile/g, 'acme-extra'),
    });
    const r = await json(['check', INV, '--policy-from', 'trusted/inventories/port.yaml'], dir);
    expect(r.status).toBe(1);
    expect(r.report.policy).toMatchObject({
      from: 'base',
      base: 'trusted/inventories/port.yaml',
      config: 'trusted/inventories/seglint.config.yaml',
      rulesDirs: ['trusted/rules-acme'],
    });
    expect(changes(r.report)).toEqual(
      EXPECTED_CHANGES.filter(([, id]) => id !== 'waiver:*:*')
        .concat([['waiver-added', 'waiver:*:*']])
        .sort((a, b) => (a[1]! < b[1]! ? -1 : 1)),
    );
    expect(entities(r.report, 'acme-no-mobile')).toContain('link-modem-mv-5-hq');
  });

  it('bad uses are usage errors: an unknown source, --watch with --policy-from', async () => {
    const repo = scenario();
    const unknown = await run(['check', INV, '--policy-from', 'no-such-ref'], { cwd: repo.dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(
      'seglint: error: --policy-from "no-such-ref" is neither an inventory path nor a git revision (see seglint --help)\n',
    );
    const watch = await run(['check', INV, '--watch', '--policy-from', 'HEAD~1'], { cwd: repo.dir });
    expect(watch.status).toBe(2);
    expect(watch.stderr).toMatch(
      /^seglint: error: --watch checks your working copy; --policy-from is for gating a change in CI/,
    );
  });

  it('an inventory outside the git work tree has no base in a revision: a usage error, not a silent read from disk', async () => {
    const repo = gitRepo({ 'README.md': 'x\n' });
    const elsewhere = tempDir({ 'port.yaml': disarmed(PORT) });
    const r = await run(['check', path.join(elsewhere, 'port.yaml'), '--policy-from', 'HEAD'], { cwd: repo.dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^seglint: error: the inventory ".*port\.yaml" is not in the git work tree .*, so revision HEAD holds no base policy for it/,
    );
  });

  it("problems in the base's policy files are errors that say they are the base's", async () => {
    const repo = gitRepo({ [INV]: PORT, 'inventories/seglint.config.yaml': 'failOn: sometimes\n' });
    write(repo.dir, { 'inventories/seglint.config.yaml': 'failOn: low\n' });
    const r = await run(['check', INV, '--policy-from', 'HEAD'], { cwd: repo.dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(
      /^inventories\/seglint\.config\.yaml:1:9 error: .*\(in the policy read from HEAD\)$/,
    );
  });
});
