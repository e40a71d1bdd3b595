/**
 * Issue 9, output files and stdout: seglint writes regular files only, checks every write,
 * keeps the previous file on any failure, never writes over one of its inputs, and reports a
 * failed stdout in one line with exit code 2 (src/cli/output.ts, src/cli/io.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BIN, ROOT, TODAY, run, tempDir, yaml } from '../helpers.js';
import { writeAll, type WriteOps } from '../../src/cli/output.js';

const INVENTORY = yaml`
  seglint: 1
  name: Outputs
  include: [part.yaml]
  zones:
    - { id: ot, trust: closed, monitoring: [] }
  assets:
    - { id: plc-1, kind: plc, zone: ot }
`;
const PART = yaml`
  seglint: 1
  assets:
    - { id: plc-2, kind: plc, zone: ot }
`;
const CONFIG = 'failOn: low\n';
const WAIVERS = 'seglint: 1\nwaivers: []\n';

/** An inventory with its include, a configuration found beside it and a waivers file. */
function project(extra: Record<string, string> = {}): string {
  return tempDir({
    'inventory.yaml': INVENTORY,
    'part.yaml': PART,
    'seglint.config.yaml': CONFIG,
    'waivers.yaml': WAIVERS,
    ...extra,
  });
}

const CHECK = ['check', 'inventory.yaml', '--today', TODAY];
const tmpLeft = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const read = (file: string) => readFileSync(file, 'utf8');
/** One line on stderr, exit 2, no stack trace, no internal error, no temporary file named. */
function expectOneLineError(r: { status: number; stderr: string }, pattern: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^seglint: error: [^\n]*\n$/);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|\.tmp|\n\s+at /);
}

function spawnBin(args: string[], cwd: string, stdout: number | 'pipe' = 'pipe') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const canMknod = spawnSync('mknod', ['--help'], { stdio: 'ignore' }).status === 0 && process.getuid?.() === 0;

