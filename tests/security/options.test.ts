/**
 * Issue 9, "options and dates": one date parser for inventory dates and --today, past-only
 * dates in the future are load errors, every typed option checked, empty values located,
 * the node limit message true, --watch surviving its directory, no internal error from bad
 * input or bad options. In-process through run(); the watch test spawns the CLI.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError, type Diagnostic } from '../../src/source/errors.js';
import { dateProblem, todayAnywhere, todayUtc } from '../../src/source/dates.js';
import { loadInventory } from '../../src/inventory/load.js';
import { validatorFor } from '../../src/source/schema.js';
import { linearErrors } from '../../src/source/validators.js';
import { readYaml } from '../../src/source/yaml.js';
import { PositionIndex, SourceFile } from '../../src/source/location.js';
import { lineOf, run, tempDir, TODAY, yaml } from '../helpers.js';
import { count, ownedInventory, spawnWatch } from '../cli/spawn-watch.js';

/** The one line a usage error prints, and nothing on stdout. */
async function usageError(args: string[], cwd: string): Promise<string> {
  const r = await run(args, { cwd });
  expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/internal error|\n {4}at /);
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  return r.stderr.trimEnd();
}

function inputErrorOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics;
    throw err;
  }
  throw new Error('expected an InputError');
}

const asset = (extra: string) => yaml`
  seglint: 1
  assets:
    - id: a
      kind: server
      ${extra}
`;

const INV = asset('criticality: low');

