/** CLI scenarios: spawn the built binary with NO_COLOR=1 and assert stdout, stderr and exit status. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, reportErrors, tempDir, TODAY, yaml } from '../helpers.js';

const PORT = 'inventories/port-of-rotterdam.yaml';

describe('seglint check', () => {
  it('reports the port findings as text and exits 1', () => {
    const r = cli(['check', PORT, '--today', TODAY]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^inventories\/port-of-rotterdam\.yaml\n/);
    expect(r.stdout).toMatch(/^ {2}\d+:\d+ +high +state-ownership +nuctech is 15\.96% owned by cnnc/m);
    expect(r.stdout).toMatch(/\d+ findings \(.*\); \d+ at or above low in Customs cargo scanners/);
  });

  it('exits 0 on the clean reference plant', () => {
    const r = cli(['check', 'inventories/reference-plant.yaml', '--today', TODAY]);
    expect(r.stdout).toContain('No findings');
    expect(r.status).toBe(0);
  });

  it('--fail-on none never fails on findings, --fail-on critical ignores lower ones', () => {
    expect(cli(['check', PORT, '--today', TODAY, '--fail-on', 'none']).status).toBe(0);
    const only = cli(['check', PORT, '--today', TODAY, '--rule', 'state-ownership', '--fail-on', 'critical']);
    expect(only.status).toBe(0);
    expect(cli(['check', PORT, '--today', TODAY, '--rule', 'state-ownership', '--fail-on', 'high']).status).toBe(1);
  });

  it('writes several formats in one run, each to its own file, and the JSON validates', () => {
    const dir = tempDir();
    const json = path.join(dir, 'report.json');
    const r = cli(['check', PORT, '--today', TODAY, '-f', 'json', '-o', json, '-f', 'text']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('state-ownership');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(reportErrors(report)).toEqual([]);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['report.json']); // no temporary file left behind
  });

  it('gives byte-identical JSON on repeated runs', () => {
    const a = cli(['check', PORT, '--today', TODAY, '-f', 'json']).stdout;
    const b = cli(['check', PORT, '--today', TODAY, '-f', 'json']).stdout;
    expect(a).toBe(b);
  });

  it('rejects an unknown format or rule with exit 2 and no stack trace', () => {
    const f = cli(['check', PORT, '-f', 'yaml']);
    expect(f.status).toBe(2);
    expect(f.stderr).toContain('unknown format "yaml"');
    const r = cli(['check', PORT, '--rule', 'state-ownershp']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown rule "state-ownershp" (did you mean "state-ownership"?)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports every input error at file:line:col, exit 2, and keeps an existing report', () => {
    const dir = tempDir({
      'bad.yaml': yaml`
        seglint: 1
        assets:
          - id: a
            kind: scaner
          - id: b
            kind: server
            zonee: z
      `,
      'report.json': 'previous report\n',
    });
    const r = cli(['check', 'bad.yaml', '-f', 'json', '-o', 'report.json'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^bad\.yaml:4:11 error: "kind" of asset "a" is "scaner", expected one of: .* \(did you mean "scanner"\?\)$/,
      ),
      'bad.yaml:7:5 error: unknown property "zonee" in asset "b" (did you mean "zone"?)',
      'seglint: 2 errors; nothing was checked',
      '',
    ]);
    expect(readFileSync(path.join(dir, 'report.json'), 'utf8')).toBe('previous report\n');
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'report.json']);
  });

  it('shows a stack trace only with --debug', () => {
    const r = cli(['check', 'missing.yaml', '--debug']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"missing.yaml" does not exist');
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('user rules', () => {
  it('a broken user rule stops the run with exit 2 at the rule file line', () => {
    const r = cli(['check', PORT, '--rules', 'tests/fixtures/user-rules/broken']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'tests/fixtures/user-rules/broken/acme-broken.yaml:9:11 error: link has no attribute "mediumm" (did you mean "medium"?)',
    );
  });

  it('a rule file that is not even YAML is an error at its line, not a crash', () => {
    const dir = tempDir({ 'rules/acme-x.yaml': 'id: acme-x\n  title: [\n' });
    const r = cli(['rules', '--rules', path.join(dir, 'rules')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/acme-x\.yaml:2:\d+ error: invalid YAML: /);
    expect(r.stderr).not.toContain('internal error');
  });

  it('a working user rule is listed by `rules` and its findings appear in `check`', () => {
    const rules = cli(['rules', '--rules', 'tests/fixtures/user-rules/good']);
    expect(rules.status).toBe(0);
    expect(rules.stdout).toMatch(
      /^acme-no-wifi +medium +segmentation +No wifi links anywhere +\[tests\/fixtures\/user-rules\/good\/acme-no-wifi\.yaml\]$/m,
    );
    const dir = tempDir({
      'inv.yaml': yaml`
        seglint: 1
        assets:
          - { id: a, kind: plc }
          - { id: b, kind: hmi }
        links:
          - { id: l1, from: a, to: b, medium: wifi }
      `,
    });
    const c = cli(
      ['check', 'inv.yaml', '--rules', path.resolve('tests/fixtures/user-rules/good'), '--rule', 'acme-no-wifi'],
      { cwd: dir },
    );
    expect(c.status).toBe(1);
    expect(c.stdout).toMatch(/^ {2}6:5 +medium +acme-no-wifi +link l1 uses wifi$/m);
  });

  it("test-rules runs a pack's own cases and prints a closing count", () => {
    const r = cli(['test-rules', 'tests/fixtures/user-rules/good']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toBe('3 passed, 0 failed');
  });

  it('test-rules fails on a case that does not hold', () => {
    const dir = tempDir({
      'acme-no-wifi.yaml': readFileSync('tests/fixtures/user-rules/good/acme-no-wifi.yaml', 'utf8'),
      'acme-no-wifi.test.yaml': yaml`
        rule: acme-no-wifi
        cases:
          - name: wrongly expects nothing
            inventory:
              seglint: 1
              assets: [{ id: a, kind: plc }, { id: b, kind: hmi }]
              links: [{ id: l1, from: a, to: b, medium: wifi }]
            expect: []
      `,
    });
    const r = cli(['test-rules', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAIL acme-no-wifi: wrongly expects nothing');
    expect(r.stdout).toContain('unexpected finding on link "l1": link l1 uses wifi');
    expect(r.stdout.trim().split('\n').pop()).toBe('0 passed, 1 failed');
  });
});

describe('other commands', () => {
  it('validate accepts every bundled inventory', () => {
    for (const inv of [
      'inventories/port-of-rotterdam.yaml',
      'inventories/reference-plant.yaml',
      'inventories/split/inventory.yaml',
    ]) {
      const r = cli(['validate', inv]);
      expect(r.status, `${inv}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/: valid \(\d+ files?, \d+ assets/);
    }
  });

  it('schema prints each JSON Schema', () => {
    for (const kind of ['inventory', 'rule', 'config', 'report']) {
      const r = cli(['schema', '--kind', kind]);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).$id).toContain(`${kind}.schema.json`);
    }
  });

  it('explain prints a rule page; --help and --version work', () => {
    const e = cli(['explain', 'state-ownership']);
    expect(e.status).toBe(0);
    expect(e.stdout).toMatch(/^# state-ownership/);
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = cli(['check', '--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('--fail-on');
    expect(existsSync('bin/seglint.js')).toBe(true);
  });

  it('an unknown command is a usage error', () => {
    const r = cli(['chekc', PORT]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Did you mean check?');
  });
});