describe('only regular files are written', () => {
  it.runIf(canMknod)(
    'refuses a character device (copies of /dev/null and /dev/full) and leaves it a device',
    async () => {
      const dir = project();
      execFileSync('mknod', [path.join(dir, 'null'), 'c', '1', '3']);
      execFileSync('mknod', [path.join(dir, 'full'), 'c', '1', '7']);
      for (const dev of ['null', 'full']) {
        const r = await run([...CHECK, '-f', 'json', '-o', dev], { cwd: dir });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(
          new RegExp(`^seglint: error: --output "${dev}" is a character device; seglint writes regular files only`),
        );
        expect(lstatSync(path.join(dir, dev)).isCharacterDevice()).toBe(true);
      }
      expect(tmpLeft(dir)).toEqual([]);
    },
  );

  it('refuses the real /dev/null and /dev/full (built bin), which stay character devices', () => {
    const dir = project();
    for (const dev of ['/dev/null', '/dev/full']) {
      const before = statSync(dev);
      const r = spawnBin([...CHECK, '-f', 'json', '-o', dev], dir);
      expectOneLineError(r, new RegExp(`--output "${dev}" is a character device`));
      const after = lstatSync(dev);
      expect(after.isCharacterDevice()).toBe(true);
      expect([after.rdev, after.ino]).toEqual([before.rdev, before.ino]);
    }
  });

  it('refuses a FIFO without blocking on it, and it stays a FIFO', () => {
    const dir = project();
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    const r = spawnBin([...CHECK, '-f', 'sarif', '-o', 'fifo'], dir);
    expectOneLineError(r, /--output "fifo" is a FIFO/);
    expect(lstatSync(path.join(dir, 'fifo')).isFIFO()).toBe(true);
  });

  it('refuses a socket, and it stays a socket', async () => {
    const dir = project();
    const sock = path.join(dir, 'sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      const r = await run([...CHECK, '-f', 'json', '-o', 'sock'], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--output "sock" is a socket/);
      expect(lstatSync(sock).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it('refuses a directory target in one line, naming no temporary file', async () => {
    const dir = project();
    mkdirSync(path.join(dir, 'out'));
    const r = await run([...CHECK, '-f', 'json', '-o', 'out'], { cwd: dir });
    expectOneLineError(r, /--output "out" is a directory; give a file name/);
    expect(readdirSync(path.join(dir, 'out'))).toEqual([]);
    expect(tmpLeft(dir)).toEqual([]);
  });

  it('refuses a symbolic link (also /proc/self/fd/1) and writes neither the link nor what it points to', async () => {
    const dir = project({ 'victim.txt': 'precious\n' });
    symlinkSync('victim.txt', path.join(dir, 'report.json'));
    const r = await run([...CHECK, '-f', 'json', '-o', 'report.json'], { cwd: dir });
    expectOneLineError(r, /--output "report\.json" is a symbolic link/);
    expect(lstatSync(path.join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(read(path.join(dir, 'victim.txt'))).toBe('precious\n');

    const p = spawnBin([...CHECK, '-f', 'json', '-o', '/proc/self/fd/1'], dir);
    expectOneLineError(p, /--output "\/proc\/self\/fd\/1" is a symbolic link/);
    expect(p.stdout).toBe('');
  });

  it('a missing directory is one clear line, and nothing is created', async () => {
    const dir = project();
    const before = readdirSync(dir).sort();
    for (const args of [
      ['-f', 'json', '-o', 'nodir/report.json'],
      ['--write-baseline', 'nodir/baseline.json'],
    ]) {
      const r = await run([...CHECK, ...args], { cwd: dir });
      expectOneLineError(r, /^seglint: error: cannot write "nodir\/[a-z]+\.json": directory "nodir" does not exist\n$/);
    }
    const g = await run(['graph', 'inventory.yaml', '-o', 'nodir/net.dot'], { cwd: dir });
    expectOneLineError(g, /cannot write "nodir\/net\.dot": directory "nodir" does not exist/);
    writeFileSync(path.join(dir, 'file'), 'x');
    const f = await run([...CHECK, '-f', 'json', '-o', 'file/report.json'], { cwd: dir });
    expectOneLineError(f, /cannot write "file\/report\.json": /);
    expect(readdirSync(dir).sort()).toEqual([...before, 'file'].sort());
  });

  it('- and /dev/stdout write to stdout', async () => {
    const dir = project();
    const toFile = await run([...CHECK, '-f', 'json', '-o', 'report.json'], { cwd: dir });
    expect(toFile.status).toBe(1);
    const expected = read(path.join(dir, 'report.json'));
    for (const [option, name] of [
      ['-o', '-'],
      ['--output', '-'],
      ['-o', '/dev/stdout'],
      ['--output', '/dev/stdout'],
    ]) {
      const r = await run([...CHECK, '-f', 'json', option!, name!, '-f', 'csv', '-o', 'report.csv'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(r.stdout).toBe(expected);
    }
    const two = await run([...CHECK, '-f', 'json', '-o', '-', '-f', 'text'], { cwd: dir });
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/more than one format would go to stdout/);
    const baseline = await run([...CHECK, '--write-baseline', '-'], { cwd: dir });
    expect(baseline.status).toBe(2);
    expect(baseline.stderr).toMatch(/more than one output would go to stdout/);
    for (const name of ['-', '/dev/stdout']) {
      const b = await run([...CHECK, '-f', 'json', '-o', 'report.json', '--write-baseline', name], { cwd: dir });
      expect(b.status).toBe(1);
      expect(JSON.parse(b.stdout).findings.length).toBeGreaterThan(0);
    }
    const g = spawnBin(['graph', 'inventory.yaml', '-f', 'mermaid', '-o', '/dev/stdout'], dir);
    expect(g.status).toBe(0);
    expect(g.stdout).toMatch(/^flowchart/m);
  });
});

describe('no output replaces an input, no two outputs share a file', () => {
  const inputs = ['inventory.yaml', 'part.yaml', 'seglint.config.yaml', 'waivers.yaml'];
  const snapshot = (dir: string) => Object.fromEntries(inputs.map((f) => [f, read(path.join(dir, f))]));

  it.each([
    ['check -o the inventory', ['-f', 'json', '-o', 'inventory.yaml'], 'inventory file'],
    ['check -o an included file', ['-f', 'json', '-o', 'part.yaml'], 'inventory file'],
    [
      'check -o the configuration found beside the inventory',
      ['-f', 'json', '-o', 'seglint.config.yaml'],
      'configuration file',
    ],
    [
      'check -o the waivers file',
      ['--waivers-file', 'waivers.yaml', '-f', 'json', '-o', 'waivers.yaml'],
      'waivers file',
    ],
    ['check -o the inventory spelled differently', ['-f', 'sarif', '-o', './sub/../inventory.yaml'], 'inventory file'],
    ['check --write-baseline over the inventory', ['--write-baseline', 'inventory.yaml'], 'inventory file'],
    ['check --write-baseline over an included file', ['--write-baseline', 'part.yaml'], 'inventory file'],
  ])('%s is refused and the inputs stay byte for byte', async (_name, args, kind) => {
    const dir = project();
    mkdirSync(path.join(dir, 'sub'));
    const before = snapshot(dir);
    const r = await run([...CHECK, ...args], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`is a file this run reads \\(${kind}\\); seglint never writes over its inputs`),
    );
    expect(snapshot(dir)).toEqual(before);
    expect(tmpLeft(dir)).toEqual([]);
  });

  it('compares by inode: a hard link to an included file is refused too', async () => {
    const dir = project();
    linkSync(path.join(dir, 'part.yaml'), path.join(dir, 'alias.json'));
    const before = snapshot(dir);
    const r = await run([...CHECK, '-f', 'json', '-o', 'alias.json'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--output "alias\.json" is a file this run reads \(inventory file\)/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('--write-baseline over the --baseline being read is refused, with a hint', async () => {
    const dir = project();
    expect(
      (await run([...CHECK, '--write-baseline', 'baseline.json', '-f', 'json', '-o', 'report.json'], { cwd: dir }))
        .status,
    ).toBe(1);
    const baseline = read(path.join(dir, 'baseline.json'));
    const r = await run([...CHECK, '--baseline', 'baseline.json', '--write-baseline', 'baseline.json'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /--write-baseline "baseline\.json" is a file this run reads \(baseline\).*run without --baseline/,
    );
    expect(read(path.join(dir, 'baseline.json'))).toBe(baseline);
    const o = await run([...CHECK, '--baseline', 'baseline.json', '-f', 'json', '-o', 'baseline.json'], { cwd: dir });
    expect(o.status).toBe(2);
    expect(read(path.join(dir, 'baseline.json'))).toBe(baseline);
  });

  it('graph -o, report -o and diff -o refuse their inputs too (built bin for graph)', async () => {
    const dir = project({ 'old.yaml': INVENTORY.replace('include: [part.yaml]\n', '') });
    const before = { ...snapshot(dir), old: read(path.join(dir, 'old.yaml')) };
    const g = spawnBin(['graph', 'inventory.yaml', '-f', 'svg', '-o', 'inventory.yaml'], dir);
    expectOneLineError(g, /--output "inventory\.yaml" is a file this run reads \(inventory file\)/);
    const gi = spawnBin(['graph', 'inventory.yaml', '--no-findings', '-o', 'part.yaml'], dir);
    expectOneLineError(gi, /--output "part\.yaml" is a file this run reads/);
    const rep = await run(['report', 'inventory.yaml', '-f', 'csv', '-o', 'part.yaml'], { cwd: dir });
    expect(rep.status).toBe(2);
    const d = await run(['diff', '--base', 'old.yaml', 'inventory.yaml', '-f', 'json', '-o', 'old.yaml'], { cwd: dir });
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/--output "old\.yaml" is a file this run reads \(base inventory\)/);
    expect({ ...snapshot(dir), old: read(path.join(dir, 'old.yaml')) }).toEqual(before);
  });

  it('two outputs to one file are refused before anything is written', async () => {
    const dir = project({ 'existing.json': 'previous\n' });
    linkSync(path.join(dir, 'existing.json'), path.join(dir, 'hard.csv'));
    const cases = [
      ['-f', 'json', '-o', 'a.json', '-f', 'sarif', '-o', './a.json'],
      ['-f', 'json', '-o', 'b.json', '--write-baseline', 'sub/../b.json'],
      ['-f', 'json', '-o', 'existing.json', '-f', 'csv', '-o', 'hard.csv'],
    ];
    mkdirSync(path.join(dir, 'sub'));
    for (const args of cases) {
      const r = await run([...CHECK, ...args], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /^seglint: error: --(output|write-baseline) "[^"]+" and --(output|write-baseline) "[^"]+" are the same file/,
      );
    }
    const rep = await run(['report', 'inventory.yaml', '-f', 'markdown', '-o', 'r.md', '-f', 'html', '-o', 'r.md'], {
      cwd: dir,
    });
    expect(rep.status).toBe(2);
    expect(
      existsSync(path.join(dir, 'a.json')) ||
        existsSync(path.join(dir, 'b.json')) ||
        existsSync(path.join(dir, 'r.md')),
    ).toBe(false);
    expect(read(path.join(dir, 'existing.json'))).toBe('previous\n');
  });
});

/** Write calls that fail the way a full disk does, after `allow` bytes. */
function fullDisk(allow: number, calls: string[] = []): Partial<WriteOps> {
  let written = 0;
  return {
    writeSync: (fd, buf, off, len) => {
      calls.push(`write ${len}`);
      const n = Math.min(len, allow - written);
      if (n <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      written += n;
      return writeSync(fd, buf, off, n); // a short write, as write(2) makes when the disk fills
    },
  };
}

describe('every write is checked (injected failures)', () => {
  it('a short write followed by a full disk keeps the previous report, exits 2 and leaves no temporary file', async () => {
    const dir = project({ 'report.json': 'previous report\n' });
    const calls: string[] = [];
    const r = await run([...CHECK, '-f', 'json', '-o', 'report.json'], { cwd: dir, writeOps: fullDisk(100, calls) });
    expectOneLineError(
      r,
      /^seglint: error: cannot write "report\.json": no space left on device; the previous file is kept\n$/,
    );
    expect(calls.length).toBe(2); // the short write was continued, and the second write failed
    expect(read(path.join(dir, 'report.json'))).toBe('previous report\n');
    expect(tmpLeft(dir)).toEqual([]);
  });

  it('short writes are continued to the end', async () => {
    const dir = project();
    const ref = await run([...CHECK, '-f', 'json', '-o', 'ref.json'], { cwd: dir });
    expect(ref.status).toBe(1);
    const dribble: Partial<WriteOps> = { writeSync: (fd, buf, off, len) => writeSync(fd, buf, off, Math.min(len, 7)) };
    const r = await run([...CHECK, '-f', 'json', '-o', 'report.json'], { cwd: dir, writeOps: dribble });
    expect(r.status).toBe(1);
    expect(read(path.join(dir, 'report.json'))).toBe(read(path.join(dir, 'ref.json')));
  });

  it('a write that makes no progress is an error, not a truncated file', async () => {
    const dir = project({ 'baseline.json': '{"previous":true}\n' });
    const stuck: Partial<WriteOps> = { writeSync: () => 0 };
    const r = await run([...CHECK, '--write-baseline', 'baseline.json', '-f', 'json', '-o', 'report.json'], {
      cwd: dir,
      writeOps: stuck,
    });
    expectOneLineError(r, /cannot write "report\.json": the write stopped after 0 of \d+ bytes; no file was written/);
    expect(read(path.join(dir, 'baseline.json'))).toBe('{"previous":true}\n');
    expect(existsSync(path.join(dir, 'report.json'))).toBe(false);
    expect(tmpLeft(dir)).toEqual([]);
  });

  it('a failed fsync keeps the previous file', async () => {
    const dir = project({ 'net.svg': '<svg/>\n' });
    const eio: Partial<WriteOps> = {
      fsyncSync: () => {
        throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      },
    };
    const r = await run(['graph', 'inventory.yaml', '-f', 'svg', '-o', 'net.svg', '--today', TODAY], {
      cwd: dir,
      writeOps: eio,
    });
    expectOneLineError(r, /cannot write "net\.svg": i\/o error; the previous file is kept/);
    expect(read(path.join(dir, 'net.svg'))).toBe('<svg/>\n');
    expect(tmpLeft(dir)).toEqual([]);
  });

  it('when one of several outputs fails, none is replaced', async () => {
    const dir = project({ 'a.json': 'A\n', 'b.sarif': 'B\n', 'baseline.json': 'C\n' });
    const r = await run(
      [...CHECK, '-f', 'json', '-o', 'a.json', '-f', 'sarif', '-o', 'b.sarif', '--write-baseline', 'baseline.json'],
      { cwd: dir, writeOps: fullDisk(20_000) },
    );
    expectOneLineError(
      r,
      /cannot write "(b\.sarif|baseline\.json)": no space left on device; the previous file is kept/,
    );
    expect([
      read(path.join(dir, 'a.json')),
      read(path.join(dir, 'b.sarif')),
      read(path.join(dir, 'baseline.json')),
    ]).toEqual(['A\n', 'B\n', 'C\n']);
    expect(tmpLeft(dir)).toEqual([]);
  });

  it('a replaced file keeps its permission bits, but never set-id bits', async () => {
    const dir = project({ 'report.json': 'private\n', 'run.sh': '#!/bin/sh\n' });
    chmodSync(path.join(dir, 'report.json'), 0o600);
    chmodSync(path.join(dir, 'run.sh'), 0o4755);
    expect(
      (await run([...CHECK, '-f', 'json', '-o', 'report.json', '-f', 'text', '-o', 'run.sh'], { cwd: dir })).status,
    ).toBe(1);
    expect(statSync(path.join(dir, 'report.json')).mode & 0o7777).toBe(0o600);
    expect(statSync(path.join(dir, 'run.sh')).mode & 0o7777).toBe(0o755);
  });

  it('init removes what it wrote when a write fails, and then writes both on a healthy disk', async () => {
    const dir = tempDir();
    const r = await run(['init', 'site'], { cwd: dir, writeOps: fullDisk(3000) });
    expectOneLineError(
      r,
      /cannot write "site\/(inventory|seglint\.config)\.yaml": no space left on device; no file was written/,
    );
    expect(readdirSync(path.join(dir, 'site'))).toEqual([]);
    const ok = await run(['init', 'site'], { cwd: dir });
    expect(ok.status).toBe(0);
    expect(readdirSync(path.join(dir, 'site')).sort()).toEqual(['inventory.yaml', 'seglint.config.yaml']);
    writeFileSync(path.join(dir, 'afile'), '');
    const notDir = await run(['init', 'afile'], { cwd: dir });
    expectOneLineError(notDir, /"afile" is not a directory/);
  });

  it('writeAll waits on a descriptor that would block and continues short writes', () => {
    const got: number[] = [];
    let calls = 0;
    writeAll(9, Buffer.from('abcdefghij'), (_fd, buf, off, len) => {
      calls++;
      if (calls % 2 === 1)
        throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
      const n = Math.min(len, 3);
      got.push(...buf.subarray(off, off + n));
      return n;
    });
    expect(Buffer.from(got).toString()).toBe('abcdefghij');
  });
});

describe('temporary files of a killed run', () => {
  it('kill -9 in the middle of a write leaves a recognisable temporary file; the next run removes it', () => {
    const dir = project({ 'report.json': 'previous report\n' });
    const script = `
      import { writeOutputs, outputTarget } from ${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'output.js'))};
      import { writeSync } from 'node:fs';
      const writeOps = { writeSync: (fd, buf, off, len) => { writeSync(fd, buf, off, 10); process.kill(process.pid, 'SIGKILL'); return 10; } };
      writeOutputs([{ target: outputTarget('--output', 'report.json', process.cwd()), content: 'x'.repeat(100000) }], { stdout() {}, writeOps });
    `;
    const killed = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(tmpLeft(dir)).toEqual([`.report.json.seglint-${killed.pid}.tmp`]);
    expect(read(path.join(dir, `.report.json.seglint-${killed.pid}.tmp`))).toBe('x'.repeat(10));
    expect(read(path.join(dir, 'report.json'))).toBe('previous report\n');

    const r = spawnBin([...CHECK, '-f', 'json', '-o', 'report.json'], dir);
    expect(r.status).toBe(1);
    expect(JSON.parse(read(path.join(dir, 'report.json'))).inventory.name).toBe('Outputs');
    expect(tmpLeft(dir)).toEqual([]);
  });

  it('removes leftovers of dead processes and of its own pid, keeps those of live ones and of other targets', async () => {
    const dir = project();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const names = {
      dead: `.report.json.seglint-${dead}.tmp`,
      own: `.report.json.seglint-${process.pid}.tmp`,
      live: `.report.json.seglint-${process.ppid}.tmp`,
      other: `.other.json.seglint-${dead}.tmp`,
      unrelated: '.report.json.seglint-x1.tmp',
    };
    for (const n of Object.values(names)) writeFileSync(path.join(dir, n), '');
    const r = await run([...CHECK, '-f', 'json', '-o', 'report.json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(tmpLeft(dir).sort()).toEqual([names.live, names.other, names.unrelated].sort());
  });
});

describe('stdout', () => {
  it('> /dev/full is one line on stderr, exit 2, no stack trace (built bin)', () => {
    const dir = project();
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnBin(CHECK, dir, fd);
      expectOneLineError(r, /^seglint: error: cannot write to stdout: no space left on device\n$/);
      const v = spawnBin(['validate', 'inventory.yaml'], dir, fd);
      expectOneLineError(v, /cannot write to stdout: no space left on device/);
      const debug = spawnBin([...CHECK, '--debug'], dir, fd);
      expect(debug.status).toBe(2);
      expect(debug.stderr).toMatch(/\n\s+at /); // the stack trace only with --debug
    } finally {
      closeSync(fd);
    }
  });

  it('a large report through a pipe arrives whole', () => {
    const assets = Array.from({ length: 3000 }, (_, i) => `  - { id: plc-${i}, kind: plc, zone: ot }`).join('\n');
    const dir = tempDir({
      'big.yaml': `seglint: 1\nname: Big\nzones:\n  - { id: ot, trust: closed, monitoring: [] }\nassets:\n${assets}\n`,
    });
    const file = spawnBin(['check', 'big.yaml', '--today', TODAY, '-f', 'json', '-o', 'big.json'], dir);
    expect(file.status).toBe(1);
    const expected = read(path.join(dir, 'big.json'));
    expect(expected.length).toBeGreaterThan(2_000_000);
    const piped = spawnBin(['check', 'big.yaml', '--today', TODAY, '-f', 'json'], dir);
    expect(piped.status).toBe(1);
    expect(piped.stdout.length).toBe(expected.length);
    expect(piped.stdout).toBe(expected);
  });

  it('a reader that stops early (| head) is not an error: quiet, and the exit code of the run', async () => {
    const assets = Array.from({ length: 2000 }, (_, i) => `  - { id: plc-${i}, kind: plc, zone: ot }`).join('\n');
    const dir = tempDir({
      'big.yaml': `seglint: 1\nname: Big\nzones:\n  - { id: ot, trust: closed, monitoring: [] }\nassets:\n${assets}\n`,
    });
    const child = spawn(process.execPath, [BIN, 'check', 'big.yaml', '--today', TODAY, '-f', 'json'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy()); // the reader goes away after the first chunk
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });
});

/** A small tmpfs, where the sandbox allows mounting one (we run as root in CI). */
const mountPoint = tempDir();
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { encoding: 'utf8' });
const mountFailure =
  mounted.error?.message ?? (mounted.status === 0 ? '' : mounted.stderr.trim() || `mount exited ${mounted.status}`);
afterAll(() => {
  if (!mountFailure) spawnSync('umount', [mountPoint]);
});

/** Fills the file system of `dir` but for `free` bytes. */
function fillUp(dir: string, free: number): void {
  const filler = path.join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(4096);
  let size = 0;
  try {
    for (;;) size += writeSync(fd, chunk);
  } catch {
    /* full */
  }
  ftruncateSync(fd, Math.max(0, size - free));
  closeSync(fd);
}

describe.skipIf(Boolean(mountFailure))(
  `a nearly full disk: a 64 KiB tmpfs${mountFailure ? ` (skipped: mount not permitted: ${mountFailure})` : ''}`,
  () => {
    it('a report, a baseline and a diagram that no longer fit keep the previous files; stdout to the full disk is one line', () => {
      const dir = project();
      const out = (f: string) => path.join(mountPoint, f);
      const first = spawnBin(
        [...CHECK, '-f', 'json', '-o', out('report.json'), '--write-baseline', out('baseline.json')],
        dir,
      );
      expect(first.status).toBe(1);
      const g = spawnBin(['graph', 'inventory.yaml', '-f', 'svg', '-o', out('net.svg'), '--today', TODAY], dir);
      expect(g.status).toBe(0);
      const before = {
        report: read(out('report.json')),
        baseline: read(out('baseline.json')),
        svg: read(out('net.svg')),
      };
      const free = 2048;
      expect(Math.min(before.report.length, before.svg.length)).toBeGreaterThan(free);
      fillUp(mountPoint, free); // room for a part of each: write(2) makes a short write, then fails

      writeFileSync(path.join(dir, 'inventory.yaml'), INVENTORY.replace('name: Outputs', 'name: Changed'));
      const r = spawnBin([...CHECK, '-f', 'json', '-o', out('report.json')], dir);
      expectOneLineError(r, /cannot write "[^"]*report\.json": no space left on device; the previous file is kept/);
      const b = spawnBin(
        [...CHECK, '-f', 'json', '-o', out('report2.json'), '--write-baseline', out('baseline.json')],
        dir,
      );
      expectOneLineError(b, /no space left on device/);
      expect(existsSync(out('report2.json'))).toBe(false);
      const d = spawnBin(['graph', 'inventory.yaml', '-f', 'svg', '-o', out('net.svg'), '--today', TODAY], dir);
      expectOneLineError(d, /cannot write "[^"]*net\.svg": no space left on device; the previous file is kept/);
      expect({
        report: read(out('report.json')),
        baseline: read(out('baseline.json')),
        svg: read(out('net.svg')),
      }).toEqual(before);
      expect(tmpLeft(mountPoint)).toEqual([]);

      const fd = openSync(out('stdout.json'), 'w');
      try {
        const s = spawnBin([...CHECK, '-f', 'json'], dir, fd);
        expectOneLineError(s, /^seglint: error: cannot write to stdout: no space left on device\n$/);
      } finally {
        closeSync(fd);
      }
    });
  },
);
