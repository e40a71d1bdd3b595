/**
 * The one place where seglint writes files: reports (`-o`), diagrams (`graph -o`), baselines
 * (`--write-baseline`) and starter files (`init`).
 *
 * - Only regular files are written. A target that is a device, FIFO, socket, directory or
 *   symbolic link is refused before any work; `-` and `/dev/stdout` mean stdout.
 * - No output may be a file the run reads (compared by device and inode), and no two outputs
 *   may be one file; both are checked before anything is written.
 * - Each file is written to a temporary file beside it (`.<name>.seglint-<pid>.tmp`), every
 *   write checked (short writes continued), flushed with fsync, and only then renamed over the
 *   target; the directory is flushed too where the system allows it. All files of a run are
 *   written before the first is renamed, so a failure while writing replaces none of them.
 * - On a failure the previous file is kept, the temporary file is removed and the error is one
 *   line naming the target, never the temporary file. A temporary file left by a killed run is
 *   removed by the next run that writes the same target, once its process is gone.
 */
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { SeglintError, UsageError } from '../source/errors.js';

/** A file could not be written (full disk, permissions, a missing directory...): exit 2. */
export class OutputError extends SeglintError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('output', message, data);
    this.name = 'OutputError';
  }
}

/** The file-system calls that write. Replaceable (Io.writeOps) so that tests can inject failures. */
export interface WriteOps {
  openSync(file: string, flags: string, mode?: number): number;
  /** Writes up to `length` bytes; returns how many were written. */
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  linkSync(existing: string, to: string): void;
  unlinkSync(file: string): void;
}

const FS_OPS: WriteOps = {
  openSync: (f, flags, mode) => fs.openSync(f, flags, mode),
  writeSync: (fd, b, o, l) => fs.writeSync(fd, b, o, l),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  linkSync: (a, b) => fs.linkSync(a, b),
  unlinkSync: (f) => fs.unlinkSync(f),
};

export function writeOps(overrides?: Partial<WriteOps>): WriteOps {
  return { ...FS_OPS, ...overrides };
}

const codeOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

/** What went wrong, in words, without the path (a system error names the temporary file). */
export function reasonOf(err: unknown): string {
  const message = (err as Error | undefined)?.message ?? String(err);
  const m = /^[A-Z][A-Z0-9_]*: ([^,]+)/.exec(message);
  return m ? m[1]! : message;
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Writes all of `data` to `fd`: a short write is continued where it stopped, a write that
 * makes no progress is an error, and a descriptor that would block (a non-blocking pipe or
 * terminal) is waited for.
 */
export function writeAll(fd: number, data: Uint8Array, write: WriteOps['writeSync'] = FS_OPS.writeSync): void {
  let offset = 0;
  let waits = 0;
  while (offset < data.length) {
    let n: number;
    try {
      n = write(fd, data, offset, data.length - offset);
    } catch (err) {
      if (codeOf(err) !== 'EAGAIN') throw err;
      sleepMs(Math.min(++waits, 50));
      continue;
    }
    if (!(n > 0))
      throw Object.assign(new Error(`the write stopped after ${offset} of ${data.length} bytes`), {
        code: 'ESHORTWRITE',
      });
    offset += n;
    waits = 0;
  }
}

/** Where one output goes. */
export interface OutputTarget {
  /** The option that named it, for messages: `--output`, `--write-baseline`, `init`. */
  option: string;
  /** The path as given (shown in messages), or `-` for stdout. */
  given: string;
  stdout: boolean;
  /** Absolute path; empty for stdout. */
  abs: string;
}

/** A file the run reads, which no output may replace. */
export interface InputFile {
  abs: string;
  /** What it is, for the message: `inventory file`, `configuration file`, `baseline`... */
  kind: string;
}

export interface PendingOutput {
  target: OutputTarget;
  content: string;
}

const STDOUT_NAMES = new Set(['-', '/dev/stdout']);

/** `-`, `/dev/stdout` (or nothing) is stdout; anything else a file resolved against `cwd`. */
export function outputTarget(option: string, given: string | undefined, cwd: string): OutputTarget {
  if (given === undefined || STDOUT_NAMES.has(given)) return { option, given: given ?? '-', stdout: true, abs: '' };
  if (given === '') throw new UsageError(`${option} needs a file name (or - for stdout)`);
  return { option, given, stdout: false, abs: path.resolve(cwd, given) };
}

interface Inspected {
  target: OutputTarget;
  /** The file exists now (a regular file). */
  exists: boolean;
  /** Identity: device and inode of an existing file, else the real directory and the name. */
  key: string;
  /** Permission bits of an existing file, kept by its replacement (never set-id or sticky bits). */
  mode?: number;
}

function kindOf(st: fs.Stats): string {
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isFIFO()) return 'FIFO (named pipe)';
  if (st.isSocket()) return 'socket';
  return 'special file';
}

