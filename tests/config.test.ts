/** seglint.config.yaml: found next to the inventory or given with --config, validated, applied. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir, TODAY, yaml } from './helpers.js';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';

const inventory = yaml`
  seglint: 1
  organizations:
    - { id: state, type: state-enterprise }
    - id: vendor
      type: vendor
      owners: [{ organization: state, share: 0.12 }]
  zones:
    - { id: z, trust: internal, monitoring: [ids] }
  assets:
    - { id: cam-1, kind: camera, zone: z }
`;

function run(files: Record<string, string>, args: string[]) {
  const dir = tempDir(files);
  return cli(['check', 'inventory.yaml', '--today', TODAY, '-f', 'json', ...args], { cwd: dir });
}
const rulesOf = (stdout: string) =>
  (JSON.parse(stdout).findings as { ruleId: string; severity: string }[])
    .map((f) => `${f.ruleId}:${f.severity}`)
    .sort();

describe('configuration', () => {
  it('without one, the defaults apply', () => {
    const r = run({ 'inventory.yaml': inventory }, []);
    expect(rulesOf(r.stdout)).toEqual(['asset-without-owner:medium', 'state-ownership:high']);
  });

  it('next to the inventory it is found; rules off, severities and params are applied', () => {
    const r = run(
      {
        'inventory.yaml': inventory,
        'seglint.config.yaml': yaml`
          rules:
            asset-without-owner: info
            state-ownership:
              severity: critical
              params: { threshold: 0.2 }
        `,
      },
      [],
    );
    // threshold 20%: 12% is no longer reported; the camera without owner is now info
    expect(rulesOf(r.stdout)).toEqual(['asset-without-owner:info']);
    const off = run({ 'inventory.yaml': inventory, 'seglint.config.yaml': 'rules:\n  asset-without-owner: off\n' }, []);
    expect(rulesOf(off.stdout)).toEqual(['state-ownership:high']);
    const r2 = run({ 'inventory.yaml': inventory, 'seglint.config.yaml': 'rules:\n  state-ownership: critical\n' }, []);
    expect(rulesOf(r2.stdout)).toContain('state-ownership:critical');
  });

  it('a config parameter wins over the inventory policy', () => {
    const inv = inventory + 'policy:\n  params:\n    state-ownership: { threshold: 0.5 }\n';
    expect(rulesOf(run({ 'inventory.yaml': inv }, []).stdout)).not.toContain('state-ownership:high');
    const r = run(
      { 'inventory.yaml': inv, 'seglint.config.yaml': 'rules:\n  state-ownership: { params: { threshold: 0.1 } }\n' },
      [],
    );
    expect(rulesOf(r.stdout)).toContain('state-ownership:high');
  });

  it('policy.params in the inventory must name an existing rule', () => {
    const r = run({ 'inventory.yaml': inventory + 'policy:\n  params:\n    state-ownershp: { threshold: 0.2 }\n' }, []);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'inventory.yaml:13:5 error: unknown rule "state-ownershp" (did you mean "state-ownership"?)',
    );
  });

  it('failOn and only; --fail-on on the command line wins', () => {
    const files = { 'inventory.yaml': inventory, 'seglint.config.yaml': 'failOn: critical\nonly: [state-ownership]\n' };
    const r = run(files, []);
    expect(rulesOf(r.stdout)).toEqual(['state-ownership:high']);
    expect(r.status).toBe(0);
    expect(run(files, ['--fail-on', 'high']).status).toBe(1);
  });

  it('--config names a file elsewhere; --no-config ignores the one found', () => {
    const dir = tempDir({
      'inventory.yaml': inventory,
      'seglint.config.yaml': 'rules:\n  state-ownership: off\n',
      'other/strict.yaml': 'rules:\n  asset-without-owner: off\n',
    });
    const found = cli(['check', 'inventory.yaml', '--today', TODAY, '-f', 'json'], { cwd: dir });
    expect(rulesOf(found.stdout)).toEqual(['asset-without-owner:medium']);
    const named = cli(['check', 'inventory.yaml', '--today', TODAY, '-f', 'json', '--config', 'other/strict.yaml'], {
      cwd: dir,
    });
    expect(rulesOf(named.stdout)).toEqual(['state-ownership:high']);
    const none = cli(['check', 'inventory.yaml', '--today', TODAY, '-f', 'json', '--no-config'], { cwd: dir });
    expect(rulesOf(none.stdout)).toEqual(['asset-without-owner:medium', 'state-ownership:high']);
  });

  it('errors: an unknown rule, a bad parameter, an unknown key — at their line, exit 2', () => {
    const cfg = yaml`
      rules:
        state-ownershp: off
    `;
    const a = run({ 'inventory.yaml': inventory, 'seglint.config.yaml': cfg }, []);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain(
      'seglint.config.yaml:2:3 error: unknown rule "state-ownershp" (did you mean "state-ownership"?)',
    );
    const b = run(
      {
        'inventory.yaml': inventory,
        'seglint.config.yaml': 'rules:\n  state-ownership: { params: { threshold: "ten" } }\n',
      },
      [],
    );
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(
      /seglint\.config\.yaml:2:\d+ error: the configuration sets parameter "threshold" of rule "state-ownership" to "ten"; expected a number/,
    );
    const c = run({ 'inventory.yaml': inventory, 'seglint.config.yaml': 'failon: high\n' }, []);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain(
      'seglint.config.yaml:1:1 error: unknown property "failon" in the configuration (did you mean "failOn"?)',
    );
  });
});

describe('progress', () => {
  function fakeIo(stderrIsTTY: boolean): Io & { out: string; err: string } {
    const io = {
      out: '',
      err: '',
      stdout(t: string) {
        io.out += t;
      },
      stderr(t: string) {
        io.err += t;
      },
      cwd: ROOT,
      env: { NO_COLOR: '1' },
      stdoutIsTTY: false,
      stderrIsTTY,
    };
    return io;
  }

  it('shows phases and rules on stderr when it is a terminal, nothing when it is not', async () => {
    const args = ['check', path.join('inventories', 'port-of-rotterdam.yaml'), '--today', TODAY, '-f', 'json'];
    const tty = fakeIo(true);
    expect(await main(args, tty)).toBe(1);
    expect(tty.err).toContain('seglint: rule state-ownership');
    expect(tty.err).toContain('seglint: load');
    const pipe = fakeIo(false);
    expect(await main(args, pipe)).toBe(1);
    expect(pipe.err).toBe('');
    expect(pipe.out).toBe(tty.out);
  });
});
