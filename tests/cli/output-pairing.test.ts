/**
 * Which format goes into which -o file (docs/ci.md, "Which format goes where"): by position
 * with -f, by extension where no -f pairs with an output, a usage error (exit 2) that says how
 * to write it where an explicit -f and a file's extension disagree.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/source/errors.js';
import { DIAGRAM_EXTENSIONS, pairOutputs, REPORT_EXTENSIONS, suggestPairing } from '../../src/cli/pairing.js';
import { ROOT, run, tempDir, TODAY } from '../helpers.js';
import { docCommands } from '../docs/commands.js';

const PORT = path.join(ROOT, 'inventories/port-of-rotterdam.yaml');
const CHECK = ['check', PORT, '--today', TODAY];
const SPEC = { defaultFormat: 'text', extensions: REPORT_EXTENSIONS };

function usage(f: () => unknown): UsageError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error('no usage error');
}

/** What a file holds, by its content: the format seglint wrote into it. */
function formatIn(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (text.startsWith('<?xml')) {
    expect(text).toContain('<testsuites');
    return 'junit';
  }
  if (text.startsWith('<!DOCTYPE html')) return 'html';
  if (text.startsWith('{')) {
    const doc = JSON.parse(text) as { version?: string; runs?: unknown[]; findings?: unknown[] };
    if (doc.version === '2.1.0' && Array.isArray(doc.runs)) return 'sarif';
    expect(Array.isArray(doc.findings)).toBe(true);
    return 'json';
  }
  if (text.startsWith('#')) return 'markdown';
  if (/^[a-z_ ]+(,[a-z_ ]+)+\r?\n/i.test(text)) return 'csv';
  return 'text';
}

describe('pairOutputs', () => {
  it('keeps the pairing by position, and sends -f without -o to stdout', () => {
    expect(pairOutputs(['json', 'text'], ['r.json'], SPEC)).toEqual([
      { format: 'json', output: 'r.json' },
      { format: 'text' },
    ]);
    expect(pairOutputs([], [], SPEC)).toEqual([{ format: 'text' }]);
    expect(pairOutputs(['text'], ['out.txt'], SPEC)).toEqual([{ format: 'text', output: 'out.txt' }]);
    expect(pairOutputs([], ['out.log'], SPEC)).toEqual([{ format: 'text', output: 'out.log' }]);
  });

  it('gives an output without a -f the format its extension names, in any case', () => {
    expect(pairOutputs([], ['a.SARIF', 'b.json', 'c.xml', 'd.html', 'e.md', 'f.csv', 'g.sarif.json'], SPEC)).toEqual([
      { format: 'sarif', output: 'a.SARIF' },
      { format: 'json', output: 'b.json' },
      { format: 'junit', output: 'c.xml' },
      { format: 'html', output: 'd.html' },
      { format: 'markdown', output: 'e.md' },
      { format: 'csv', output: 'f.csv' },
      { format: 'sarif', output: 'g.sarif.json' },
    ]);
    expect(pairOutputs(['json'], ['r.json', 'r.sarif'], SPEC)).toEqual([
      { format: 'json', output: 'r.json' },
      { format: 'sarif', output: 'r.sarif' },
    ]);
    // without -f, the one output whose name names no format takes the default
    expect(pairOutputs([], ['r.sarif', '-'], SPEC)).toEqual([
      { format: 'sarif', output: 'r.sarif' },
      { format: 'text', output: '-' },
    ]);
  });

  it('lets an unknown extension take whatever -f says, and .json take SARIF', () => {
    expect(pairOutputs(['github'], ['notes.txt'], SPEC)).toEqual([{ format: 'github', output: 'notes.txt' }]);
    expect(pairOutputs(['sarif'], ['results.json'], SPEC)).toEqual([{ format: 'sarif', output: 'results.json' }]);
    expect(pairOutputs(['json'], ['-'], SPEC)).toEqual([{ format: 'json', output: '-' }]);
  });

  it('refuses an explicit -f paired with a file whose extension names another format, and says what to write', () => {
    const e = usage(() => pairOutputs(['github', 'sarif'], ['seglint.sarif'], SPEC));
    expect(e.data).toEqual({
      kind: 'output-format-conflict',
      output: 'seglint.sarif',
      format: 'github',
      named: 'sarif',
      suggestion: '-f sarif -o seglint.sarif -f github',
    });
    expect(usage(() => pairOutputs(['text'], ['a.sarif'], SPEC)).data.suggestion).toBe('-f sarif -o a.sarif -f text');
    expect(usage(() => pairOutputs(['json'], ['r.sarif.json'], SPEC)).data.named).toBe('sarif');
  });

  it('refuses outputs that nothing gives a format', () => {
    const e = usage(() => pairOutputs(['json'], ['r.json', 'notes.txt'], SPEC));
    expect(e.data).toEqual({
      kind: 'output-without-format',
      outputs: ['notes.txt'],
      suggestion: '-f json -o r.json -f FORMAT -o notes.txt',
    });
    expect(usage(() => pairOutputs([], ['a.txt', 'b.log'], SPEC)).data.outputs).toEqual(['a.txt', 'b.log']);
    expect(usage(() => pairOutputs(['json'], ['r.json', '-'], SPEC)).data.kind).toBe('output-without-format');
  });

  it('quotes a file name the shell would split in the suggestion', () => {
    expect(suggestPairing(['text'], ["my report's.sarif"], SPEC)).toBe(`-f sarif -o 'my report'\\''s.sarif' -f text`);
  });

  it('knows the diagram extensions for graph', () => {
    const spec = { defaultFormat: 'dot', extensions: DIAGRAM_EXTENSIONS };
    expect(pairOutputs([], ['a.svg'], spec)).toEqual([{ format: 'svg', output: 'a.svg' }]);
    expect(pairOutputs([], ['a.mmd'], spec)).toEqual([{ format: 'mermaid', output: 'a.mmd' }]);
    expect(pairOutputs([], ['a.gv'], spec)).toEqual([{ format: 'dot', output: 'a.gv' }]);
    expect(usage(() => pairOutputs(['dot'], ['a.svg'], spec)).data.suggestion).toBe('-f svg -o a.svg -f dot');
  });
});

