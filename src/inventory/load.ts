/**
 * Loads an inventory: reads files (and directories), follows `include:`, validates every file
 * against the inventory schema, merges them, and resolves references. Every problem of
 * every file is collected; if there is any, an InputError carries them all.
 */
import { createHash } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError, sortDiagnostics, type Diagnostic } from '../source/errors.js';
import { dateProblem, todayAnywhere } from '../source/dates.js';
import { diskReaddir, displayPath, expandGlob, fixedPart, isGlob, isInside, listInventoryDir, patternProblem, resolveInRoot, type DirEntry, type TreeFs } from '../source/files.js';
import { CHANGED, NOT_REGULAR, readCheckedFile, TOO_LARGE, type CheckedReadError } from '../source/read-checked.js';
import { pushAll, resolveInventory } from './resolve.js';
import { loadSchema, schemaDiagnostics, validatorFor } from '../source/schema.js';
import { PositionIndex, SourceFile, type Location } from '../source/location.js';
import { ENTITY_COLLECTIONS, type Inventory, type InventoryFileDoc, type LoadedFile } from './types.js';
import { readYaml } from '../source/yaml.js';

export interface LoadOptions {
  /** Working directory used to display paths (default: process.cwd() of the caller, passed in). */
  cwd: string;
  /** Largest file accepted, in bytes (default 64 MiB). */
  maxFileSize?: number;
  /** Maximum collection nesting (default 100). */
  maxDepth?: number;
  /** Most files an inventory may have, includes and all (default 10,000; `--max-files`). */
  maxFiles?: number;
  /** Most bytes all files of an inventory may hold together (default 256 MiB; `--max-total-size`). */
  maxTotalSize?: number;
  /**
   * The run's today, YYYY-MM-DD: dates of what has already happened (an audit, a purchase, a
   * mitigation) after it are errors. Default: today in the earliest time zone (UTC+14), the
   * latest day that has begun anywhere.
   */
  today?: string;
  /**
   * Reads the bytes of a file, given by its real path (already checked to be inside the
   * root), at most `maxBytes` of them. Defaults to readCheckedFile (opened once, the opened
   * file checked); `seglint diff` passes a reader that takes files from a git revision.
   */
  readFile?: (realPath: string, maxBytes: number) => Buffer;
  /** Whether a path is a directory; defaults to the file system. */
  isDirectory?: (absPath: string) => boolean;
  /** Whether a path exists; defaults to the file system. */
  exists?: (absPath: string) => boolean;
  /** Inventory files directly in a directory, sorted; defaults to the file system. */
  listDir?: (absDir: string) => string[];
  /** Real path of a path (every symbolic link resolved), throwing when it does not exist; defaults to the file system. */
  realpath?: (absPath: string) => string;
  /** Entries of a directory given by its real path, links not followed (for globs); defaults to the file system. */
  readdir?: (absDir: string) => DirEntry[];
  /**
   * When given, the milliseconds spent in each phase are added to it, summed over files:
   * `load.read`, `load.parse` (YAML with positions), `load.validate` (schema), `load.resolve`.
   */
  timings?: Record<string, number>;
}

export interface LoadResult {
  inventory: Inventory;
  positions: PositionIndex;
  files: LoadedFile[];
}

/** Section name -> the singular used in messages (assets -> asset). */
export const SECTION_LABELS: Record<string, string> = { ...ENTITY_COLLECTIONS, jurisdictions: 'jurisdiction', waivers: 'waiver' };

const DEFAULT_MAX_FILE = 64 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 10_000;
export const DEFAULT_MAX_TOTAL_SIZE = 256 * 1024 * 1024;
/** Directory entries the include globs of one load may look at, per file of maxFiles. */
export const GLOB_ENTRIES_PER_FILE = 100;

/**
 * The largest --max-file-size: a file is decoded into one string, and V8's strings end just
 * below 512 MiB, so a larger limit would promise what cannot be read.
 */
export const MAX_FILE_SIZE_LIMIT = 500 * 1024 * 1024;

/** Refuses load options that would switch a limit off (NaN, a fraction, 0) or a bad today. */
function checkLoadOptions(o: LoadOptions): void {
  const whole = (name: string, v: number | undefined, max: number) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= max)) throw new UsageError(`${name} must be a whole number from 1 to ${max}; found ${String(v)}`, { option: name, value: v });
  };
  whole('maxFileSize', o.maxFileSize, MAX_FILE_SIZE_LIMIT);
  whole('maxDepth', o.maxDepth, 1000);
  whole('maxFiles', o.maxFiles, 1_000_000_000);
  whole('maxTotalSize', o.maxTotalSize, Number.MAX_SAFE_INTEGER);
  if (o.today !== undefined) {
    const problem = typeof o.today === 'string' ? dateProblem(o.today) : 'which is not a string';
    if (problem) throw new UsageError(`today is "${String(o.today)}", ${problem}`, { option: 'today', value: o.today });
  }
}

