#!/usr/bin/env node
/**
 * Proves that a change leaves seglint's outputs byte-identical: runs one set of commands with
 * the build of a base git revision and with the build of the working tree, and compares
 * stdout, stderr, exit codes and the files each run writes.
 *
 *   node scripts/same-output.mjs --base <rev> [--assets N] [--quick] [--only TEXT] [--jobs N] [--keep]
 *   node scripts/same-output.mjs --base-build DIR [--head-build DIR] ...   (built trees, no build)
 *
 * Why: a refactoring ("behaviour unchanged") is only as good as the proof that nothing a user
 * sees moved. The tests pin what they assert; this compares everything, on the bundled
 * inventories and on a generated one of N assets (default 10000; 0 leaves it out).
 *
 * How: the base is checked out in a temporary git worktree that borrows this tree's
 * node_modules (a symlink) and is built as `npm run build` builds; the working tree is built in
 * place. Both binaries run from one temporary directory (absolute bin paths), holding copies of
 * inventories/, the broken fixtures, the generated inventory and a small git repository for
 * `diff`, so display paths agree. NO_COLOR=1 and a fixed --today. The command set: check in
 * every format, report, validate, graph (each format and view), path queries, rules, explain
 * for every rule, schema, test-rules, init, diff against a committed change, and every broken
 * fixture (stderr and exit code). --quick keeps a few of each, --only TEXT the commands whose
 * line contains TEXT (both for the tool's own test, tests/scripts/same-output.test.ts).
 *
 * Prints one line per command (same / DIFFERENT) and the first differing lines of each
 * difference; exits 0 when all are the same, 1 on any difference, 2 on a usage or build error.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TODAY = '2026-06-01';
const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html', 'csv', 'github'];
const REPORT_FORMATS = ['markdown', 'html', 'csv'];
const GRAPH_FORMATS = ['dot', 'mermaid', 'svg'];
const VIEWS = ['network', 'physical', 'supply-chain'];

function usage(message) {
  process.stderr.write(
    `same-output: ${message}\nusage: node scripts/same-output.mjs --base <rev> | --base-build DIR [--head-build DIR] [--assets N] [--quick] [--only TEXT] [--jobs N] [--keep]\n`,
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    base: undefined,
    baseBuild: undefined,
    headBuild: undefined,
    assets: 10000,
    quick: false,
    keep: false,
    jobs: 2,
    only: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--base') opts.base = value();
    else if (a === '--base-build') opts.baseBuild = path.resolve(value());
    else if (a === '--head-build') opts.headBuild = path.resolve(value());
    else if (a === '--assets') opts.assets = Number(value());
    else if (a === '--jobs') opts.jobs = Number(value());
    else if (a === '--only') opts.only = value();
    else if (a === '--quick') opts.quick = true;
    else if (a === '--keep') opts.keep = true;
    else usage(`unknown argument ${a}`);
  }
  if (!opts.base === !opts.baseBuild) usage('give one of --base <rev> or --base-build <dir>');
  if (!Number.isInteger(opts.assets) || opts.assets < 0)
    usage('--assets takes a whole number (0: no generated inventory)');
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) usage('--jobs takes a whole number from 1');
  return opts;
}

function sh(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Builds `dir` as `npm run build` does (tsc, then the standalone validators). */
function build(dir) {
  sh(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], dir);
  sh(process.execPath, [path.join(dir, 'scripts', 'build-validators.mjs')], dir);
}

/** A detached worktree of `rev` in `dir`, built, with this tree's node_modules. */
function buildBase(rev, dir) {
  sh('git', ['worktree', 'add', '--detach', '--quiet', dir, rev], ROOT);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  build(dir);
}

// ---- the work directory both builds run in ------------------------------------------------

/** The port inventory with one more mobile link in the closed zone and the second vendor's server moved out of the shared room. */
function changedPort(text) {
  const marker = '\nlinks:\n';
  const at = text.indexOf(marker);
  const start = text.indexOf('  - id: server-smiths-1\n');
  if (at < 0 || start < 0) throw new Error('the port inventory no longer has the places the diff change edits');
  let out =
    text.slice(0, at + marker.length) +
    '  - { id: link-extra-mobile, from: scanner-mv-5, to: sw-scanner-core, medium: mobile, purpose: data }\n' +
    text.slice(at + marker.length);
  const s = out.indexOf('  - id: server-smiths-1\n');
  const end = out.indexOf('\n  - id:', s + 5);
  out = out.slice(0, s) + out.slice(s, end).replace(/\n {4}room: mv-server-room[^\n]*/, '') + out.slice(end);
  return out;
}

