/**
 * Adversarial inputs, end to end: the built CLI must answer each with one located error line
 * per problem on stderr (file:line:col error: message), a summary line, exit status 2, no stack
 * trace, and quickly. Valid oddities (a BOM, CRLF line ends) must load normally.
 * Small fixtures live in tests/robustness/fixtures; large, binary and environment-specific
 * inputs are written into a temporary directory here.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, ROOT, tempDir, TODAY } from '../helpers.js';
import { check } from '../../src/index.js';
import { loadInventory } from '../../src/inventory/load.js';
import { InputError } from '../../src/source/errors.js';

const FIXTURES = path.join(ROOT, 'tests', 'robustness', 'fixtures');
/** Generous: the machine running the tests may be busy; each case takes well under a second alone. */
const FAST_MS = 10_000;

interface Case {
  name: string;
  args: string[];
  cwd: () => string;
  /** Expected diagnostic lines (before the summary), in order. */
  lines: (string | RegExp)[];
}

let tmp = '';

function runCase(c: Case) {
  const t0 = performance.now();
  const r = cli(['check', ...c.args, '--today', TODAY, '-f', 'json'], { cwd: c.cwd() });
  const ms = performance.now() - t0;
  return { ...r, ms };
}

const fixture = () => FIXTURES;
const temp = () => tmp;

const FAILING: Case[] = [
  {
    name: 'billion-laughs alias bomb',
    args: ['alias-bomb/inventory.yaml'],
    cwd: fixture,
    lines: [
      /^alias-bomb\/inventory\.yaml:\d+:\d+ error: aliases expand the document to more than 1000000 nodes \(\d+ aliases repeat \d+ nodes, \d+ are written out: an alias bomb\?\); expected a plain inventory$/,
    ],
  },
  {
    name: '10,000 levels of flow sequences',
    args: ['deep-flow.yaml'],
    cwd: temp,
    lines: [/^deep-flow\.yaml:2:\d+ error: nesting deeper than 100 levels; expected a flat inventory$/],
  },
  {
    name: '10,000 levels of flow mappings',
    args: ['deep-map.yaml'],
    cwd: temp,
    lines: [/^deep-map\.yaml:2:\d+ error: nesting deeper than 100 levels; expected a flat inventory$/],
  },
  {
    name: '10,000 levels of block sequences',
    args: ['deep-block.yaml'],
    cwd: temp,
    lines: [/^deep-block\.yaml:3:\d+ error: nesting deeper than 100 levels; expected a flat inventory$/],
  },
  {
    name: 'a file larger than --max-file-size',
    args: ['big.yaml', '--max-file-size', '1000'],
    cwd: temp,
    lines: ['big.yaml:1:1 error: file is 5035 bytes, larger than the limit of 1000 bytes (--max-file-size)'],
  },
  {
    name: 'binary garbage',
    args: ['garbage.yaml'],
    cwd: temp,
    lines: [/^garbage\.yaml:1:1 error: binary data \(a NUL byte at offset \d+\); expected a YAML text file$/],
  },
  {
    name: 'high bytes that are not UTF-8',
    args: ['garbage-high.yaml'],
    cwd: temp,
    lines: ['garbage-high.yaml:1:1 error: invalid UTF-8 (byte 0xff at offset 0); expected a UTF-8 text file'],
  },
  {
    name: 'invalid UTF-8 in a description',
    args: ['invalid-utf8/inventory.yaml'],
    cwd: fixture,
    lines: [
      'invalid-utf8/inventory.yaml:3:17 error: invalid UTF-8 (byte 0xe9 at offset 36); expected a UTF-8 text file',
    ],
  },
  {
    name: 'CRLF line ends, with an error at a known line',
    args: ['crlf-error/inventory.yaml'],
    cwd: fixture,
    lines: [
      'crlf-error/inventory.yaml:17:33 error: link "l-1" refers to asset "hmi-2", which does not exist (did you mean "hmi-1"?)',
    ],
  },
  {
    name: 'tabs for indentation',
    args: ['tabs/inventory.yaml'],
    cwd: fixture,
    lines: ['tabs/inventory.yaml:3:1 error: invalid YAML: tab characters must not be used in indentation'],
  },
  {
    name: 'duplicate keys',
    args: ['duplicate-keys/inventory.yaml'],
    cwd: fixture,
    lines: [
      'duplicate-keys/inventory.yaml:6:5 error: duplicate key "kind" (first defined at line 5); each key may appear once in a mapping',
    ],
  },
  {
    name: '__proto__ and constructor keys',
    args: ['proto-keys/inventory.yaml'],
    cwd: fixture,
    lines: [
      /^proto-keys\/inventory\.yaml:3:1 error: unknown property "__proto__" in the file; expected one of: seglint, name, /,
      /^proto-keys\/inventory\.yaml:8:5 error: unknown property "constructor" in asset "plc-1"; expected one of: id, name, kind, /,
      /^proto-keys\/inventory\.yaml:11:5 error: unknown property "__proto__" in asset "plc-1"; expected one of: id, name, kind, /,
    ],
  },
  {
    name: 'numbers where strings are expected',
    args: ['numbers-for-strings/inventory.yaml'],
    cwd: fixture,
    lines: [
      'numbers-for-strings/inventory.yaml:2:7 error: "name" of the file must be a string, found an integer (number 2024)',
      'numbers-for-strings/inventory.yaml:4:9 error: "id" of asset #1 must be a string, found an integer (number 123)',
    ],
  },
  {
    name: 'an include cycle',
    args: ['include-cycle/inventory.yaml'],
    cwd: fixture,
    lines: [
      'include-cycle/b.yaml:3:5 error: include cycle: include-cycle/inventory.yaml -> include-cycle/b.yaml -> include-cycle/inventory.yaml',
    ],
  },
  {
    name: 'an include with ../ out of the root',
    args: ['include-parent/root/inventory.yaml'],
    cwd: fixture,
    lines: [
      `include-parent/root/inventory.yaml:3:5 error: include "../outside.yaml" points outside the inventory's root directory include-parent/root/`,
    ],
  },
  {
    name: 'an include with an absolute path',
    args: ['include-absolute/inventory.yaml'],
    cwd: fixture,
    lines: [
      'include-absolute/inventory.yaml:3:5 error: include "/etc/passwd" is an absolute path; expected a path relative to this file',
    ],
  },
  {
    name: 'an include through a symbolic link out of the root',
    args: ['root/inventory.yaml'],
    cwd: temp,
    lines: [
      `root/inventory.yaml:3:5 error: "root/linked.yaml" is outside the inventory's root directory root/ (through a symbolic link?); includes must stay inside it`,
    ],
  },
  {
    name: 'a directory with no inventory',
    args: ['empty-dir'],
    cwd: temp,
    lines: ['error: directory "empty-dir" holds no inventory file (*.yaml, *.yml)'],
  },
  {
    name: 'an empty file',
    args: ['empty-file/inventory.yaml'],
    cwd: fixture,
    lines: ['empty-file/inventory.yaml:1:1 error: the file is empty; expected a mapping that starts with "seglint: 1"'],
  },
];

