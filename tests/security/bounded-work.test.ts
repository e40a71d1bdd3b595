/**
 * Issue 9, bounded work: regular expressions of rules are checked at load and never come from
 * the inventory; effective ownership is solved as a linear system, not by listing chains.
 * Cases that hung before spawn the built binary with a timeout, so that a regression fails
 * instead of hanging the suite.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { InputError } from '../../src/source/errors.js';
import { OwnershipSolver, MAX_CHAINS } from '../../src/graph/ownership.js';
import type { Organization } from '../../src/inventory/types.js';
import { checkPattern, MAX_MATCH_TEXT, MAX_PATTERN_LENGTH, type PatternProblemCode } from '../../src/rules/regex.js';
import { BIN, ROOT, run, tempDir, TODAY, yaml } from '../helpers.js';

// ---------------------------------------------------------------------------------------------
// The regular-expression analyser

describe('checkPattern', () => {
  const safe = [
    '^[a-z0-9-]+$',
    '^(ssh|rdp)$',
    '^fw-\\d+$',
    '^([a-z0-9]+\\.)*[a-z]+$',
    '^(\\d{1,3}\\.){3}\\d{1,3}$',
    '^(?:[a-z]+-)*[a-z]+$',
    '^[^@]+@[^@]+\\.[a-z]+$',
    '(ab+)+',
    '(a|ab)*c',
    '\\d+$',
    '[a-z]+-[0-9]+$',
    '^(?!test-)[a-z]+$',
    '(?<=^fw-)\\d',
    '^[\\p{L}]+$',
    '^[0-9a-f]{64}$',
    '^[0-9a-f]{128}$',
    '^\\s*#',
    '^$',
    '\\bmodem\\b',
    '^(a?){4}a{4}$',
    '^\\u{1F600}+$',
  ];
  it.each(safe)('accepts %s', (p) => {
    expect(checkPattern(p)).toBeUndefined();
  });

  const unsafe: [string, PatternProblemCode][] = [
    ['^(a+)+$', 'regex-exponential'],
    ['(a*)*b', 'regex-exponential'],
    ['^(a|a)*$', 'regex-exponential'],
    ['(\\w+\\s?)+$', 'regex-exponential'],
    ['(a+|b)+c', 'regex-exponential'],
    ['(x+x+)+y', 'regex-exponential'],
    ['^(a|b|ab)*$', 'regex-exponential'],
    ['^([a-z]+\\d*)+$', 'regex-exponential'],
    ['(a{1,30}){1,30}', 'regex-exponential'],
    ['(?<=(a+)+)b', 'regex-exponential'],
    ['(?=(a|a)*$)b', 'regex-exponential'],
    ['\\d+\\d+', 'regex-polynomial'],
    ['.*.*=.*', 'regex-polynomial'],
    ['^\\s*\\s*$', 'regex-polynomial'],
    ['a*a*b', 'regex-polynomial'],
    ['^(?:a|a?){20}b', 'regex-ambiguous'],
    ['^(a?){25}a{25}$', 'regex-ambiguous'],
    ['(a)\\1', 'regex-backreference'],
    ['(?<x>a)\\k<x>', 'regex-backreference'],
    ['', 'regex-empty'],
    ['a*', 'regex-matches-everything'],
    ['.*', 'regex-matches-everything'],
    ['x|', 'regex-matches-everything'],
    ['(?:)', 'regex-matches-everything'],
    ['(', 'regex-syntax'],
    ['[z-a]', 'regex-syntax'],
    ['a{2,1}', 'regex-syntax'],
    ['(?i:a)', 'regex-syntax'],
    ['a'.repeat(MAX_PATTERN_LENGTH + 1), 'regex-too-long'],
    ['(?:(?=a+)a)*b', 'regex-lookaround-in-repeat'],
  ];
  it.each(unsafe)('refuses %s (%s)', (p, code) => {
    expect(checkPattern(p)?.code).toBe(code);
  });

  it('names the construct at fault', () => {
    expect(checkPattern('^(a+)+$')!.message).toContain('"(a+)+"');
    expect(checkPattern('^x(a|a)*$')!.message).toContain('"(a|a)*"');
    expect(checkPattern('^\\d+\\d+$')!.message).toContain('"\\d+"');
    expect(checkPattern('(a)\\1')!.message).toContain('"\\1"');
  });

  it('stays bounded on a pattern too complex to analyse', () => {
    const t0 = performance.now();
    expect(checkPattern('.*a.{20}')?.code).toBe('regex-too-complex');
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('accepts only patterns that run fast on texts built to make them backtrack (random patterns)', () => {
    const leaf = fc.constantFrom('a', 'b', '[ab]', '.', 'a?', '\\w', '^', '$');
    const { node } = fc.letrec<{ node: string; cat: string; alt: string; rep: string }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('cat'), tie('alt'), tie('rep')),
      cat: fc.tuple(tie('node'), tie('node')).map(([x, y]) => `${x}${y}`),
      alt: fc.tuple(tie('node'), tie('node')).map(([x, y]) => `(?:${x}|${y})`),
      rep: fc
        .tuple(tie('node'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,4}', '{2,}'))
        .map(([x, q]) => `(?:${x})${q}`),
    }));
    const samples = fc.sample(fc.tuple(node, fc.boolean()), { numRuns: 1500, seed: 9 });
    const accepted = samples
      .map(([body, anchored]) => (anchored ? `^(?:${body})$` : `(?:${body})c`))
      .filter((p) => !checkPattern(p));
    const refused = samples.length - accepted.length;
    expect(accepted.length).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(50);
    // matched in a child process, so that a pattern wrongly accepted fails the test by timeout
    const dir = tempDir();
    const file = path.join(dir, 'patterns.json');
    writeFileSync(file, JSON.stringify(accepted));
    const script = `
      const patterns = JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'));
      const n = 200;
      const texts = ['a'.repeat(n) + '!', 'ab'.repeat(n / 2) + '!', 'b'.repeat(n) + '!', 'aab'.repeat(n / 3) + '!', 'a'.repeat(n) + 'b'.repeat(n) + '!'];
      let worst = 0, which = '';
      for (const p of patterns) {
        const r = new RegExp(p, 'u');
        for (const t of texts) {
          let ms = Infinity;
          for (let k = 0; k < 3 && ms > 2; k++) { const t0 = performance.now(); r.test(t); ms = Math.min(ms, performance.now() - t0); }
          if (ms > worst) { worst = ms; which = p; }
        }
      }
      console.log(JSON.stringify({ worst, which }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    const { worst, which } = JSON.parse(r.stdout) as { worst: number; which: string };
    expect(worst, which).toBeLessThan(200);
  });
});

// ---------------------------------------------------------------------------------------------
// Regular expressions at the command line

/** A custom rule whose `matches` takes its pattern from a parameter. */
const NAME_RULE = yaml`
  id: asset-name-pattern
  title: Asset names follow the naming convention
  severity: low
  category: inventory
  rationale: Names that follow the convention can be found.
  params:
    pattern:
      default: "^[a-z0-9-]+$"
      description: The naming convention.
  select:
    type: asset
    where:
      not:
        path: name
        matches: $params.pattern
  message: "{{id}} has a name outside the convention"
  remediation: Rename it.
`;