function prepareWork(work, opts) {
  cpSync(path.join(ROOT, 'inventories'), path.join(work, 'inventories'), { recursive: true });
  cpSync(path.join(ROOT, 'tests', 'fixtures', 'broken'), path.join(work, 'broken'), { recursive: true });
  cpSync(path.join(ROOT, 'tests', 'fixtures', 'user-rules'), path.join(work, 'user-rules'), { recursive: true });
  if (opts.assets > 0) {
    sh(
      process.execPath,
      [
        path.join(ROOT, 'scripts', 'gen-inventory.mjs'),
        '--assets',
        String(opts.assets),
        '--seed',
        '1',
        '-o',
        path.join(work, 'generated.yaml'),
      ],
      work,
    );
  }
  const repo = path.join(work, 'repo');
  mkdirSync(repo);
  const port = readFileSync(path.join(ROOT, 'inventories', 'port-of-rotterdam.yaml'), 'utf8');
  writeFileSync(path.join(repo, 'port.yaml'), port);
  const git = (...args) =>
    sh(
      'git',
      ['-c', 'user.name=same-output', '-c', 'user.email=same-output@invalid', '-c', 'commit.gpgsign=false', ...args],
      repo,
    );
  git('init', '--quiet');
  git('add', 'port.yaml');
  git('commit', '--quiet', '-m', 'base');
  writeFileSync(path.join(repo, 'port.yaml'), changedPort(port));
}

// ---- the command set --------------------------------------------------------------------