describe('-o takes the format its extension names', () => {
  it('check: -o alone writes the named format and nothing to stdout', async () => {
    const dir = tempDir();
    const r = await run([...CHECK, '-o', 'a.sarif', '--output', 'b.json', '--output-file', 'c.xml'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(['a.sarif', 'b.json', 'c.xml'].map((f) => formatIn(path.join(dir, f)))).toEqual(['sarif', 'json', 'junit']);
  });

  it('check: -f pairs by position, the outputs beyond the last -f by extension, -o - takes the default', async () => {
    const dir = tempDir();
    const r = await run([...CHECK, '-f', 'json', '-o', 'r.json', '-o', 'r.sarif'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(formatIn(path.join(dir, 'r.json'))).toBe('json');
    expect(formatIn(path.join(dir, 'r.sarif'))).toBe('sarif');
    const s = await run([...CHECK, '-o', 's.sarif', '-o', '-'], { cwd: dir });
    expect(s.status, s.stderr).toBe(1);
    expect(s.stdout).toContain('state-ownership');
    expect(formatIn(path.join(dir, 's.sarif'))).toBe('sarif');
  });

  it('check: an explicit -f goes into a file whose extension names no format', async () => {
    const dir = tempDir();
    const r = await run([...CHECK, '-f', 'json', '-o', 'report.txt'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    expect(formatIn(path.join(dir, 'report.txt'))).toBe('json');
  });

  it('check: -f github -f sarif -o seglint.sarif is a usage error that says how to write it, and writes nothing', async () => {
    const dir = tempDir();
    const r = await run([...CHECK, '-f', 'github', '-f', 'sarif', '-o', 'seglint.sarif'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'seglint: error: -o seglint.sarif pairs with -f github (the 1st of each: -f and -o pair by position), but its name says sarif; write: -f sarif -o seglint.sarif -f github (see seglint --help)\n',
    );
    expect(existsSync(path.join(dir, 'seglint.sarif'))).toBe(false);
    const fixed = await run([...CHECK, '-f', 'sarif', '-o', 'seglint.sarif', '-f', 'github'], { cwd: dir });
    expect(fixed.status, fixed.stderr).toBe(1);
    expect(fixed.stdout).toMatch(/^::(error|warning|notice) /m);
    expect(formatIn(path.join(dir, 'seglint.sarif'))).toBe('sarif');
  });

  it('check: an output nothing gives a format is a usage error', async () => {
    const dir = tempDir();
    const r = await run([...CHECK, '-f', 'json', '-o', 'r.json', '-o', 'notes.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('give a -f for each: -f json -o r.json -f FORMAT -o notes.txt');
    expect(existsSync(path.join(dir, 'r.json'))).toBe(false);
  });

  it('report: -o by extension, the default markdown for a name without one', async () => {
    const dir = tempDir();
    const r = await run(['report', PORT, '--today', TODAY, '-o', 'r.html', '-o', 'r.csv', '-o', 'findings'], {
      cwd: dir,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(['r.html', 'r.csv', 'findings'].map((f) => formatIn(path.join(dir, f)))).toEqual([
      'html',
      'csv',
      'markdown',
    ]);
    const bad = await run(['report', PORT, '--today', TODAY, '-f', 'csv', '-o', 'r.md'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('write: -f markdown -o r.md -f csv');
  });

  it('diff: -o by extension', async () => {
    const dir = tempDir();
    const r = await run(['diff', '--base', PORT, PORT, '--today', TODAY, '-o', 'd.sarif', '-o', 'd.json'], {
      cwd: dir,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(formatIn(path.join(dir, 'd.sarif'))).toBe('sarif');
    expect(formatIn(path.join(dir, 'd.json'))).toBe('json');
  });

  it('graph: -o by extension (.svg .mmd .dot), -f still wins with a name that names no format, a disagreement is exit 2', async () => {
    const dir = tempDir();
    for (const f of ['net.svg', 'net.mmd', 'net.dot']) {
      const r = await run(['graph', PORT, '--no-findings', '-o', f], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
    }
    expect(readFileSync(path.join(dir, 'net.svg'), 'utf8')).toMatch(/<svg[\s>]/);
    expect(readFileSync(path.join(dir, 'net.mmd'), 'utf8')).toMatch(/^flowchart/m);
    expect(readFileSync(path.join(dir, 'net.dot'), 'utf8')).toMatch(/^(strict )?digraph/);
    const txt = await run(['graph', PORT, '--no-findings', '-f', 'mermaid', '-o', 'net.txt'], { cwd: dir });
    expect(txt.status, txt.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'net.txt'), 'utf8')).toMatch(/^flowchart/m);
    const bad = await run(['graph', PORT, '--no-findings', '-f', 'dot', '-o', 'bad.svg'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('write: -f svg -o bad.svg -f dot');
    expect(existsSync(path.join(dir, 'bad.svg'))).toBe(false);
  });
});

describe('docs/ci.md, "Which format goes where"', () => {
  it('runs every command of the section with the exit code it announces, and the files hold what it says', async () => {
    const page = path.join(ROOT, 'docs/ci.md');
    const lines = readFileSync(page, 'utf8').split('\n');
    const start = lines.indexOf('### Which format goes where') + 1;
    const end = lines.findIndex((l, i) => i >= start && l.startsWith('#'));
    const commands = docCommands(page).filter((c) => c.line > start && c.line <= end);
    expect(commands.length).toBe(4);
    const dir = tempDir();
    for (const c of commands) {
      expect(c.argv[0]).toBe('seglint');
      const argv = c.argv.slice(1).map((a) => (a.startsWith('inventories/') ? path.join(ROOT, a) : a));
      const r = await run([...argv, '--today', TODAY], { cwd: dir });
      expect(r.status, `${c.text}\n${r.stderr}`).toBe(c.exit);
    }
    expect(
      ['seglint.sarif', 'seglint.junit.xml', 'findings.html', 'findings.csv'].map((f) => formatIn(path.join(dir, f))),
    ).toEqual(['sarif', 'junit', 'html', 'csv']);
  });
});