/** Is the target something seglint may write (a regular file, or nothing yet in an existing directory)? */
function inspect(t: OutputTarget): Inspected {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(t.abs);
  } catch (err) {
    if (codeOf(err) !== 'ENOENT')
      throw new OutputError(`cannot write "${t.given}": ${reasonOf(err)}`, { file: t.given, code: codeOf(err) });
    const dir = path.dirname(t.abs);
    const shownDir = path.dirname(t.given);
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      const why = codeOf(e) === 'ENOENT' ? `directory "${shownDir}" does not exist` : reasonOf(e);
      throw new OutputError(`cannot write "${t.given}": ${why}`, { file: t.given, code: codeOf(e) });
    }
    if (!fs.statSync(real).isDirectory())
      throw new OutputError(`cannot write "${t.given}": "${shownDir}" is not a directory`, {
        file: t.given,
        code: 'ENOTDIR',
      });
    return { target: t, exists: false, key: path.join(real, path.basename(t.abs)) };
  }
  const data = { option: t.option, file: t.given };
  if (st.isSymbolicLink())
    throw new UsageError(
      `${t.option} "${t.given}" is a symbolic link; seglint does not write through links: give the path of a regular file`,
      { ...data, type: 'symlink' },
    );
  if (st.isDirectory())
    throw new UsageError(`${t.option} "${t.given}" is a directory; give a file name`, { ...data, type: 'directory' });
  if (!st.isFile())
    throw new UsageError(
      `${t.option} "${t.given}" is a ${kindOf(st)}; seglint writes regular files only (- writes to stdout)`,
      { ...data, type: kindOf(st) },
    );
  return { target: t, exists: true, key: `${st.dev}:${st.ino}`, mode: st.mode & 0o777 };
}

/**
 * Checks outputs before anything is written: each target may be written, at most one is
 * stdout, no two are the same file, and none is one of `inputs`.
 */
function inspectAll(targets: OutputTarget[], inputs: InputFile[]): Inspected[] {
  const toStdout = targets.filter((t) => t.stdout);
  if (toStdout.length > 1)
    throw new UsageError(
      `more than one output would go to stdout (${toStdout.map((t) => t.option).join(', ')}); give a file for all but one`,
    );
  const seen = new Map<string, OutputTarget>();
  const inspected = targets.filter((t) => !t.stdout).map(inspect);
  for (const i of inspected) {
    const prev = seen.get(i.key);
    if (prev)
      throw new UsageError(
        `${prev.option} "${prev.given}" and ${i.target.option} "${i.target.given}" are the same file; give each output its own file`,
        { file: i.target.given },
      );
    seen.set(i.key, i.target);
  }
  const read = new Map<string, InputFile>();
  for (const input of inputs) {
    try {
      const st = fs.statSync(input.abs);
      if (!read.has(`${st.dev}:${st.ino}`)) read.set(`${st.dev}:${st.ino}`, input);
    } catch {
      /* gone, or never a file: it cannot be an output */
    }
  }
  for (const i of inspected) {
    const input = i.exists ? read.get(i.key) : undefined;
    if (!input) continue;
    const hint =
      input.kind === 'baseline' && i.target.option === '--write-baseline'
        ? '; to regenerate a baseline, run without --baseline'
        : '';
    throw new UsageError(
      `${i.target.option} "${i.target.given}" is a file this run reads (${input.kind}); seglint never writes over its inputs${hint}`,
      { option: i.target.option, file: i.target.given, input: input.kind },
    );
  }
  return inspected;
}

