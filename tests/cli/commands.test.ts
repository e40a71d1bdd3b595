/**
 * The shape of the command line: one file per command in src/cli/commands/, all of them in
 * the explicit list, none importing the list (or main) back; and the one error rendering,
 * as a run and as a watch word it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { renderError } from '../../src/cli/errors.js';
import type { Io } from '../../src/cli/io.js';
import { InputError, SeglintError, UsageError } from '../../src/source/errors.js';
import { ROOT } from '../helpers.js';

const DIR = path.join(ROOT, 'src', 'cli', 'commands');
/** Files in commands/ that are not a command: the list itself, and check's --watch mode. */
const NOT_COMMANDS = new Set(['index.ts', 'watch.ts']);

describe('the command list', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it('has one file per command, each listed once, named as its command', () => {
    const names = COMMANDS.map((c) => String(c.command).split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(names.map((n) => `${n}.ts`).sort()).toEqual(files.filter((f) => !NOT_COMMANDS.has(f)).sort());
  });

  it('is never imported back by a command, nor are main or another command (but check its watch mode)', () => {
    for (const f of files.filter((f) => f !== 'index.ts')) {
      const imports = [...readFileSync(path.join(DIR, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      const local = imports.filter((i) => i.startsWith('./'));
      expect({ f, local }).toEqual({ f, local: f === 'check.ts' ? ['./watch.js'] : [] });
      expect(imports.filter((i) => /\/(main|commands\/index)\.js$/.test(i))).toEqual([]);
    }
  });

  it('leaves no dynamic import in the command line', () => {
    const all = [
      ...readdirSync(path.join(ROOT, 'src', 'cli'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => path.join(ROOT, 'src', 'cli', f)),
      ...files.map((f) => path.join(DIR, f)),
    ];
    for (const f of all)
      expect({ f, dynamic: /\bawait import\(/.test(readFileSync(f, 'utf8')) }).toEqual({ f, dynamic: false });
  });
});

describe('renderError', () => {
  const capture = () => {
    let stderr = '';
    const io = {
      stdout: () => {},
      stderr: (t: string) => void (stderr += t),
      cwd: ROOT,
      env: {},
      stdoutIsTTY: false,
      stderrIsTTY: false,
    } as Io;
    return { io, out: () => stderr };
  };
  const input = () =>
    new InputError([{ code: 'x', message: 'bad', location: { file: 'inv.yaml', line: 2, column: 3 } }]);

  it('ends input errors as a run ("nothing was checked") or as a watch ("fix and save")', () => {
    for (const [watching, end] of [
      [false, 'nothing was checked'],
      [true, 'fix and save to check again'],
    ] as const) {
      const { io, out } = capture();
      expect(renderError(input(), io, { debug: false, watching })).toBe(2);
      expect(out()).toBe(`inv.yaml:2:3 error: bad\nseglint: 1 error; ${end}\n`);
    }
  });

  it('points at --help and --debug in a run, not in a watch', () => {
    const cases: [unknown, string, string][] = [
      [new UsageError('no'), 'seglint: error: no (see seglint --help)\n', 'seglint: error: no\n'],
      [new SeglintError('gone', 'gone'), 'seglint: error: gone\n', 'seglint: error: gone\n'],
      [
        new Error('boom'),
        'seglint: internal error: boom (run with --debug for details)\n',
        'seglint: internal error: boom\n',
      ],
    ];
    for (const [err, run, watch] of cases) {
      const a = capture();
      renderError(err, a.io, { debug: false });
      expect(a.out()).toBe(run);
      const b = capture();
      renderError(err, b.io, { debug: false, watching: true });
      expect(b.out()).toBe(watch);
    }
  });
});
