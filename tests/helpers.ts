/** Shared test helpers: run seglint on inline YAML, spawn the built CLI, validate reports. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { check, type CheckResult } from '../src/index.js';
import { buildReport, type Report } from '../src/findings/report.js';
import { reportInput } from '../src/check/report.js';
import { loadSchema } from '../src/source/schema.js';
import type { Finding } from '../src/findings/types.js';
import type { Io } from '../src/cli/io.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'seglint.js');
/** A fixed date so that expiry and age checks do not drift. */
export const TODAY = '2026-11-29';

/** Writes files into a fresh temporary directory; returns its path. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seglint-test-'));
  for (const [name, content] of Object.entries(files)) {
    const f = path.join(dir, name);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, content);
  }
  return dir;
}

/** Removes the common indentation of a template literal, so inline YAML can be indented in tests. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/**
 * Runs only `ruleId` (built-in, or from `rulesDirs`) on an inline inventory. With `base` (an
 * inline inventory), in gating mode: the policy comes from the base (`--policy-from base/inventory.yaml`).
 */
export function runRule(
  ruleId: string,
  inventory: string,
  opts: { today?: string; rulesDirs?: string[]; noWaivers?: boolean; base?: string } = {},
): { findings: Finding[]; result: CheckResult; file: string } {
  const dir = tempDir({
    'inventory.yaml': inventory,
    ...(opts.base !== undefined ? { 'base/inventory.yaml': opts.base } : {}),
  });
  const gate = opts.base !== undefined ? { policyFrom: 'base/inventory.yaml' } : {};
  const result = check({
    paths: ['inventory.yaml'],
    cwd: dir,
    config: false,
    only: [ruleId],
    today: opts.today ?? TODAY,
    rulesDirs: opts.rulesDirs,
    noWaivers: opts.noWaivers,
    ...gate,
  });
  return { findings: result.findings, result, file: 'inventory.yaml' };
}

/** Runs the full pack on files of the repository. */
export function runPack(paths: string[], opts: { today?: string } = {}): CheckResult {
  return check({ paths, cwd: ROOT, config: false, today: opts.today ?? TODAY });
}

/** 1-based line of the first line of `text` containing `needle` (for asserting finding lines). */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`"${needle}" not found`);
}

let reportValidator: (((d: unknown) => boolean) & { errors?: unknown }) | undefined;
/** Validates a JSON report against schemas/report.schema.json; returns ajv's errors or []. */
export function reportErrors(report: unknown): unknown[] {
  if (!reportValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    reportValidator = ajv.compile(loadSchema('report')) as never;
  }
  return reportValidator!(report) ? [] : ((reportValidator!.errors as unknown[]) ?? []);
}

export function reportOf(result: CheckResult): Report {
  return buildReport(reportInput(result), '0.0.0-test', () => true);
}

/** Spawns the built CLI (tests/global-setup.ts compiles it first). */
export function cli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...opts.env },
    encoding: 'utf8',
    input: opts.input,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** What an in-process run of the CLI printed, and its exit code. */
export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process through `main(argv, io)` with a memory Io (no colour, not a
 * terminal): the fast way to test a CLI scenario. Spawn the binary with `cli` only where the
 * process itself is the point (exit codes of the process, signals, stack traces, stdout errors).
 */
export async function run(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; columns?: number; writeOps?: Io['writeOps'] } = {},
): Promise<RunResult> {
  const { main } = await import('../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: opts.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...opts.env },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: opts.columns,
    writeOps: opts.writeOps,
  });
  return { status, stdout, stderr };
}