/** 34 a's and a "!": `^(a+)+$` backtracks 2^34 times on it. */
const EVIL_NAME = `${'a'.repeat(34)}!`;

function inventoryWith(pattern?: string, name = EVIL_NAME): string {
  const policy =
    pattern === undefined
      ? ''
      : `policy:\n  params:\n    asset-name-pattern:\n      pattern: ${JSON.stringify(pattern)}\n`;
  return `seglint: 1\n${policy}assets:\n  - id: a1\n    kind: server\n    name: ${JSON.stringify(name)}\n`;
}

function codesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d) => d.code);
    throw err;
  }
  return [];
}

describe('patterns never come from the inventory', () => {
  it.each(['^(a+)+$', '(', ''])(
    'policy.params setting the pattern %j is a load error at its line, exit 2',
    async (pattern) => {
      const dir = tempDir({ 'rules/asset-name-pattern.yaml': NAME_RULE, 'inv.yaml': inventoryWith(pattern) });
      const r = await run(['check', 'inv.yaml', '--rules', 'rules', '--rule', 'asset-name-pattern', '--today', TODAY], {
        cwd: dir,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /^inv\.yaml:5:7 error: the inventory policy sets parameter "pattern" of rule "asset-name-pattern", which is a regular expression; patterns come from the rule or the configuration file/m,
      );
      expect(r.stderr).not.toContain('internal error');
      expect(r.stdout).toBe('');
      expect(
        codesOf(() =>
          check({
            paths: ['inv.yaml'],
            cwd: dir,
            config: false,
            rulesDirs: ['rules'],
            only: ['asset-name-pattern'],
            today: TODAY,
          }),
        ),
      ).toEqual(['param-pattern-from-inventory']);
    },
  );

  it('the hanging attack (built binary): exits 2 at once instead of backtracking', () => {
    const dir = tempDir({ 'rules/asset-name-pattern.yaml': NAME_RULE, 'inv.yaml': inventoryWith('^(a+)+$') });
    const r = spawnSync(process.execPath, [BIN, 'check', 'inv.yaml', '--rules', 'rules', '--today', TODAY], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('inv.yaml:5:7 error:');
  });

  it('other parameters of the same rule may still be set by the inventory (only patterns are refused)', async () => {
    const dir = tempDir({
      'inv.yaml': yaml`
        seglint: 1
        policy:
          params:
            state-ownership:
              threshold: 0.05
        organizations:
          - { id: s, type: state }
          - { id: v, type: vendor, owners: [{ organization: s, share: 0.06 }] }
      `,
    });
    const r = await run(['check', 'inv.yaml', '--rule', 'state-ownership', '--today', TODAY, '-f', 'json'], {
      cwd: dir,
    });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toEqual([
      'state-ownership',
    ]);
  });
});

describe('patterns from the configuration and the rule are checked at load', () => {
  const config = (pattern: string) =>
    `rules:\n  asset-name-pattern:\n    params:\n      pattern: ${JSON.stringify(pattern)}\n`;

  it.each([
    ['^(a+)+$', 'regex-exponential'],
    ['(', 'regex-syntax'],
    ['', 'regex-empty'],
  ])('configuration pattern %j: located error at the parameter, exit 2', async (pattern, code) => {
    const dir = tempDir({
      'rules/asset-name-pattern.yaml': NAME_RULE,
      'inv.yaml': inventoryWith(),
      'seglint.config.yaml': config(pattern),
    });
    const r = await run(['check', 'inv.yaml', '--rules', 'rules', '--today', TODAY], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^seglint\\.config\\.yaml:4:16 error: the configuration sets parameter "pattern" of rule "asset-name-pattern" to the regular expression ${JSON.stringify(pattern).replace(/[()^$+]/g, '\\$&')}: `,
        'm',
      ),
    );
    expect(r.stderr).not.toContain('internal error');
    expect(codesOf(() => check({ paths: ['inv.yaml'], cwd: dir, rulesDirs: ['rules'], today: TODAY }))).toEqual([code]);
  });

  it('a safe pattern from the configuration is applied', async () => {
    const dir = tempDir({
      'rules/asset-name-pattern.yaml': NAME_RULE,
      'inv.yaml': inventoryWith(undefined, 'scanner-1'),
      'seglint.config.yaml': config('^[a-z]+$'),
    });
    const r = await run(
      ['check', 'inv.yaml', '--rules', 'rules', '--rule', 'asset-name-pattern', '--today', TODAY, '-f', 'json'],
      { cwd: dir },
    );
    expect(r.status).toBe(1);
    expect(
      (JSON.parse(r.stdout) as { findings: { entity: { id: string } }[] }).findings.map((f) => f.entity.id),
    ).toEqual(['a1']);
    // and the rule's default accepts the same name
    const d2 = tempDir({
      'rules/asset-name-pattern.yaml': NAME_RULE,
      'inv.yaml': inventoryWith(undefined, 'scanner-1'),
    });
    expect(
      (
        await run(['check', 'inv.yaml', '--rules', 'rules', '--rule', 'asset-name-pattern', '--today', TODAY], {
          cwd: d2,
        })
      ).status,
    ).toBe(0);
  });

  it("a rule author's own catastrophic pattern (built binary): located error in the rule file, exit 2, no hang", () => {
    const rule = NAME_RULE.replace('matches: $params.pattern', 'matches: "^(a|a)*$"');
    const dir = tempDir({ 'rules/asset-name-pattern.yaml': rule, 'inv.yaml': inventoryWith() });
    const r = spawnSync(process.execPath, [BIN, 'check', 'inv.yaml', '--rules', 'rules', '--today', TODAY], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 10_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^rules\/asset-name-pattern\.yaml:15:16 error: regular expression "\^\(a\|a\)\*\$": the repetition "\(a\|a\)\*" can match the same text in two different ways/m,
    );
  });

  it('a pattern parameter whose default is unsafe, empty or not a string is an error at the default', () => {
    for (const [def, code] of [
      ['"^(a+)+$"', 'regex-exponential'],
      ['""', 'regex-empty'],
      ['3', 'rule-param-type'],
    ]) {
      const rule = NAME_RULE.replace('default: "^[a-z0-9-]+$"', `default: ${def}`);
      const dir = tempDir({ 'rules/asset-name-pattern.yaml': rule, 'inv.yaml': inventoryWith(undefined, 'x') });
      let err: InputError | undefined;
      try {
        check({ paths: ['inv.yaml'], cwd: dir, config: false, rulesDirs: ['rules'], today: TODAY });
      } catch (e) {
        err = e as InputError;
      }
      expect(err?.diagnostics.map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([
        [code, 'rules/asset-name-pattern.yaml', 8],
      ]);
    }
  });

  it(`a text longer than ${MAX_MATCH_TEXT} characters is not matched: located error, exit 2`, async () => {
    const dir = tempDir({
      'rules/asset-name-pattern.yaml': NAME_RULE,
      'inv.yaml': inventoryWith(undefined, 'a'.repeat(MAX_MATCH_TEXT + 1)),
    });
    const r = await run(['check', 'inv.yaml', '--rules', 'rules', '--rule', 'asset-name-pattern', '--today', TODAY], {
      cwd: dir,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^inv\.yaml:5:5 error: rule "asset-name-pattern" matches asset "a1" attribute name against a regular expression, but its text has 1001 characters; at most 1000 are matched/m,
    );
    const ok = tempDir({
      'rules/asset-name-pattern.yaml': NAME_RULE,
      'inv.yaml': inventoryWith(undefined, 'a'.repeat(MAX_MATCH_TEXT)),
    });
    expect(
      (
        await run(['check', 'inv.yaml', '--rules', 'rules', '--rule', 'asset-name-pattern', '--today', TODAY], {
          cwd: ok,
        })
      ).status,
    ).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Ownership

type Owners = Record<string, [string, number][]>;

/** Organizations from `{id: [[owner, share], ...]}`; ids starting with "s" are states. */
function orgs(owners: Owners, extra: string[] = []): Map<string, Organization> {
  const ids = [
    ...new Set([...Object.keys(owners), ...Object.values(owners).flatMap((l) => l.map(([o]) => o)), ...extra]),
  ];
  return new Map(
    ids.map((id) => [
      id,
      {
        id,
        type: id.startsWith('s') ? 'state' : 'vendor',
        owners: (owners[id] ?? []).map(([organization, share]) => ({ organization, share })),
      } as Organization,
    ]),
  );
}
const isState = (o: Organization) => o.type === 'state';

/** Solves (I - Q) x = b by Gauss-Jordan elimination: the test's own, independent computation. */
function solveLinear(q: number[][], b: number[]): number[] {
  const n = b.length;
  const m = q.map((row, i) => [...row.map((v, j) => (i === j ? 1 : 0) - v), b[i]!]);
  for (let c = 0; c < n; c++) {
    const p = m.findIndex((row, r) => r >= c && Math.abs(row[c]!) > 1e-12);
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]!;
    m[c] = m[c]!.map((v) => v / pivot);
    for (let r = 0; r < n; r++) if (r !== c) m[r] = m[r]!.map((v, k) => v - m[r]![c]! * m[c]![k]!);
  }
  return m.map((row) => row[n]!);
}

describe('OwnershipSolver', () => {
  it('chain: multiplies the shares (0.76 x 0.21)', () => {
    const s = new OwnershipSolver(orgs({ nuctech: [['tongfang', 0.76]], tongfang: [['scnnc', 0.21]] }), isState);
    expect(s.share('nuctech')).toBe(0.76 * 0.21);
    expect(s.chains('nuctech')).toEqual({
      chains: [
        {
          organizations: ['nuctech', 'tongfang', 'scnnc'],
          shares: [0.76, 0.21],
          product: 0.76 * 0.21,
          holder: 'scnnc',
        },
      ],
      more: false,
    });
  });

  it('diamond: adds the routes, strongest chain first', () => {
    const s = new OwnershipSolver(
      orgs({
        v: [
          ['b', 0.5],
          ['c', 0.5],
        ],
        b: [['s', 0.4]],
        c: [['s', 0.6]],
      }),
      isState,
    );
    expect(s.share('v')).toBeCloseTo(0.5, 15);
    expect(s.chains('v').chains.map((c) => c.organizations.join('>'))).toEqual(['v>c>s', 'v>b>s']);
  });

  it('3-vendor cycle: equals the hand-worked solution and an independent matrix solve', () => {
    // a = 0.2 + 0.3 b;  b = 0.1 + 0.4 c;  c = 0.05 + 0.5 a
    // => b = 0.16 / 0.94 = 8/47, a = 59/235, c = 33/188
    const s = new OwnershipSolver(
      orgs({
        a: [
          ['s', 0.2],
          ['b', 0.3],
        ],
        b: [
          ['s', 0.1],
          ['c', 0.4],
        ],
        c: [
          ['s', 0.05],
          ['a', 0.5],
        ],
      }),
      isState,
    );
    expect(s.share('a')).toBeCloseTo(59 / 235, 14);
    expect(s.share('b')).toBeCloseTo(8 / 47, 14);
    expect(s.share('c')).toBeCloseTo(33 / 188, 14);
    const [a, b, c] = solveLinear(
      [
        [0, 0.3, 0],
        [0, 0, 0.4],
        [0.5, 0, 0],
      ],
      [0.2, 0.1, 0.05],
    );
    expect([s.share('a'), s.share('b'), s.share('c')].map((x) => x.toFixed(12))).toEqual(
      [a, b, c].map((x) => x!.toFixed(12)),
    );
    // evidence: simple chains only, best first
    expect(s.chains('a').chains.map((ch) => [ch.organizations.join('>'), ch.product])).toEqual([
      ['a>s', 0.2],
      ['a>b>s', 0.3 * 0.1],
      ['a>b>c>s', 0.3 * 0.4 * 0.05],
    ]);
  });

  it('a cycle that reaches no holder is owned 0%, and self-ownership is left out', () => {
    const s = new OwnershipSolver(
      orgs({
        x: [['y', 0.6]],
        y: [['x', 0.6]],
        me: [['me', 1]],
        v: [
          ['v', 0.5],
          ['s', 0.2],
        ],
      }),
      isState,
    );
    expect(s.share('x')).toBe(0);
    expect(s.chains('x')).toEqual({ chains: [], more: false });
    expect(s.share('me')).toBe(0);
    expect(s.share('v')).toBeCloseTo(0.2, 15); // not 0.2 / (1 - 0.5)
  });

  it('shares over 100% are refused at load; the solver never reports more than 100%', async () => {
    const s = new OwnershipSolver(
      orgs({
        v: [
          ['s1', 0.7],
          ['s2', 0.7],
        ],
      }),
      isState,
    );
    expect(s.share('v')).toBe(1);
    const dir = tempDir({
      'inv.yaml': yaml`
        seglint: 1
        organizations:
          - { id: s, type: state }
          - { id: v, type: vendor, owners: [{ organization: s, share: 0.7 }, { organization: w, share: 0.7 }] }
          - { id: w, type: vendor, owners: [{ organization: w, share: 0.1 }] }
      `,
    });
    const r = await run(['check', 'inv.yaml', '--today', TODAY], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^inv\.yaml:4:\d+ error: the owners of organization "v" hold 140% in total; expected at most 100%/m,
    );
    expect(r.stderr).toMatch(/^inv\.yaml:5:\d+ error: organization "w" lists itself as an owner/m);
  });

  it(`keeps at most ${MAX_CHAINS} chains, says when there are more, and breaks ties by ids`, () => {
    // v is owned 10% by each of h0..h7, each owned 50% by the state: 8 chains of 5%
    const owners: Owners = { v: Array.from({ length: 8 }, (_, i) => [`h${i}`, 0.1] as [string, number]) };
    for (let i = 0; i < 8; i++) owners[`h${i}`] = [['s', 0.5]];
    const s = new OwnershipSolver(orgs(owners), isState);
    expect(s.share('v')).toBeCloseTo(0.4, 15);
    const r = s.chains('v');
    expect(r.more).toBe(true);
    expect(r.chains.map((c) => c.organizations[1])).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
  });

  it('does not depend on the order of organizations or owners', () => {
    const owners: Owners = {
      a: [
        ['s', 0.2],
        ['b', 0.3],
        ['c', 0.1],
      ],
      b: [
        ['s', 0.1],
        ['c', 0.4],
      ],
      c: [
        ['s2', 0.05],
        ['a', 0.5],
      ],
    };
    const reversed: Owners = Object.fromEntries(
      Object.entries(owners)
        .reverse()
        .map(([k, l]) => [k, [...l].reverse()]),
    );
    const s1 = new OwnershipSolver(orgs(owners), isState);
    const s2 = new OwnershipSolver(new Map([...orgs(reversed)].reverse()), isState);
    for (const id of ['a', 'b', 'c']) {
      expect(s2.share(id)).toBe(s1.share(id));
      expect(s2.chains(id)).toEqual(s1.chains(id));
    }
  });

  it('a ring of 20,000 organizations and a clique of 300 are solved in bounded time', () => {
    const ring: Owners = {};
    const N = 20_000;
    const id = (i: number) => `o${String(i % N).padStart(5, '0')}`;
    for (let i = 0; i < N; i++)
      ring[id(i)] = [
        [id(i + 1), 0.99],
        ['s', 0.01],
      ];
    const t0 = performance.now();
    const r = new OwnershipSolver(orgs(ring), isState);
    expect(r.share(id(0))).toBeCloseTo(1, 9); // 0.01 + 0.99 E = E
    expect(r.chains(id(0)).chains[0]!.organizations).toEqual([id(0), 's']);
    const clique: Owners = {};
    for (let i = 0; i < 300; i++)
      clique[`c${i}`] = [
        ...Array.from({ length: 300 }, (_, j) => [`c${j}`, 0.8 / 299] as [string, number]).filter(
          ([o]) => o !== `c${i}`,
        ),
        ['s', 0.1],
      ];
    const c = new OwnershipSolver(orgs(clique), isState);
    // by symmetry E = 0.1 + 0.8 E  =>  E = 0.5
    expect(c.share('c0')).toBeCloseTo(0.5, 12);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});

describe('ownership at the command line', () => {
  /** n organizations, each owning `share` of every other; o0 is a state enterprise. */
  function crossOwned(n: number, share: number): string {
    const ids = Array.from({ length: n }, (_, i) => `o${i}`);
    const lines = ['seglint: 1', 'organizations:'];
    for (const [i, id] of ids.entries()) {
      lines.push(`  - id: ${id}`, `    type: ${i === 0 ? 'state-enterprise' : 'vendor'}`, '    owners:');
      for (const o of ids) if (o !== id) lines.push(`      - { organization: ${o}, share: ${share} }`);
    }
    return `${lines.join('\n')}\n`;
  }

  it('10 vendors each owning 5% of the other nine (built binary): finishes at once with the right shares', () => {
    const dir = tempDir({
      'inv.yaml': crossOwned(10, 0.05),
      'seglint.config.yaml': 'rules:\n  state-ownership:\n    params:\n      threshold: 0.08\n',
    });
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [BIN, 'check', 'inv.yaml', '--rule', 'state-ownership', '--today', TODAY, '-f', 'json'],
      { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(performance.now() - t0).toBeLessThan(20_000);
    const findings = (
      JSON.parse(r.stdout) as {
        findings: {
          entity: { id: string };
          evidence: { share: number; chains: { organizations: string[] }[]; moreChains?: boolean };
        }[];
      }
    ).findings;
    // independent computation: by symmetry every vendor has E = 0.05 + 8 * 0.05 * E, E = 0.05 / 0.6
    const expected = Math.round((0.05 / 0.6) * 1e6) / 1e6;
    expect(findings.map((f) => f.entity.id).sort()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 'o9']);
    for (const f of findings) {
      expect(f.evidence.share).toBe(expected);
      expect(f.evidence.chains.length).toBe(MAX_CHAINS);
      expect(f.evidence.chains[0]!.organizations).toEqual([f.entity.id, 'o0']);
      expect(f.evidence.moreChains).toBe(true);
    }
  });

  it('the bundled port inventory keeps its numbers: 0.76 x 0.21 = 15.96%', async () => {
    const r = await run(
      ['check', 'inventories/port-of-rotterdam.yaml', '--rule', 'state-ownership', '--today', TODAY, '-f', 'json'],
      { cwd: ROOT },
    );
    const findings = (JSON.parse(r.stdout) as { findings: { message: string; evidence: unknown }[] }).findings;
    expect(findings.map((f) => f.message)).toEqual([
      'nuctech is 15.96% owned by cnnc (threshold 10%): nuctech <- 76% tongfang <- 21% cnnc (0.76 x 0.21 = 15.96%)',
    ]);
    expect(findings[0]!.evidence).toEqual({
      chains: [{ organizations: ['nuctech', 'tongfang', 'cnnc'], product: 0.1596, shares: [0.76, 0.21] }],
      share: 0.1596,
      threshold: 0.1,
    });
  });
});