/** Every command to compare: { name, args, cwd? (relative to the work dir) }. */
function commandSet(work, opts) {
  const today = ['--today', TODAY];
  const q = opts.quick;
  const invs = q
    ? ['inventories/port-of-rotterdam.yaml']
    : [
        ...readdirSync(path.join(work, 'inventories'))
          .filter((f) => f.endsWith('.yaml'))
          .sort()
          .map((f) => `inventories/${f}`),
        'inventories/split',
      ];
  const list = [];
  const add = (args, cwd, normalize) =>
    list.push({ name: (cwd ? `(in ${cwd}) ` : '') + args.join(' '), args, cwd, normalize });
  for (const inv of invs) {
    for (const f of q ? ['text', 'json'] : FORMATS) add(['check', inv, '-f', f, ...today]);
    for (const f of q ? ['markdown'] : REPORT_FORMATS) add(['report', inv, '-f', f, ...today]);
    add(['validate', inv, ...today]);
    for (const f of q ? ['dot'] : GRAPH_FORMATS)
      for (const v of q ? ['network'] : VIEWS) add(['graph', inv, '-f', f, '--view', v, ...today]);
    if (!q) add(['graph', inv, '-f', 'dot', '--findings', ...today]);
  }
  const port = 'inventories/port-of-rotterdam.yaml';
  const plant = 'inventories/reference-plant.yaml';
  add(['path', 'scanner-mv-1', 'nuctech-hq-beijing', port, ...today]);
  if (!q) {
    add(['path', 'scanner-mv-1', 'nuctech-hq-beijing', port, '-f', 'json', ...today]);
    add(['path', 'scanner-network', 'vendor-head-offices', port, '--all', '--limit', '6', '-f', 'json', ...today]);
    add(['path', 'scanner-mv-1', 'nuctech-hq-beijing', port, '--all', '--max-hops', '3', ...today]);
    add(['path', 'z-dmz', 'z-l3-operations', plant, ...today]);
    add(['path', 'historian-replica-351', 'historian-301', plant, ...today]);
    add(['path', 'historian-301', 'historian-replica-351', plant, ...today]);
    add(['graph', port, '--focus', 'scanner-mv-1', '--depth', '1', ...today]);
    add(['check', port, '--rules', 'user-rules/good', '-f', 'json', ...today]);
    add(['check', port, '--rules', 'user-rules/broken', ...today]);
    add([
      'check',
      port,
      '-f',
      'json',
      '-o',
      'out.json',
      '-f',
      'sarif',
      '-o',
      'out.sarif',
      '-f',
      'text',
      '--write-baseline',
      'baseline.json',
      ...today,
    ]);
  }
  add(['rules']);
  if (!q) add(['rules', '-f', 'json']);
  if (!q) add(['rules', '--functions']);
  const ids = JSON.parse(execRules(opts)).map((r) => r.id);
  for (const id of q ? ids.slice(0, 1) : ids) add(['explain', id]);
  if (!q) for (const kind of ['inventory', 'rule', 'config', 'report']) add(['schema', kind]);
  if (!q) add(['test-rules', 'user-rules/good']);
  // init writes the relative path from the new files to the installed package's schemas,
  // which differs between the two builds by where they sit, not by what the code does.
  if (!q)
    add(['init', 'starter'], undefined, (text) =>
      text.replace(/\$schema=\S*\/schemas\//g, '$schema=<package>/schemas/'),
    );
  for (const f of q ? ['text'] : FORMATS) add(['diff', '--base', 'HEAD', 'port.yaml', '-f', f, ...today], 'repo');
  const broken = readdirSync(path.join(work, 'broken')).sort();
  for (const b of q ? broken.slice(0, 2) : broken) add(['check', `broken/${b}/inventory.yaml`, ...today]);
  if (opts.assets > 0) {
    const gen = 'generated.yaml';
    add(['check', gen, ...FORMATS.flatMap((f) => ['-f', f, '-o', `gen.${f}`]), ...today]);
    add(['check', gen, '-f', 'text', ...today]);
    add(['report', gen, '-f', 'markdown', '-o', 'gen.md', '-f', 'csv', '-o', 'gen.csv', ...today]);
    add(['validate', gen, ...today]);
    add(['graph', gen, '-f', 'dot', '--view', 'physical', ...today]);
  }
  return list;
}

let rulesJson;
function execRules(opts) {
  rulesJson ??= sh(
    process.execPath,
    [path.join(opts.headBuild ?? ROOT, 'bin', 'seglint.js'), 'rules', '-f', 'json'],
    ROOT,
  );
  return rulesJson;
}

// ---- running and comparing --------------------------------------------------------------

/** Entries under `dir` (relative paths): files with size and mtime, folders as "dir", to see what a run wrote. */
function snapshot(dir, base = dir, out = new Map()) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === '.git') continue;
      out.set(path.relative(base, p), 'dir');
      snapshot(p, base, out);
    } else {
      const s = statSync(p);
      out.set(path.relative(base, p), `${s.size}:${s.mtimeMs}`);
    }
  }
  return out;
}

function runOnce(bin, cmd, work) {
  const cwd = cmd.cwd ? path.join(work, cmd.cwd) : work;
  const env = { ...process.env, NO_COLOR: '1', TZ: 'UTC', LC_ALL: 'C' };
  delete env.FORCE_COLOR;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...cmd.args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('close', (code, signal) =>
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), code: signal ?? code }),
    );
  });
}

/**
 * Runs `cmd` with `bin`: what it printed, its exit code and the files it wrote or changed.
 * What it created is removed again, so that the other build starts from the same directory
 * (no command of the set changes a file that was there before).
 */
async function runCollect(bin, cmd, work) {
  const before = snapshot(work);
  const r = await runOnce(bin, cmd, work);
  const files = new Map();
  const created = [];
  for (const [rel, stamp] of snapshot(work)) {
    if (before.get(rel) === stamp) continue;
    if (stamp !== 'dir') files.set(rel, readFileSync(path.join(work, rel)));
    if (!before.has(rel)) created.push(rel);
  }
  for (const rel of created) rmSync(path.join(work, rel), { recursive: true, force: true });
  return { ...r, files };
}

/** `r` with `normalize` applied to its output and files (a command whose output names where a build sits). */
function normalized(r, normalize) {
  if (!normalize) return r;
  const n = (buf) => Buffer.from(normalize(buf.toString('utf8')));
  return { ...r, stdout: n(r.stdout), stderr: n(r.stderr), files: new Map([...r.files].map(([f, b]) => [f, n(b)])) };
}