/** Checks the outputs of a run before it starts (see inspectAll); throws a UsageError or OutputError. */
export function checkOutputs(targets: OutputTarget[], inputs: InputFile[] = []): void {
  inspectAll(targets, inputs);
}

/** The temporary name for `base`; a name too long to extend is replaced by a hash of it. */
function tempPrefix(base: string): string {
  const stem = Buffer.byteLength(base) <= 200 ? base : createHash('sha256').update(base).digest('hex').slice(0, 16);
  return `.${stem}.seglint-`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return codeOf(err) === 'EPERM';
  }
}

/**
 * Removes temporary files that an interrupted run (kill -9, power loss) left for this target:
 * `.<name>.seglint-<pid>.tmp` where no process <pid> runs, or where <pid> is this process (a
 * run never leaves its own behind, so such a file comes from an earlier process with the same
 * id, as happens in containers).
 */
function removeLeftovers(dir: string, base: string, ops: WriteOps): void {
  const prefix = tempPrefix(base);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = name.slice(prefix.length, -'.tmp'.length);
    if (!/^[1-9]\d{0,9}$/.test(pid)) continue;
    if (Number(pid) !== process.pid && isAlive(Number(pid))) continue;
    const file = path.join(dir, name);
    try {
      if (fs.lstatSync(file).isFile()) ops.unlinkSync(file);
    } catch {
      /* another run removed it first */
    }
  }
}

interface Staged {
  inspected: Inspected;
  tmp: string;
}

function tryUnlink(file: string, ops: WriteOps): void {
  try {
    ops.unlinkSync(file);
  } catch {
    /* already gone */
  }
}

function tryClose(fd: number, ops: WriteOps): void {
  try {
    ops.closeSync(fd);
  } catch {
    /* already closed, or the first error is the one to report */
  }
}

function failure(i: Inspected, err: unknown): OutputError {
  const kept = i.exists ? 'the previous file is kept' : 'no file was written';
  return new OutputError(`cannot write "${i.target.given}": ${reasonOf(err)}; ${kept}`, {
    file: i.target.given,
    code: codeOf(err),
  });
}

/** Writes `content` to a fresh temporary file beside the target, flushed to the disk. */
function stage(i: Inspected, content: string, ops: WriteOps): Staged {
  const dir = path.dirname(i.target.abs);
  removeLeftovers(dir, path.basename(i.target.abs), ops);
  const tmp = path.join(dir, `${tempPrefix(path.basename(i.target.abs))}${process.pid}.tmp`);
  let fd: number;
  try {
    fd = ops.openSync(tmp, 'wx', 0o644);
  } catch (err) {
    throw failure(i, err);
  }
  try {
    if (i.mode !== undefined) {
      try {
        fs.fchmodSync(fd, i.mode); // a replaced file keeps its permissions (a private report stays private)
      } catch {
        /* a file system without modes */
      }
    }
    writeAll(fd, Buffer.from(content, 'utf8'), ops.writeSync);
    ops.fsyncSync(fd);
    ops.closeSync(fd); // some file systems (NFS) report a failed write only here
  } catch (err) {
    tryClose(fd, ops);
    tryUnlink(tmp, ops);
    throw failure(i, err);
  }
  return { inspected: i, tmp };
}