describe('dates: one parser for the inventory and --today', () => {
  it('accepts real days from 1900-01-01 to 9999-12-31 and nothing else', () => {
    for (const ok of ['1900-01-01', '2000-02-29', '2024-02-29', '2026-11-29', '9999-12-31'])
      expect(dateProblem(ok), ok).toBeUndefined();
    expect(dateProblem('2026-02-30')).toMatch(/^which is not a day of the calendar; /);
    expect(dateProblem('1900-02-29')).toMatch(/^which is not a day of the calendar; /); // 1900 is not a leap year
    expect(dateProblem('2023-02-29')).toMatch(/^which is not a day of the calendar; /);
    expect(dateProblem('2026-13-01')).toMatch(/^which is not a day of the calendar; /);
    expect(dateProblem('2026-00-10')).toMatch(/^which is not a day of the calendar; /);
    expect(dateProblem('0001-01-01')).toMatch(/^which is before 1900-01-01; /);
    expect(dateProblem('1899-12-31')).toMatch(/^which is before 1900-01-01; /);
    for (const bad of ['', '2026-1-1', '26-01-01', '2026-01-01T00:00', ' 2026-01-01', '１９９９-01-01'])
      expect(dateProblem(bad), bad).toMatch(/^which is not a date; /);
  });

  it('refuses --today 2026-02-30 and --today 0001-01-01 (both were accepted) with exit 2', async () => {
    const dir = tempDir({ 'inv.yaml': INV });
    expect(await usageError(['check', 'inv.yaml', '--today', '2026-02-30'], dir)).toBe(
      'seglint: error: --today is "2026-02-30", which is not a day of the calendar; expected a real date YYYY-MM-DD, 1900-01-01 or later (see seglint --help)',
    );
    expect(await usageError(['check', 'inv.yaml', '--today', '0001-01-01'], dir)).toMatch(
      /^seglint: error: --today is "0001-01-01", which is before 1900-01-01; /,
    );
    expect(await usageError(['check', 'inv.yaml', '--today', ''], dir)).toMatch(
      /^seglint: error: --today is "", which is not a date; /,
    );
    expect(await usageError(['check', 'inv.yaml', '--today', '2026-11-29', '--today', '2026-11-30'], dir)).toMatch(
      /--today is given 2 times \("2026-11-29", "2026-11-30"\)/,
    );
    for (const cmd of [['validate'], ['report'], ['graph'], ['diff', '--base', 'inv.yaml'], ['path', 'a', 'a']]) {
      expect(await usageError([...cmd, 'inv.yaml', '--today', '2026-02-30'], dir)).toMatch(
        /--today is "2026-02-30", which is not a day of the calendar/,
      );
    }
  });

  it('says the same of a date in the inventory as of --today', async () => {
    const dir = tempDir({ 'inv.yaml': asset('audit: { lastCompleted: 0001-01-01 }') });
    const r = await run(['check', 'inv.yaml', '--today', TODAY], { cwd: dir });
    expect(r.status).toBe(2);
    const line = r.stderr.split('\n')[0]!;
    expect(line).toBe(
      `inv.yaml:${lineOf(asset('audit: { lastCompleted: 0001-01-01 }'), 'lastCompleted')}:29 error: asset "a" has audit.lastCompleted "0001-01-01", which is before 1900-01-01; expected a real date YYYY-MM-DD, 1900-01-01 or later`,
    );
    const cli = await usageError(['check', 'inv.yaml', '--today', '0001-01-01'], dir);
    // the same words after the value
    expect(cli.replace(' (see seglint --help)', '').split('"0001-01-01", ')[1]).toBe(line.split('"0001-01-01", ')[1]);
  });

  it('checks the today of a rule test file with the same parser, at its line', async () => {
    const dir = tempDir({
      'rules/r.yaml': yaml`
        id: r
        title: r
        severity: low
        category: inventory
        select: { type: asset }
        assert: { attribute: name, exists: true }
        message: 'asset {{id}} has no name'
        rationale: r
        remediation: r
      `,
      'rules/r.test.yaml': yaml`
        rule: r
        today: 2026-02-30
        cases:
          - { name: c, inventory: { seglint: 1 }, expect: [] }
      `,
    });
    const r = await run(['test-rules', 'rules'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^rules\/r\.test\.yaml:2:8 error: the test file has today "2026-02-30", which is not a day of the calendar; /,
    );
  });
});

describe('dates of what has already happened cannot lie in the future', () => {
  const cases: [string, string, string][] = [
    ['audit.lastCompleted', asset('audit: { status: completed, lastCompleted: 9999-12-31 }'), 'lastCompleted'],
    ['procurement.date', asset('procurement: { securityAssessment: true, date: 2026-11-30 }'), 'date:'],
    [
      'mitigations[0].date',
      yaml`
        seglint: 1
        organizations:
          - id: v
            type: vendor
            mitigations:
              - { measure: escrow, date: 2027-01-01 }
      `,
      'measure',
    ],
  ];
  it.each(cases)('%s after --today is an error at its line, exit 2', async (field, text, needle) => {
    const dir = tempDir({ 'inv.yaml': text });
    const r = await run(['check', 'inv.yaml', '--today', TODAY], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const [first, last] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(
      new RegExp(
        `^inv\\.yaml:${lineOf(text, needle)}:\\d+ error: (asset "a"|organization "v") has ${field.replace(/[[\]]/g, '\\$&')} "\\d{4}-\\d{2}-\\d{2}", which is in the future \\(today is ${TODAY}\\); `,
      ),
    );
    expect(last).toBe('seglint: 1 error; nothing was checked');
    const d = inputErrorOf(() => loadInventory(['inv.yaml'], { cwd: dir, today: TODAY }));
    expect(d.map((x) => [x.code, x.data?.field, x.data?.today])).toEqual([['date-in-future', field, TODAY]]);
  });

  it('lastCompleted: 9999-12-31 no longer switches audit-overdue off; today itself is fine', async () => {
    const critical = (date: string) => yaml`
      seglint: 1
      assets:
        - { id: a, kind: server, criticality: critical, audit: { status: completed, lastCompleted: ${date} } }
    `;
    let dir = tempDir({ 'inv.yaml': critical('9999-12-31') });
    let r = await run(['check', 'inv.yaml', '--rule', 'audit-overdue', '--today', TODAY], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/has audit\.lastCompleted "9999-12-31", which is in the future \(today is 2026-11-29\)/);
    dir = tempDir({ 'inv.yaml': critical(TODAY) });
    r = await run(['check', 'inv.yaml', '--rule', 'audit-overdue', '--today', TODAY, '-f', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    dir = tempDir({ 'inv.yaml': critical('2020-01-01') });
    r = await run(['check', 'inv.yaml', '--rule', 'audit-overdue', '--today', TODAY, '-f', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['audit-overdue']);
  });

  it('a waiver may expire in the future; validate refuses a future audit too, and --today moves today', async () => {
    const text = yaml`
      seglint: 1
      assets:
        - { id: a, kind: server, audit: { lastCompleted: 2030-01-01 } }
      waivers:
        - { rule: audit-overdue, target: a, reason: r, approver: x, expires: 9999-12-31 }
    `;
    const dir = tempDir({ 'inv.yaml': text });
    expect((await run(['validate', 'inv.yaml', '--today', TODAY], { cwd: dir })).status).toBe(2);
    expect((await run(['validate', 'inv.yaml', '--today', '2030-01-01'], { cwd: dir })).status).toBe(0);
    expect((await run(['path', 'a', 'a', 'inv.yaml', '--today', TODAY], { cwd: dir })).status).toBe(2);
  });

  it('without --today, a date is in the future once no time zone has reached it', () => {
    const tomorrowAnywhere = new Date(Date.parse(todayAnywhere()) + 86_400_000).toISOString().slice(0, 10);
    const at = (date: string) => tempDir({ 'inv.yaml': asset(`audit: { lastCompleted: ${date} }`) });
    expect(loadInventory(['inv.yaml'], { cwd: at(todayUtc()) }).inventory.assets).toHaveLength(1);
    expect(loadInventory(['inv.yaml'], { cwd: at(todayAnywhere()) }).inventory.assets).toHaveLength(1);
    expect(inputErrorOf(() => loadInventory(['inv.yaml'], { cwd: at(tomorrowAnywhere) })).map((d) => d.code)).toEqual([
      'date-in-future',
    ]);
    expect(todayAnywhere(new Date('2026-11-29T09:59:59Z'))).toBe('2026-11-29');
    expect(todayAnywhere(new Date('2026-11-29T10:00:00Z'))).toBe('2026-11-30');
  });
});

describe('numbers and other typed options', () => {
  const BAD_WHOLE = ['abc', '', '0', '-1', '1.5', '1e3', '0x10', '1e400', 'Infinity', ' 5'];

  it('--max-file-size abc no longer disables the limit: every bad value is a usage error naming it', async () => {
    const dir = tempDir({ 'inv.yaml': INV });
    for (const v of BAD_WHOLE) {
      expect(await usageError(['check', 'inv.yaml', `--max-file-size=${v}`], dir)).toBe(
        `seglint: error: --max-file-size must be a whole number from 1 to 524288000 (bytes); found ${JSON.stringify(v)} (see seglint --help)`,
      );
    }
    expect(await usageError(['check', 'inv.yaml', '--max-file-size', '524288001'], dir)).toMatch(/found "524288001"/);
    expect(await usageError(['check', 'inv.yaml', '--max-file-size', '10', '--max-file-size', '20'], dir)).toMatch(
      /--max-file-size is given 2 times/,
    );
    for (const cmd of [['validate'], ['report'], ['graph'], ['diff', '--base', 'inv.yaml'], ['path', 'a', 'a']]) {
      expect(await usageError([...cmd, 'inv.yaml', '--max-file-size', 'abc'], dir)).toMatch(
        /--max-file-size must be a whole number/,
      );
    }
    // a good value is a limit
    const r = await run(['validate', 'inv.yaml', '--max-file-size', '10'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^inv\.yaml:1:1 error: file is \d+ bytes, larger than the limit of 10 bytes/);
    expect((await run(['validate', 'inv.yaml', '--max-file-size=100000'], { cwd: dir })).status).toBe(0);
  });

  it('the loader refuses a limit that would switch itself off', () => {
    const dir = tempDir({ 'inv.yaml': INV });
    for (const maxFileSize of [NaN, 0, -1, 1.5, Infinity])
      expect(() => loadInventory(['inv.yaml'], { cwd: dir, maxFileSize }), String(maxFileSize)).toThrow(UsageError);
    expect(() => loadInventory(['inv.yaml'], { cwd: dir, today: '2026-02-30' })).toThrow(
      /today is "2026-02-30", which is not a day of the calendar/,
    );
  });

  it('--depth, --max-hops and --limit: whole numbers in their range', async () => {
    const dir = tempDir({ 'inv.yaml': INV });
    for (const v of [...BAD_WHOLE.filter((x) => x !== '0'), '1001'])
      expect(await usageError(['graph', 'inv.yaml', `--depth=${v}`, '--focus', 'a'], dir)).toMatch(
        /^seglint: error: --depth must be a whole number from 0 to 1000 \(hops\); found /,
      );
    expect(
      (await run(['graph', 'inv.yaml', '--depth', '0', '--focus', 'a', '--no-findings'], { cwd: dir })).status,
    ).toBe(0);
    for (const v of [...BAD_WHOLE, '1001'])
      expect(await usageError(['path', 'a', 'a', 'inv.yaml', `--max-hops=${v}`], dir)).toMatch(
        /^seglint: error: --max-hops must be a whole number from 1 to 1000; found /,
      );
    for (const v of [...BAD_WHOLE, '100001'])
      expect(await usageError(['path', 'a', 'a', 'inv.yaml', `--limit=${v}`], dir)).toMatch(
        /^seglint: error: --limit must be a whole number from 1 to 100000; found /,
      );
  });

  it('an option meant once, given twice, is an error (it was an internal error, or the last one or none silently won)', async () => {
    const dir = tempDir({ 'inv.yaml': INV, 'a.yaml': 'failOn: low\n', 'b.yaml': 'failOn: none\n' });
    const cases: [string[], string][] = [
      [['check', 'inv.yaml', '-c', 'a.yaml', '-c', 'b.yaml'], '--config'],
      [['check', 'inv.yaml', '--fail-on', 'high', '--fail-on', 'none'], '--fail-on'],
      [['check', 'inv.yaml', '--baseline', 'a', '--baseline', 'b'], '--baseline'],
      [['check', 'inv.yaml', '--write-baseline', 'a', '--write-baseline', 'b'], '--write-baseline'],
      [['diff', 'inv.yaml', '--base', 'inv.yaml', '--base', 'inv.yaml'], '--base'],
      [['schema', '--kind', 'inventory', '--kind', 'rule'], '--kind'],
      [['rules', '-f', 'json', '-f', 'text'], '--format'],
      [['graph', 'inv.yaml', '--focus', 'a', '--focus', 'b'], '--focus'],
    ];
    for (const [args, flag] of cases)
      expect(await usageError(args, dir)).toMatch(new RegExp(`^seglint: error: ${flag} is given 2 times \\(`));
    // array options still repeat
    expect(
      (await run(['check', 'inv.yaml', '-f', 'json', '-o', 'r.json', '-f', 'text', '--today', TODAY], { cwd: dir }))
        .status,
    ).toBe(1);
  });

  it('an empty string is not a path or a value (--rules "" read the working directory as rules)', async () => {
    const dir = tempDir({ 'inv.yaml': INV });
    const cases: [string[], string][] = [
      [['check', 'inv.yaml', '--rules', ''], '--rules'],
      [['check', 'inv.yaml', '-c', ''], '--config'],
      [['check', 'inv.yaml', '--waivers-file', ''], '--waivers-file'],
      [['check', 'inv.yaml', '--rule', ''], '--rule'],
      [['check', ''], '<paths>'],
      [['validate', 'inv.yaml', ''], '<paths>'],
      [['diff', 'inv.yaml', '--base', ''], '--base'],
      [['init', ''], '<dir>'],
      [['explain', ''], '<rule>'],
      [['graph', 'inv.yaml', '--focus', ''], '--focus'],
      [['path', '', 'a', 'inv.yaml'], '<from>'],
    ];
    for (const [args, name] of cases)
      expect(await usageError(args, dir)).toBe(
        `seglint: error: ${name} is an empty string; give a value (see seglint --help)`,
      );
  });

  it('a switch takes true or false, not any word (--waivers=maybe turned waivers off)', async () => {
    const dir = tempDir({ 'inv.yaml': INV });
    expect(await usageError(['check', 'inv.yaml', '--waivers=maybe'], dir)).toBe(
      'seglint: error: --waivers is a switch; it takes no value, or =true / =false, found "maybe" (see seglint --help)',
    );
    expect(await usageError(['report', 'inv.yaml', '--exit-code=yes'], dir)).toMatch(/--exit-code is a switch/);
    expect((await run(['check', 'inv.yaml', '--waivers=false', '--today', TODAY], { cwd: dir })).status).toBe(1);
  });
});

describe('an empty value is located at its key, not at 1:0', () => {
  it('reports `updates:` with nothing after it at the key', async () => {
    const text = yaml`
      seglint: 1
      assets:
        - id: a
          kind: server
          updates:
          audit: !!null
          interfaces:
            - { name: x, zone: z }
            # a comment
            -
      links:
      waivers:
        -
    `;
    const dir = tempDir({ 'inv.yaml': text });
    const r = await run(['validate', 'inv.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split('\n').slice(0, -1);
    expect(lines).toEqual([
      `inv.yaml:${lineOf(text, 'updates:')}:5 error: "updates" of asset "a" must be a mapping, found null`,
      `inv.yaml:${lineOf(text, 'audit:')}:12 error: "audit" of asset "a" must be a mapping, found null`,
      `inv.yaml:${lineOf(text, '    -', lineOf(text, '# a comment'))}:7 error: "interfaces[1]" of asset "a" must be a mapping, found null`,
      `inv.yaml:${lineOf(text, 'links:')}:1 error: "links" of the file must be a list, found null`,
      `inv.yaml:${lineOf(text, '  -', lineOf(text, 'waivers:'))}:3 error: waiver #1 must be a mapping, found null`,
    ]);
    expect(r.stderr).not.toMatch(/:0 error/);
  });
});

describe('the node limit says which limit was hit', () => {
  const read = (text: string, maxNodes?: number) =>
    readYaml(new SourceFile('f.yaml', text), new PositionIndex(), { maxNodes });

  it('many plain keys are not an alias bomb: each node counts once, however deep', async () => {
    // 150,000 keys six levels down: the old count added every node again at each level and
    // called this "an alias bomb?"
    let text = 'seglint: 1\npolicy:\n  params:\n    r:\n      a:\n        b:\n';
    for (let i = 0; i < 150_000; i++) text += `          k${i}: 1\n`;
    const { diagnostics } = read(text);
    expect(diagnostics).toEqual([]);
    const dir = tempDir({ 'inv.yaml': text });
    const r = await run(['validate', 'inv.yaml'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a plain document over maxNodes says nodes; aliases over it say aliases', () => {
    const plain = read('a: [1, 2, 3, 4, 5, 6]\n', 5).diagnostics;
    expect(plain.map((d) => [d.code, d.data])).toEqual([
      ['yaml-too-large', { limit: 5, written: 6, fromAliases: 0, aliases: 0 }],
    ]);
    expect(plain[0]!.message).toMatch(
      /^document holds more than 5 nodes \(keys, values and list items: 6 written out, 0 repeated by aliases\)/,
    );
    expect(plain[0]!.message).not.toMatch(/alias bomb/);
    const bomb = read('a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n', 20).diagnostics;
    expect(bomb.map((d) => d.code)).toEqual(['yaml-too-large']);
    expect(bomb[0]!.message).toMatch(
      /^aliases expand the document to more than 20 nodes \(\d+ aliases repeat \d+ nodes, \d+ are written out: an alias bomb\?\)/,
    );
    expect((bomb[0]!.data as { aliases: number }).aliases).toBeGreaterThan(0);
  });
});

describe('schema errors cost linear time', () => {
  it('the inventory validator appends errors in place instead of copying them per invalid item', () => {
    expect(validatorFor('inventory').toString()).not.toMatch(/vErrors\.concat\(/);
    expect(linearErrors('vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);')).toBe(
      'if (vErrors === null) { vErrors = validate13.errors; } else { for (const e of validate13.errors) vErrors.push(e); }',
    );
  });

  it('60,000 invalid assets are reported in seconds (it took minutes)', async () => {
    const dir = tempDir({ 'inv.yaml': 'seglint: 1\nassets:\n' + '  - [a]\n'.repeat(60_000) });
    const t0 = Date.now();
    const r = await run(['validate', 'inv.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.includes('must be a mapping'))).toHaveLength(60_000);
    expect(Date.now() - t0).toBeLessThan(25_000);
  }, 60_000);
});

describe('no internal error from bad options or odd input', () => {
  it.each([
    [
      '-c pointing at a directory',
      ['check', 'inv.yaml', '-c', 'sub'],
      /^error: cannot read configuration "sub": it is a directory; /,
    ],
    [
      '--rules pointing at a file',
      ['check', 'inv.yaml', '--rules', 'inv.yaml'],
      /^error: rule directory "inv\.yaml" does not exist or is not a directory/,
    ],
    ['an unknown format', ['check', 'inv.yaml', '-f', 'nope'], /^seglint: error: unknown format "nope"/],
    [
      '--base neither path nor revision',
      ['diff', 'inv.yaml', '--base', 'no-such-ref'],
      /^seglint: error: --base "no-such-ref" is neither an inventory path nor a git revision/,
    ],
    [
      'graph --focus unknown',
      ['graph', 'inv.yaml', '--focus', 'unknown', '--no-findings'],
      /^seglint: error: --focus: no entity "unknown"/,
    ],
    [
      'graph --focus constructor (a name of Object.prototype)',
      ['graph', 'inv.yaml', '--focus', 'constructor', '--no-findings'],
      /^seglint: error: --focus: no entity "constructor"/,
    ],
    ['graph --depth -1', ['graph', 'inv.yaml', '--depth', '-1'], /^seglint: error: --depth must be a whole number/],
    [
      'path from an id of Object.prototype',
      ['path', 'toString', 'a', 'inv.yaml'],
      /^seglint: error: <from>: no asset or zone "toString"/,
    ],
    [
      'path to __proto__',
      ['path', 'a', '__proto__', 'inv.yaml'],
      /^seglint: error: <to>: no asset or zone "__proto__"/,
    ],
    [
      'init into a file',
      ['init', 'inv.yaml'],
      /^seglint: error: "inv\.yaml" is not a directory; init writes into a directory/,
    ],
    [
      'init below a file',
      ['init', 'inv.yaml/sub'],
      /^seglint: error: cannot create directory "inv\.yaml\/sub": "inv\.yaml" is not a directory/,
    ],
    ['schema --kind x', ['schema', '--kind', 'x'], /^seglint: error: Invalid values:/],
    ['explain an unknown rule', ['explain', 'unknown'], /^error: unknown rule "unknown"/],
    [
      'test-rules on a missing directory',
      ['test-rules', 'missing'],
      /^seglint: error: "missing" does not exist; expected a directory of rules/,
    ],
    [
      'test-rules on a file',
      ['test-rules', 'inv.yaml'],
      /^seglint: error: "inv\.yaml" is not a directory; expected a directory of rules/,
    ],
  ])('%s', async (_name, args, expected) => {
    const dir = tempDir({ 'inv.yaml': INV, 'sub/x.txt': '' });
    const r = await run(args as string[], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(expected as RegExp);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('init under /proc fails at once instead of looping in mkdir', async () => {
    const r = await run(['init', '/proc/seglint-no-such/dir'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^seglint: error: cannot create directory ".*proc\/seglint-no-such\/dir": no such file or directory/,
    );
  });

  it('ids named like Object.prototype members work everywhere (graph crashed on them)', async () => {
    const text = yaml`
      seglint: 1
      zones:
        - { id: toString, name: z, trust: internal }
      assets:
        - { id: constructor, name: c, kind: plc, zone: toString, criticality: high }
        - { id: valueOf, name: v, kind: plc, zone: toString, criticality: high }
      links:
        - { id: hasOwnProperty, from: constructor, to: valueOf, medium: ethernet }
    `;
    const dir = tempDir({ 'inv.yaml': text });
    for (const view of ['network', 'physical', 'supply-chain']) {
      const r = await run(['graph', 'inv.yaml', '--view', view, '--today', TODAY], { cwd: dir });
      expect(r.stderr, view).toBe('');
      expect(r.status).toBe(0);
    }
    const focused = await run(['graph', 'inv.yaml', '--focus', 'constructor', '--depth', '1', '--today', TODAY], {
      cwd: dir,
    });
    expect(focused.status).toBe(0);
    expect(focused.stdout).toContain('"valueOf"');
    const p = await run(['path', 'constructor', 'valueOf', 'inv.yaml', '-f', 'json'], { cwd: dir });
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout).reachable).toBe(true);
    expect((await run(['check', 'inv.yaml', '--today', TODAY], { cwd: dir })).status).toBe(1);
  });
});

describe('--watch survives its directory being removed and made again', () => {
  const inventory = ownedInventory;

  it('says the directory went away, says when it is back, checks again and keeps watching', async () => {
    const dir = tempDir({ 'sub/inv.yaml': inventory(0.05) });
    const sub = path.join(dir, 'sub');
    const w = spawnWatch(['check', 'sub/inv.yaml', '--watch', '--rule', 'state-ownership', '--today', TODAY], dir);
    try {
      await w.waitFor(() => count(w.err(), /watching/g) === 1, 'the first run');
      expect(w.out()).toContain('No findings');

      rmSync(sub, { recursive: true, force: true });
      await w.waitFor(
        () => w.err().includes('seglint: sub/ was removed; watching for it to come back'),
        'the removal to be noticed',
      );

      mkdirSync(sub);
      writeFileSync(path.join(sub, 'inv.yaml'), inventory(0.5));
      await w.waitFor(() => w.err().includes('seglint: sub/ is back; checking again'), 'the return to be noticed');
      await w.waitFor(() => w.out().includes('Since the last run: 1 new'), 'a run of the re-created directory');
      expect(w.out()).toMatch(/\+ sub\/inv\.yaml:\d+:\d+ state-ownership vendor is 50% owned by state/);

      // the watch is attached to the new directory: a save there is seen
      const before = count(w.out(), /Since the last run/g);
      writeFileSync(path.join(sub, 'inv.yaml'), inventory(0.05));
      await w.waitFor(() => count(w.out(), /Since the last run/g) > before, 'a save in the re-created directory');
      const out = w.out();
      expect(out.slice(out.lastIndexOf('Since the last run'))).toMatch(/^Since the last run: 0 new, 1 resolved/);
      expect(w.child.exitCode).toBeNull();
      expect(w.err()).not.toMatch(/internal error/);
    } finally {
      expect(await w.stop()).toBe(0);
    }
  }, 60_000);
});