/** The first lines where `a` and `b` differ, for the report. */
function firstDifference(label, a, b) {
  const la = a.toString('utf8').split('\n');
  const lb = b.toString('utf8').split('\n');
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  const cut = (s) => (s === undefined ? '(end)' : s.length > 300 ? `${s.slice(0, 300)}...` : s);
  return `    ${label}, line ${i + 1}:\n      base: ${cut(la[i])}\n      head: ${cut(lb[i])}`;
}

function compare(a, b) {
  const diffs = [];
  if (a.code !== b.code) diffs.push(`    exit code: base ${a.code}, head ${b.code}`);
  if (!a.stdout.equals(b.stdout)) diffs.push(firstDifference('stdout', a.stdout, b.stdout));
  if (!a.stderr.equals(b.stderr)) diffs.push(firstDifference('stderr', a.stderr, b.stderr));
  for (const f of new Set([...a.files.keys(), ...b.files.keys()])) {
    const fa = a.files.get(f);
    const fb = b.files.get(f);
    if (!fa || !fb) diffs.push(`    file ${f}: written by ${fa ? 'base' : 'head'} only`);
    else if (!fa.equals(fb)) diffs.push(firstDifference(`file ${f}`, fa, fb));
  }
  return diffs;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'seglint-same-output-'));
  const work = path.join(tmp, 'work');
  mkdirSync(work);
  let baseDir = opts.baseBuild;
  try {
    if (!baseDir) {
      baseDir = path.join(tmp, 'base');
      process.stderr.write(`building ${opts.base} in ${baseDir}\n`);
      buildBase(opts.base, baseDir);
    }
    const headDir = opts.headBuild ?? ROOT;
    if (!opts.headBuild) {
      process.stderr.write('building the working tree\n');
      build(ROOT);
    }
    prepareWork(work, opts);
    const built = Date.now();
    const cmds = commandSet(work, opts).filter((c) => !opts.only || c.name.includes(opts.only));
    // The two runs of one command are sequential in one work dir, so "files written" is exact;
    // commands run `--jobs` at a time, each worker in its own copy of the work dir.
    const works = [work];
    for (let j = 1; j < opts.jobs; j++) {
      const w = path.join(tmp, `work${j}`);
      cpSync(work, w, { recursive: true });
      works.push(w);
    }
    const results = new Array(cmds.length);
    let next = 0;
    await Promise.all(
      works.map(async (w) => {
        while (next < cmds.length) {
          const i = next++;
          const base = await runCollect(path.join(baseDir, 'bin', 'seglint.js'), cmds[i], w);
          const head = await runCollect(path.join(headDir, 'bin', 'seglint.js'), cmds[i], w);
          results[i] = compare(normalized(base, cmds[i].normalize), normalized(head, cmds[i].normalize));
        }
      }),
    );
    let different = 0;
    for (let i = 0; i < cmds.length; i++) {
      const d = results[i];
      process.stdout.write(`${d.length === 0 ? 'same     ' : 'DIFFERENT'}  seglint ${cmds[i].name}\n`);
      if (d.length > 0) {
        different++;
        process.stdout.write(`${d.join('\n')}\n`);
      }
    }
    const secs = (ms) => (ms / 1000).toFixed(1);
    process.stdout.write(
      `\n${cmds.length - different} same, ${different} different, of ${cmds.length} commands (${opts.base ? `base ${opts.base}` : `base build ${baseDir}`}, head ${opts.headBuild ? `build ${headDir}` : 'working tree'}; build ${secs(built - started)} s, runs ${secs(Date.now() - built)} s)\n`,
    );
    return different === 0 ? 0 : 1;
  } finally {
    if (opts.keep) process.stderr.write(`kept ${tmp}\n`);
    else {
      if (opts.base && existsSync(path.join(tmp, 'base')))
        sh('git', ['worktree', 'remove', '--force', path.join(tmp, 'base')], ROOT);
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`same-output: ${err.stderr ? `${err.message}\n${err.stderr}` : (err.stack ?? err)}\n`);
    process.exitCode = 2;
  },
);