/** Flushes a directory entry change to the disk, where the system allows it. */
function syncDir(dir: string, ops: WriteOps): void {
  let fd: number | undefined;
  try {
    fd = ops.openSync(dir, 'r');
    ops.fsyncSync(fd);
  } catch {
    /* not possible on this system or file system: the rename itself is still atomic */
  } finally {
    if (fd !== undefined) tryClose(fd, ops);
  }
}

/**
 * Writes the outputs of a run: files first, all written and flushed before the first replaces
 * its target (so a failure while writing replaces none), then stdout. Checks the targets again
 * against `inputs`, every file the run has read. Throws UsageError or OutputError (exit 2).
 */
export function writeOutputs(
  outputs: PendingOutput[],
  io: { stdout(text: string): void; writeOps?: Partial<WriteOps> },
  inputs: InputFile[] = [],
): void {
  const ops = writeOps(io.writeOps);
  const inspected = inspectAll(
    outputs.map((o) => o.target),
    inputs,
  );
  const files = outputs.filter((o) => !o.target.stdout);
  const staged: Staged[] = [];
  try {
    files.forEach((o, n) => staged.push(stage(inspected[n]!, o.content, ops)));
  } catch (err) {
    for (const s of staged) tryUnlink(s.tmp, ops);
    throw err;
  }
  for (let n = 0; n < staged.length; n++) {
    const s = staged[n]!;
    try {
      ops.renameSync(s.tmp, s.inspected.target.abs);
    } catch (err) {
      for (const rest of staged.slice(n)) tryUnlink(rest.tmp, ops);
      throw failure(s.inspected, err);
    }
  }
  for (const dir of new Set(staged.map((s) => path.dirname(s.inspected.target.abs)))) syncDir(dir, ops);
  for (const o of outputs) if (o.target.stdout) io.stdout(o.content);
}

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Creates `file` (exclusively: fails if the name exists) and writes it whole; removed again on failure. */
function writeNew(file: string, content: string, ops: WriteOps): void {
  const fd = ops.openSync(file, 'wx', 0o644);
  try {
    writeAll(fd, Buffer.from(content, 'utf8'), ops.writeSync);
    ops.fsyncSync(fd);
    ops.closeSync(fd);
  } catch (err) {
    tryClose(fd, ops);
    tryUnlink(file, ops);
    throw err;
  }
}

/**
 * Creates new files, never replacing one (for `init`): each is written and flushed under a
 * temporary name, then linked to its name, which fails if the name exists, even in a race.
 * On any failure the files this call created are removed again.
 */
export function createFiles(outputs: PendingOutput[], io: { writeOps?: Partial<WriteOps> }): void {
  const ops = writeOps(io.writeOps);
  const fresh: Inspected[] = outputs.map((o) => ({ target: o.target, exists: false, key: o.target.abs }));
  const staged: Staged[] = [];
  const created: string[] = [];
  try {
    fresh.forEach((i, n) => staged.push(stage(i, outputs[n]!.content, ops)));
    for (const s of staged) {
      const target = s.inspected.target;
      try {
        try {
          ops.linkSync(s.tmp, target.abs);
        } catch (err) {
          if (!LINK_UNSUPPORTED.has(codeOf(err) ?? '')) throw err;
          writeNew(target.abs, outputs[staged.indexOf(s)]!.content, ops); // a file system without hard links
        }
      } catch (err) {
        if (codeOf(err) === 'EEXIST')
          throw new UsageError(`"${target.given}" already exists; ${target.option} never overwrites`, {
            file: target.given,
          });
        throw failure(s.inspected, err);
      }
      created.push(target.abs);
    }
    for (const dir of new Set(created.map((f) => path.dirname(f)))) syncDir(dir, ops);
  } catch (err) {
    for (const f of created) tryUnlink(f, ops);
    throw err;
  } finally {
    for (const s of staged) tryUnlink(s.tmp, ops);
  }
}
