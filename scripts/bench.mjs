#!/usr/bin/env node
/**
 * Benchmarks the built CLI (run `npm run bench`, which builds first) on generated inventories
 * of 1,000, 10,000 and 100,000 assets, and writes docs/performance.md.
 *
 *   node scripts/bench.mjs [--sizes 1000,10000,100000] [--runs 5,5,3] [--seed 1] [--out docs/performance.md] [--keep]
 *
 * For each size: the whole-process wall time of
 *   node bin/seglint.js check FILE -f json -o DIR/report.json --today 2026-11-29
 * (median of the runs), its CPU time, the time of each phase and each rule (SEGLINT_TIMINGS=1
 * makes the CLI print them on stderr), peak memory (max RSS, from /usr/bin/time -v when there
 * is one, else from the child's own process.resourceUsage()), and the ratio to the floor: a
 * separate `node` process that only reads the file and runs js-yaml `load` on it, timed the
 * same way (Node start-up included in both).
 *
 * The generated part of docs/performance.md sits between `<!-- bench:start -->` and
 * `<!-- bench:end -->`; the rest of the file (what we found) is kept.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitSingle, generate } from './gen-inventory.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'seglint.js');
const TODAY = '2026-11-29';

function parseArgs(argv) {
  const a = {
    sizes: [1000, 10000, 100000],
    runs: undefined,
    seed: '1',
    out: path.join(ROOT, 'docs', 'performance.md'),
    keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--sizes') a.sizes = argv[++i].split(',').map(Number);
    else if (k === '--runs') a.runs = argv[++i].split(',').map(Number);
    else if (k === '--seed') a.seed = argv[++i];
    else if (k === '--out') a.out = path.resolve(argv[++i]);
    else if (k === '--keep') a.keep = true;
    else throw new Error(`unknown argument ${k}`);
  }
  a.runs ??= a.sizes.map((n) => (n >= 100000 ? 3 : 5));
  return a;
}

const TIME_BIN =
  existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0 ? '/usr/bin/time' : undefined;

/** Runs `node args` once; returns wall ms, cpu ms, max RSS KiB, exit status, stderr. */
function runNode(args, env = {}) {
  const cmd = TIME_BIN ? TIME_BIN : process.execPath;
  const argv = TIME_BIN ? ['-v', process.execPath, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const err = r.stderr ?? '';
  let rss;
  let cpu;
  if (TIME_BIN) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
    if (m) rss = Number(m[1]);
    const u = /User time \(seconds\): ([\d.]+)/.exec(err);
    const s = /System time \(seconds\): ([\d.]+)/.exec(err);
    if (u && s) cpu = (Number(u[1]) + Number(s[1])) * 1000;
  }
  const t = /SEGLINT_TIMINGS (\{.*\})/.exec(err);
  const timings = t ? JSON.parse(t[1]) : undefined;
  if (rss === undefined && timings) rss = timings.maxRssKiB;
  return { wall, cpu, rss, status: r.status, stderr: err, timings };
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtS = (ms) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
const fmtMs = (ms) => (ms === undefined ? '-' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtMB = (kib) => (kib === undefined ? '-' : `${Math.round(kib / 1024)} MB`);
const fmtN = (n) => n.toLocaleString('en-US');

function floorScript(file) {
  return [
    '--input-type=module',
    '-e',
    `import { load } from 'js-yaml'; import { readFileSync } from 'node:fs'; load(readFileSync(${JSON.stringify(file)}, 'utf8'));`,
  ];
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build` first (or `npm run bench`)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seglint-bench-'));
  const loadAtStart = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
  const results = [];
  try {
    for (const [i, n] of args.sizes.entries()) {
      const runs = args.runs[i] ?? 3;
      const file = path.join(dir, `inventory-${n}.yaml`);
      let inv = generate({ assets: n, seed: args.seed });
      const counts = { assets: inv.assets.length, links: inv.links.length, zones: inv.zones.length };
      writeFileSync(file, emitSingle(inv));
      inv = undefined;
      const bytes = statSync(file).size;
      process.stderr.write(`bench: ${fmtN(n)} assets (${(bytes / 1e6).toFixed(1)} MB), ${runs} runs `);
      const checks = [];
      const floors = [];
      for (let r = 0; r < runs; r++) {
        const c = runNode([BIN, 'check', file, '-f', 'json', '-o', path.join(dir, 'report.json'), '--today', TODAY], {
          SEGLINT_TIMINGS: '1',
        });
        if (c.status !== 0 && c.status !== 1) throw new Error(`check exited with ${c.status}:\n${c.stderr}`);
        checks.push(c);
        const f = runNode(floorScript(file));
        if (f.status !== 0) throw new Error(`js-yaml load exited with ${f.status}:\n${f.stderr}`);
        floors.push(f);
        process.stderr.write('.');
      }
      process.stderr.write('\n');
      const phases = {};
      const rules = {};
      for (const c of checks) {
        for (const [k, v] of Object.entries(c.timings?.phases ?? {})) (phases[k] ??= []).push(v);
        for (const [k, v] of Object.entries(c.timings?.rules ?? {})) (rules[k] ??= []).push(v);
      }
      results.push({
        n,
        runs,
        bytes,
        counts,
        findings: checks[0].timings?.findings,
        wall: median(checks.map((c) => c.wall)),
        cpu: median(checks.map((c) => c.cpu)),
        rss: Math.max(...checks.map((c) => c.rss ?? 0)) || undefined,
        floorWall: median(floors.map((f) => f.wall)),
        floorCpu: median(floors.map((f) => f.cpu)),
        floorRss: Math.max(...floors.map((f) => f.rss ?? 0)) || undefined,
        phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, median(v)])),
        rules: Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, median(v)])),
      });
    }
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`bench: inventories kept in ${dir}\n`);
  }
  const md = render(results, {
    loadAtStart,
    loadAtEnd: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', '),
    seed: args.seed,
  });
  process.stdout.write(md);
  writeDoc(args.out, md);
}

function render(results, meta) {
  const cpus = os.cpus();
  const lines = [];
  lines.push('<!-- bench:start -->');
  lines.push(
    `Measured by \`npm run bench\` (scripts/bench.mjs) on ${new Date().toISOString().slice(0, 10)}: ` +
      `${os.availableParallelism?.() ?? cpus.length} CPUs (nproc) ${cpus[0]?.model?.trim() ?? ''}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ` +
      `Node ${process.version}, ${os.platform()} ${os.release()}; generator seed ${meta.seed}; load average ${meta.loadAtStart} at the start, ${meta.loadAtEnd} at the end.`,
  );
  lines.push('');
  lines.push(
    'Whole process, `node bin/seglint.js check FILE -f json -o DIR/report.json --today 2026-11-29` (median wall time; CPU = user + system);',
  );
  lines.push('floor = a `node` process that only runs js-yaml `load` on the same file.');
  lines.push('');
  lines.push(
    '| assets | links | zones | file | findings | runs | check wall | check CPU | floor wall | floor CPU | wall / floor | CPU / floor | peak RSS | floor RSS |',
  );
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    lines.push(
      `| ${fmtN(r.counts.assets)} | ${fmtN(r.counts.links)} | ${fmtN(r.counts.zones)} | ${(r.bytes / 1e6).toFixed(1)} MB | ${r.findings === undefined ? '-' : fmtN(r.findings)} | ${r.runs} | ${fmtS(r.wall)} | ${fmtS(r.cpu)} | ${fmtS(r.floorWall)} | ${fmtS(r.floorCpu)} | ${(r.wall / r.floorWall).toFixed(2)}x | ${r.cpu && r.floorCpu ? `${(r.cpu / r.floorCpu).toFixed(2)}x` : '-'} | ${fmtMB(r.rss)} | ${fmtMB(r.floorRss)} |`,
    );
  }
  lines.push('');
  // phases
  const phaseNames = [...new Set(results.flatMap((r) => Object.keys(r.phases)))];
  const order = [
    'rules',
    'load',
    'load.read',
    'load.parse',
    'load.validate',
    'load.resolve',
    'graph',
    'rules-run',
    'report',
    'format',
  ];
  phaseNames.sort(
    (a, b) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)),
  );
  const label = {
    rules: 'load rule pack',
    load: 'load (total)',
    'load.read': '  read + decode + hash',
    'load.parse': '  parse with positions',
    'load.validate': '  schema validation',
    'load.resolve': '  merge + resolve references',
    graph: 'build model graph',
    'rules-run': 'run all rules',
    report: 'build report',
    format: 'format + write',
  };
  lines.push('Phases (median ms, in-process, from `SEGLINT_TIMINGS=1`):');
  lines.push('');
  lines.push(`| phase | ${results.map((r) => fmtN(r.n)).join(' | ')} |`);
  lines.push(`|---|${results.map(() => '---:').join('|')}|`);
  for (const p of phaseNames)
    lines.push(
      `| ${(label[p] ?? p).replace(/^ {2}/, '&nbsp;&nbsp;')} | ${results.map((r) => fmtMs(r.phases[p])).join(' | ')} |`,
    );
  lines.push('');
  const ruleNames = [...new Set(results.flatMap((r) => Object.keys(r.rules)))].sort();
  const last = results[results.length - 1];
  ruleNames.sort((a, b) => (last.rules[b] ?? 0) - (last.rules[a] ?? 0) || (a < b ? -1 : 1));
  lines.push(`Rules (median ms; slowest at ${fmtN(last.n)} first):`);
  lines.push('');
  lines.push(`| rule | ${results.map((r) => fmtN(r.n)).join(' | ')} |`);
  lines.push(`|---|${results.map(() => '---:').join('|')}|`);
  for (const name of ruleNames) lines.push(`| ${name} | ${results.map((r) => fmtMs(r.rules[name])).join(' | ')} |`);
  lines.push('');
  // targets
  const by = new Map(results.map((r) => [r.n, r]));
  const t = [];
  const big = by.get(100000);
  const mid = by.get(10000);
  const small = by.get(1000);
  const mark = (ok) => (ok ? 'met' : '**not met**');
  if (big)
    t.push(
      `| 100k: check within 3x the parse floor | ${(big.wall / big.floorWall).toFixed(2)}x wall, ${big.cpu && big.floorCpu ? (big.cpu / big.floorCpu).toFixed(2) : '-'}x CPU | ${mark(big.wall / big.floorWall <= 3)} |`,
    );
  if (big)
    t.push(
      `| 100k: peak memory under 2 GB | ${fmtMB(big.rss)} | ${mark(big.rss !== undefined && big.rss < 2 * 1024 * 1024)} |`,
    );
  if (big && mid)
    t.push(
      `| time ratio 100k / 10k under 12 | ${(big.wall / mid.wall).toFixed(1)} wall, ${big.cpu && mid.cpu ? (big.cpu / mid.cpu).toFixed(1) : '-'} CPU | ${mark(big.wall / mid.wall < 12)} |`,
    );
  if (small) t.push(`| 1k: whole CLI run under 0.5 s | ${fmtS(small.wall)} | ${mark(small.wall < 500)} |`);
  if (t.length) {
    lines.push('Targets:');
    lines.push('');
    lines.push('| target | measured | |');
    lines.push('|---|---:|---|');
    lines.push(...t);
    lines.push('');
  }
  lines.push('<!-- bench:end -->');
  return lines.join('\n') + '\n';
}

function writeDoc(file, generated) {
  let doc;
  if (existsSync(file)) {
    const old = readFileSync(file, 'utf8');
    const a = old.indexOf('<!-- bench:start -->');
    const b = old.indexOf('<!-- bench:end -->');
    if (a !== -1 && b > a) doc = old.slice(0, a) + generated.trimEnd() + old.slice(b + '<!-- bench:end -->'.length);
  }
  doc ??= `# Performance\n\nRun \`npm run bench\` to measure again; it rewrites the part between the bench markers.\n\n## Measurements\n\n${generated}\n## What we found\n\n(to be written)\n`;
  writeFileSync(file, doc);
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), file)}\n`);
}

main();
