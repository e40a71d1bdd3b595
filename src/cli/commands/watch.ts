/**
 * `seglint check --watch`: re-runs on every save of an inventory file, an included file, a
 * rule file or the configuration, and shows what changed since the last run (new and resolved
 * findings). A half-written file gives its errors, not a crash, and the watch goes on.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { formatLocation, InputError } from '../../source/errors.js';
import { displayPath } from '../../source/files.js';
import { diffFindings } from '../../findings/baseline.js';
import type { Finding } from '../../findings/types.js';
import { check, prepare, type CheckOptions } from '../../check/check.js';
import { BUILTIN_RULES_DIR } from '../../rules/load.js';
import { renderError } from '../errors.js';
import type { Io } from '../io.js';
import { outputTarget } from '../output.js';
import { displayOf, failOnOf, renderReport } from '../shared.js';
import { visible } from '../../base/sanitize.js';

/** How often watched directories are checked for removal and return, in milliseconds. */
const POLL_MS = 500;

/** What a directory is ("dev:ino"), or undefined when there is no directory at `d`. */
function identity(d: string): string | undefined {
  try {
    const st = statSync(d);
    return st.isDirectory() ? `${st.dev}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

export interface WatchHandle {
  /** Resolves when the watch is stopped. */
  done: Promise<number>;
  stop(): void;
}

/** The directories of the watched files, with what `watchDirectories` does with them. */
interface DirectoryWatch {
  /** Watches the directories of `files` (a path without an extension is a directory), instead of the ones before. */
  watch(files: string[]): void;
  /** Reports watched directories that went away, came back or were replaced; re-runs (`rerun`) for the last two. */
  checkDirs(rerun?: boolean): void;
  close(): void;
}

/**
 * Watches directories, not files: editors save by writing a new file and renaming it over the
 * old. A save of a YAML or JSON file calls `schedule`. Each watched directory is kept with what
 * it was when watched: "dev:ino", or undefined while missing. fs.watch stops for good when its
 * directory is removed, and one made again under the same name is another directory: both are
 * noticed by comparing this identity, on every event and by a poll, and the watch is attached
 * again when the directory comes back.
 */
function watchDirectories(io: Io, cwd: string, schedule: () => void): DirectoryWatch {
  let watchers: FSWatcher[] = [];
  let dirs = new Map<string, string | undefined>();
  let closed = false;
  const shown = (d: string) => `${displayPath(d, cwd)}/`;

  const watchAll = (files: string[]) => {
    for (const w of watchers) w.close();
    watchers = [];
    const next = new Map<string, string | undefined>();
    for (const d of [...new Set(files.map((f) => (path.extname(f) ? path.dirname(f) : f)))].sort()) {
      next.set(d, identity(d));
      try {
        const w = watch(d, (_event, name) => {
          if (!name || /\.(ya?ml|json)$/.test(String(name))) schedule();
          else checkDirs();
        });
        w.on('error', () => checkDirs());
        watchers.push(w);
      } catch {
        /* a directory that is missing: checkDirs notices when it comes back */
      }
    }
    dirs = next;
  };

  const checkDirs = (rerun = true) => {
    if (closed) return;
    let changed = false;
    for (const [d, before] of dirs) {
      const now = identity(d);
      if (now === before) continue;
      dirs.set(d, now);
      if (now === undefined) io.stderr(`seglint: ${shown(d)} was removed; watching for it to come back\n`);
      else {
        io.stderr(`seglint: ${shown(d)} ${before === undefined ? 'is back' : 'was replaced'}; checking again\n`);
        changed = true;
      }
    }
    if (changed && rerun) schedule();
  };

  const poll = setInterval(checkDirs, POLL_MS);
  const close = () => {
    closed = true;
    clearInterval(poll);
    for (const w of watchers) w.close();
  };
  return { watch: watchAll, checkDirs, close };
}

export function watchCheck(
  options: CheckOptions,
  args: Record<string, unknown>,
  io: Io,
  formatName: string,
): WatchHandle {
  const plan = [{ format: formatName, target: outputTarget('--output', undefined, options.cwd) }];
  let previous: Finding[] | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((r) => (resolveDone = r));

  const run = () => {
    if (stopped) return;
    const started = Date.now();
    if (io.stdoutIsTTY) io.stdout('\x1b[2J\x1b[H');
    dirs.checkDirs(false); // say that a directory went away (or came back) before this run's errors
    const watched = new Set<string>(options.paths.map((p) => path.resolve(options.cwd, p)));
    try {
      const { config, rules } = prepare(options);
      if (config.file) watched.add(path.resolve(options.cwd, config.file));
      for (const d of [
        BUILTIN_RULES_DIR,
        ...config.rulesDirs,
        ...(options.rulesDirs ?? []).map((d) => path.resolve(options.cwd, d)),
      ])
        watched.add(d);
      const result = check({ ...options, rules, configObject: config });
      for (const f of result.load.files) watched.add(f.abs);
      renderReport({ result, failOn: failOnOf(args, result), plan, inputs: [], display: displayOf(args) }, io);
      if (previous) {
        const d = diffFindings(previous, result.findings);
        const added = d.findings.filter((f) => f.baselineState === 'new');
        const gone = d.findings.filter((f) => f.baselineState === 'absent');
        io.stdout(`\nSince the last run: ${added.length} new, ${gone.length} resolved\n`);
        for (const f of added)
          io.stdout(
            `  + ${formatLocation({ ...f.location, file: visible(f.location.file) })} ${f.ruleId} ${visible(f.message)}\n`,
          );
        for (const f of gone) io.stdout(`  - ${f.ruleId} ${visible(f.message)}\n`);
      }
      previous = result.findings;
    } catch (err) {
      renderError(err, io, { debug: false, watching: true });
      // a file with errors is watched too, so that saving its fix checks again
      if (err instanceof InputError)
        for (const d of err.diagnostics) if (d.location) watched.add(path.resolve(options.cwd, d.location.file));
    }
    dirs.watch([...watched]);
    io.stderr(
      `seglint: watching ${watched.size} path${watched.size === 1 ? '' : 's'} (${Date.now() - started} ms); Ctrl-C to stop\n`,
    );
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, 150);
  };

  const dirs = watchDirectories(io, options.cwd, schedule);

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    dirs.close();
    resolveDone(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  run();
  return { done, stop };
}