beforeAll(() => {
  tmp = tempDir({
    'deep-flow.yaml': `seglint: 1\nname: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    'deep-map.yaml': `seglint: 1\nname: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
    'deep-block.yaml': `seglint: 1\nassets:\n${'- '.repeat(10_000)}x\n`,
    'big.yaml': `seglint: 1\nname: big\ndescription: ${'x'.repeat(5000)}\n`,
    'outside.yaml': 'seglint: 1\nname: outside\n',
    'root/inventory.yaml': 'seglint: 1\ninclude:\n  - linked.yaml\n',
  });
  // binary garbage: deterministic pseudo-random bytes with a NUL inside; high bytes without one
  const bytes = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = (x >> 16) & 0xff;
  }
  bytes[100] = 0;
  writeFileSync(path.join(tmp, 'garbage.yaml'), bytes);
  writeFileSync(path.join(tmp, 'garbage-high.yaml'), Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0x41, 0x0a]));
  symlinkSync('../outside.yaml', path.join(tmp, 'root', 'linked.yaml'));
  mkdirSync(path.join(tmp, 'empty-dir'));
});

describe('adversarial inputs: one located error, exit 2, no stack trace, fast', () => {
  for (const c of FAILING) {
    it(c.name, () => {
      const r = runCase(c);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.pop()).toBe(
        `seglint: ${c.lines.length} error${c.lines.length === 1 ? '' : 's'}; nothing was checked`,
      );
      expect(lines).toHaveLength(c.lines.length);
      c.lines.forEach((want, i) => {
        if (typeof want === 'string') expect(lines[i]).toBe(want);
        else expect(lines[i]).toMatch(want);
      });
      expect(r.stderr).not.toMatch(/\n\s+at |internal error|RangeError|TypeError/);
      expect(r.ms).toBeLessThan(FAST_MS);
    });
  }
});

describe('valid oddities load normally', () => {
  it('a UTF-8 byte-order mark', () => {
    const r = cli(['check', 'bom/inventory.yaml', '--today', TODAY, '-f', 'json'], { cwd: FIXTURES });
    expect([0, 1]).toContain(r.status);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).inventory.name).toBe('Small valid inventory');
  });

  it('CRLF line ends, with findings on the right lines', () => {
    const crlf = cli(['check', 'crlf-valid/inventory.yaml', '--today', TODAY, '-f', 'json'], { cwd: FIXTURES });
    const bom = cli(['check', 'bom/inventory.yaml', '--today', TODAY, '-f', 'json'], { cwd: FIXTURES });
    expect([0, 1]).toContain(crlf.status);
    expect(crlf.stderr).toBe('');
    // the same inventory with LF line ends (and a BOM, which takes no line) gives the same places
    const where = (out: string) =>
      (
        JSON.parse(out).findings as {
          ruleId: string;
          entity: { id: string };
          location: { line: number; column: number };
        }[]
      ).map((f) => `${f.ruleId} ${f.entity.id} ${f.location.line}:${f.location.column}`);
    expect(where(crlf.stdout)).toEqual(where(bom.stdout));
    expect(crlf.status).toBe(bom.status);
  });

  it('__proto__ and constructor as rule names under policy.params pollute nothing', () => {
    const dir = tempDir({
      'inventory.yaml':
        'seglint: 1\nname: proto params\npolicy:\n  params:\n    __proto__:\n      polluted: true\n    constructor:\n      prototype:\n        polluted: true\n',
    });
    const r = cli(['check', 'inventory.yaml', '--today', TODAY, '-f', 'json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    // they name no rule: an input error at their lines
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('inventory.yaml:5:5 error: unknown rule "__proto__"');
    expect(r.stderr).toContain('inventory.yaml:7:5 error: unknown rule "constructor"');
    // in-process too: the loader and the whole check leave Object.prototype alone
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    try {
      check({ paths: ['inventory.yaml'], cwd: dir, config: false, today: TODAY });
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
    }
    try {
      loadInventory([path.join(FIXTURES, 'proto-keys', 'inventory.yaml')], { cwd: FIXTURES });
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });
});