export function defaultIsDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
export function defaultExists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Decodes bytes as UTF-8, refusing binary data and invalid sequences, dropping a BOM. */
function decode(bytes: Buffer, display: string): { text?: string; diagnostic?: Diagnostic } {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { diagnostic: { code: 'binary-file', message: `binary data (a NUL byte at offset ${nul}); expected a YAML text file`, location: { file: display, line: 1, column: 1 } } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // find the first bad byte for the location
    let line = 1;
    let col = 1;
    const good = firstInvalidUtf8(bytes);
    const prefix = bytes.subarray(0, good).toString('utf8');
    for (const ch of prefix) {
      if (ch === '\n') {
        line++;
        col = 1;
      } else col++;
    }
    return { diagnostic: { code: 'invalid-utf8', message: `invalid UTF-8 (byte 0x${bytes[good]!.toString(16).padStart(2, '0')} at offset ${good}); expected a UTF-8 text file`, location: { file: display, line, column: col } } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.min(i, b.length - 1);
}

/** The root an include must stay in: as named (for messages and `..`) and by its real path. */
interface Root {
  logical: string;
  real: string;
}

/** A loaded file whose includes are being followed: the explicit stack replaces recursion. */
interface Frame {
  file: LoadedFile;
  real: string;
  root: Root;
  /** Index of the next entry of `include:` to expand. */
  next: number;
  /** Files an expanded entry named, still to load, and how many of them were taken. */
  pending: { abs: string; at: Location }[];
  taken: number;
}

const whole = (file: { display: string }): Location => ({ file: file.display, line: 1, column: 1 });

/**
 * Loads the inventory named by `inputs` (files or directories). Throws InputError with every
 * problem found when the inventory is not valid.
 *
 * Includes are followed depth first with an explicit stack (no recursion, so a chain of any
 * length cannot overflow the call stack), in the order they are written, globs in sorted
 * order. Every path is checked against the root before it is listed, named or read: an
 * entry whose fixed part leaves the root lexically is refused without a look at the disk,
 * globs walk only inside the root, and each file is read once, by its real path, after that
 * path was checked to be inside the root (see readCheckedFile).
 */
export function loadInventory(inputs: string[], options: LoadOptions): LoadResult {
  checkLoadOptions(options);
  const cwd = options.cwd;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE;
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const maxTotalSize = options.maxTotalSize ?? DEFAULT_MAX_TOTAL_SIZE;
  const readFile = options.readFile ?? readCheckedFile;
  const isDirectory = options.isDirectory ?? defaultIsDirectory;
  const exists = options.exists ?? defaultExists;
  const realpath = options.realpath ?? ((p: string) => realpathSync(p));
  const tree: TreeFs = { realpath, readdir: options.readdir ?? diskReaddir };
  const positions = new PositionIndex();
  const diagnostics: Diagnostic[] = [];
  const loaded = new Map<string, LoadedFile>(); // by real path
  const validate = validatorFor('inventory');
  const schema = loadSchema('inventory');
  const timed = <T>(phase: string, fn: () => T): T => {
    if (!options.timings) return fn();
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      options.timings[phase] = (options.timings[phase] ?? 0) + performance.now() - t0;
    }
  };

  if (inputs.length === 0) {
    throw new InputError([{ code: 'no-input', message: 'no inventory given; expected one or more files or directories' }]);
  }

  /** Directory entries every glob of this load may still look at. */
  const budget = { entries: GLOB_ENTRIES_PER_FILE * maxFiles };
  let totalBytes = 0;
  /** Set when a limit is reached: nothing more is loaded. */
  let stopped = false;
  const stop = (d: Diagnostic) => {
    diagnostics.push(d);
    stopped = true;
  };
  const tooManyFiles = (location?: Location): Diagnostic => ({
    code: 'too-many-files',
    message: `the inventory has more than ${maxFiles} files (the --max-files limit); raise it with --max-files N if it really is that large`,
    location,
    data: { limit: maxFiles },
  });
  const stack: Frame[] = [];
  const onStack = new Set<string>();

  /** Loads one file, not what it includes; returns it and its real path when it loaded. */
  const loadOne = (abs: string, root: Root, includedFrom?: Location): { file: LoadedFile; real: string } | undefined => {
    const display = displayPath(abs, cwd);
    const where = resolveInRoot(abs, root.real, realpath);
    if (where.outside) {
      diagnostics.push({
        code: 'include-outside-root',
        message: `"${display}" is outside the inventory's root directory ${displayPath(root.logical, cwd)}/ (through a symbolic link?); includes must stay inside it`,
        location: includedFrom,
      });
      return undefined;
    }
    if (!where.real) {
      const code = where.missing;
      diagnostics.push({
        code: 'read-error',
        message: code === 'ENOENT' || code === 'ENOTDIR' ? `file "${display}" does not exist` : `cannot read "${display}": ${code}`,
        location: includedFrom,
      });
      return undefined;
    }
    const real = where.real;
    if (onStack.has(real)) {
      const from = stack.findIndex((f) => f.real === real);
      const cycle = [...stack.slice(from), stack[from]!].map((f) => f.file.display);
      diagnostics.push({ code: 'include-cycle', message: `include cycle: ${cycle.join(' -> ')}`, location: includedFrom });
      return undefined;
    }
    if (loaded.has(real)) return undefined; // included twice through different paths: merged once
    if (loaded.size >= maxFiles) {
      stop(tooManyFiles(includedFrom));
      return undefined;
    }
    const here = { file: display, line: 1, column: 1 };
    let bytes: Buffer;
    try {
      bytes = timed('load.read', () => readFile(real, maxFileSize));
    } catch (err) {
      const e = err as CheckedReadError;
      const code = e.code;
      if (code === TOO_LARGE) {
        diagnostics.push({ code: 'file-too-large', message: `file is ${e.size} bytes, larger than the limit of ${maxFileSize} bytes (--max-file-size)`, location: here });
      } else if (code === NOT_REGULAR) {
        diagnostics.push({ code: 'not-a-file', message: `"${display}" is not a regular file (a device, pipe or directory?); expected a YAML file`, location: includedFrom });
      } else if (code === CHANGED) {
        diagnostics.push({ code: 'file-changed', message: `"${display}" changed while it was being opened (a symbolic link swapped in?); it was not read`, location: includedFrom });
      } else {
        diagnostics.push({
          code: 'read-error',
          message: code === 'ENOENT' ? `file "${display}" does not exist` : `cannot read "${display}": ${code ?? (err as Error).message}`,
          location: includedFrom,
        });
      }
      return undefined;
    }
    if (bytes.length > maxFileSize) {
      diagnostics.push({ code: 'file-too-large', message: `file is ${bytes.length} bytes, larger than the limit of ${maxFileSize} bytes (--max-file-size)`, location: here });
      return undefined;
    }
    totalBytes += bytes.length;
    if (totalBytes > maxTotalSize) {
      stop({
        code: 'too-much-data',
        message: `the inventory's files add up to more than ${maxTotalSize} bytes (the --max-total-size limit); raise it with --max-total-size BYTES if it really is that large`,
        location: here,
        data: { limit: maxTotalSize },
      });
      return undefined;
    }
    const { text, diagnostic } = timed('load.read', () => decode(bytes, display));
    if (diagnostic || text === undefined) {
      diagnostics.push(diagnostic!);
      return undefined;
    }
    const source = new SourceFile(display, text);
    const read = timed('load.parse', () => readYaml(source, positions, { maxDepth: options.maxDepth }));
    pushAll(diagnostics, read.diagnostics);
    if (read.diagnostics.some((d) => d.code.startsWith('yaml-'))) return undefined;
    const value = read.value;
    if (value === undefined || value === null) {
      diagnostics.push({ code: 'empty-file', message: 'the file is empty; expected a mapping that starts with "seglint: 1"', location: here });
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      diagnostics.push({
        code: 'not-a-mapping',
        message: `the file holds ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}; expected a mapping that starts with "seglint: 1"`,
        location: here,
      });
      return undefined;
    }
    if (!timed('load.validate', () => validate(value))) {
      pushAll(diagnostics, schemaDiagnostics(validate.errors ?? [], value, { labels: SECTION_LABELS, positions, fallback: here, schema }));
    }
    const doc = value as InventoryFileDoc;
    const file: LoadedFile = { abs, display, source, doc, sha256: timed('load.read', () => createHash('sha256').update(bytes).digest('hex')), order: loaded.size };
    loaded.set(real, file);
    return { file, real };
  };

  /** Expands entry `i` of a loaded file's `include:` into the files it names (frame.pending). */
  const expandInclude = (frame: Frame, i: number): void => {
    const list = frame.file.doc.include!;
    const pattern = list[i];
    if (typeof pattern !== 'string' || pattern === '') return; // reported by the schema
    const at = positions.locateValue(list, i) ?? whole(frame.file);
    const rootShown = displayPath(frame.root.logical, cwd);
    const problem = patternProblem(pattern);
    if (problem) {
      diagnostics.push({ ...problem, location: at });
      return;
    }
    const base = path.dirname(frame.file.abs);
    // Lexically first: `..` out of the root is refused before anything is looked up.
    if (!isInside(frame.root.logical, path.resolve(base, fixedPart(pattern)))) {
      diagnostics.push({ code: 'include-outside-root', message: `include "${pattern}" points outside the inventory's root directory ${rootShown}/`, location: at });
      return;
    }
    if (isGlob(pattern)) {
      const found = expandGlob(pattern, base, { rootReal: frame.root.real, fs: tree, maxMatches: maxFiles, budget });
      if (found.outside) {
        diagnostics.push({ code: 'include-outside-root', message: `include "${pattern}" points outside the inventory's root directory ${rootShown}/ (through a symbolic link)`, location: at });
        return;
      }
      if (found.stopped === 'matches') {
        stop(tooManyFiles(at));
        return;
      }
      if (found.stopped === 'entries') {
        stop({
          code: 'include-limit',
          message: `include "${pattern}": the include globs looked through more than ${GLOB_ENTRIES_PER_FILE * maxFiles} directory entries (${GLOB_ENTRIES_PER_FILE} per file of --max-files); narrow the globs, or raise --max-files`,
          location: at,
          data: { limit: GLOB_ENTRIES_PER_FILE * maxFiles },
        });
        return;
      }
      const isSelf = (m: string) => {
        try {
          return realpath(m) === frame.real;
        } catch {
          return false;
        }
      };
      const matches = found.matches.filter((m) => !isSelf(m));
      if (matches.length === 0) diagnostics.push({ code: 'include-no-match', message: `include "${pattern}" matches no file`, location: at });
      for (const m of matches) frame.pending.push({ abs: m, at });
      return;
    }
    const target = path.resolve(base, pattern);
    const where = resolveInRoot(target, frame.root.real, realpath);
    if (where.outside) {
      diagnostics.push({
        code: 'include-outside-root',
        message: `"${displayPath(target, cwd)}" is outside the inventory's root directory ${rootShown}/ (through a symbolic link?); includes must stay inside it`,
        location: at,
      });
      return;
    }
    if (where.missing && where.missing !== 'ENOENT' && where.missing !== 'ENOTDIR') {
      diagnostics.push({ code: 'read-error', message: `cannot read "${displayPath(target, cwd)}": ${where.missing}`, location: at });
      return;
    }
    if (!where.real || !exists(where.real)) {
      diagnostics.push({ code: 'include-missing', message: `included file "${displayPath(target, cwd)}" does not exist`, location: at });
      return;
    }
    if (isDirectory(where.real)) {
      diagnostics.push({
        code: 'include-directory',
        message: `include "${pattern}" is a directory; expected a file, or a glob such as "${pattern.replace(/\/+$/, '')}/*.yaml"`,
        location: at,
      });
      return;
    }
    frame.pending.push({ abs: target, at });
  };

  /** Loads a file named on the command line (or in a directory given there) and everything it includes. */
  const loadTree = (abs: string, root: Root): void => {
    const push = (r: { file: LoadedFile; real: string } | undefined) => {
      if (!r) return;
      stack.push({ file: r.file, real: r.real, root, next: 0, pending: [], taken: 0 });
      onStack.add(r.real);
    };
    push(loadOne(abs, root));
    while (stack.length > 0 && !stopped) {
      const top = stack[stack.length - 1]!;
      const includes = Array.isArray(top.file.doc.include) ? top.file.doc.include : [];
      if (top.taken < top.pending.length) {
        const next = top.pending[top.taken++]!;
        push(loadOne(next.abs, root, next.at));
      } else if (top.next < includes.length) {
        expandInclude(top, top.next++);
      } else {
        stack.pop();
        onStack.delete(top.real);
      }
    }
    stack.length = 0;
    onStack.clear();
  };

  for (const input of inputs) {
    if (stopped) break;
    const abs = path.resolve(cwd, input);
    if (!exists(abs)) {
      diagnostics.push({ code: 'input-missing', message: `"${input}" does not exist; expected an inventory file or directory` });
      continue;
    }
    if (isDirectory(abs)) {
      const root = { logical: abs, real: realpath(abs) };
      const files = (options.listDir ?? listInventoryDir)(abs);
      if (files.length === 0) {
        diagnostics.push({ code: 'empty-directory', message: `directory "${displayPath(abs, cwd)}" holds no inventory file (*.yaml, *.yml)` });
        continue;
      }
      // Load every file; those that another file includes are then merged once.
      for (const f of files) if (!stopped) loadTree(f, root);
    } else {
      loadTree(abs, { logical: path.dirname(abs), real: realpath(path.dirname(abs)) });
    }
  }

  const files = [...loaded.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  if (diagnostics.length > 0) throw new InputError(sortDiagnostics(diagnostics));
  const resolved = timed('load.resolve', () => resolveInventory(files, positions, { today: options.today ?? todayAnywhere() }));
  if (resolved.diagnostics.length > 0) throw new InputError(sortDiagnostics(resolved.diagnostics));
  return { inventory: resolved.inventory, positions, files };
}
