/**
 * Loads an inventory: reads files (and directories), follows `include:`, validates every file
 * against the inventory schema, merges them, and resolves references. Every problem of
 * every file is collected; if there is any, an InputError carries them all. Files are read
 * through a FileSystem (the disk by default, a git revision for `seglint diff`).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { InputError, UsageError, sortDiagnostics, type Diagnostic } from '../source/errors.js';
import { dateProblem, todayAnywhere } from '../source/dates.js';
import { decodeText } from '../source/decode.js';
import {
  displayPath,
  expandGlob,
  fixedPart,
  isGlob,
  isInside,
  listInventoryDir,
  patternProblem,
  resolveInRoot,
} from '../source/files.js';
import { diskFileSystem, withHooks, type FileSystem } from '../source/fs.js';
import { CHANGED, NOT_REGULAR, TOO_LARGE, type CheckedReadError } from '../source/read-checked.js';
import { pushAll, resolveInventory } from './resolve.js';
import { loadSchema, schemaDiagnostics, validatorFor } from '../source/schema.js';
import { PositionIndex, SourceFile, type Location } from '../source/location.js';
import { ENTITY_COLLECTIONS, type Inventory, type InventoryFileDoc, type LoadedFile } from './types.js';
import { readYaml } from '../source/yaml.js';
import { compareBy } from '../base/compare.js';

/**
 * How to load. Besides `fs`, each method of a FileSystem may be given on its own: it replaces
 * that method of `fs` (a seam for tests: a spy on `readdir`, a reader that swaps a file
 * between the check and the read).
 */
export interface LoadOptions extends Partial<FileSystem> {
  /** Working directory used to display paths (default: process.cwd() of the caller, passed in). */
  cwd: string;
  /** Where the files are read from (default: the disk); `seglint diff` reads a git revision. */
  fs?: FileSystem;
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
export const SECTION_LABELS: Record<string, string> = {
  ...ENTITY_COLLECTIONS,
  jurisdictions: 'jurisdiction',
  waivers: 'waiver',
};

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
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= max))
      throw new UsageError(`${name} must be a whole number from 1 to ${max}; found ${String(v)}`, {
        option: name,
        value: v,
      });
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

/**
 * Loads the inventory named by `inputs` (files or directories). Throws InputError with every
 * problem found when the inventory is not valid.
 *
 * Includes are followed depth first with an explicit stack (no recursion, so a chain of any
 * length cannot overflow the call stack), in the order they are written, globs in sorted
 * order. Every path is checked against the root before it is listed, named or read: an
 * entry whose fixed part leaves the root lexically is refused without a look at the file
 * system, globs walk only inside the root, and each file is read once, by its real path,
 * after that path was checked to be inside the root (see readCheckedFile).
 */
export function loadInventory(inputs: string[], options: LoadOptions): LoadResult {
  checkLoadOptions(options);
  const reader = new FileReader(options);
  if (inputs.length === 0) {
    throw new InputError([
      { code: 'no-input', message: 'no inventory given; expected one or more files or directories' },
    ]);
  }
  for (const input of inputs) {
    if (reader.stopped) break;
    reader.loadInput(input);
  }
  const files = [...reader.loaded.values()].sort(compareBy((f) => f.display));
  if (reader.diagnostics.length > 0) throw new InputError(sortDiagnostics(reader.diagnostics));
  const resolved = reader.timed('load.resolve', () =>
    resolveInventory(files, reader.positions, { today: options.today ?? todayAnywhere() }),
  );
  if (resolved.diagnostics.length > 0) throw new InputError(sortDiagnostics(resolved.diagnostics));
  return { inventory: resolved.inventory, positions: reader.positions, files };
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
 * The files of one load, read one by one. Each file goes through the steps its methods
 * name: find (inside the root, not yet loaded, within the file limit), read (bytes, size
 * limits), parse (decode, YAML, a mapping), validate (schema); then its includes are
 * expanded (globs and paths checked against the root) and followed.
 */
class FileReader {
  readonly positions = new PositionIndex();
  readonly diagnostics: Diagnostic[] = [];
  /** Loaded files, by real path. */
  readonly loaded = new Map<string, LoadedFile>();
  /** Set when a limit is reached: nothing more is loaded. */
  stopped = false;
  private readonly cwd: string;
  private readonly fs: FileSystem;
  private readonly maxFileSize: number;
  private readonly maxFiles: number;
  private readonly maxTotalSize: number;
  private readonly validate = validatorFor('inventory');
  private readonly schema = loadSchema('inventory');
  /** Directory entries every glob of this load may still look at. */
  private readonly budget: { entries: number };
  private totalBytes = 0;
  private readonly stack: Frame[] = [];
  private readonly onStack = new Set<string>();

  constructor(private readonly options: LoadOptions) {
    this.cwd = options.cwd;
    this.fs = withHooks(options.fs ?? diskFileSystem, options);
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE;
    this.maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
    this.maxTotalSize = options.maxTotalSize ?? DEFAULT_MAX_TOTAL_SIZE;
    this.budget = { entries: GLOB_ENTRIES_PER_FILE * this.maxFiles };
  }

  /** Runs `fn`, adding the time it took to `phase` when timings are asked for. */
  timed<T>(phase: string, fn: () => T): T {
    const timings = this.options.timings;
    if (!timings) return fn();
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - t0;
    }
  }

  private stop(d: Diagnostic): void {
    this.diagnostics.push(d);
    this.stopped = true;
  }

  private tooManyFiles(location?: Location): Diagnostic {
    return {
      code: 'too-many-files',
      message: `the inventory has more than ${this.maxFiles} files (the --max-files limit); raise it with --max-files N if it really is that large`,
      location,
      data: { limit: this.maxFiles },
    };
  }

  /** Loads a file or directory named on the command line. */
  loadInput(input: string): void {
    const { fs, cwd } = this;
    const abs = path.resolve(cwd, input);
    if (!fs.exists(abs)) {
      this.diagnostics.push({
        code: 'input-missing',
        message: `"${input}" does not exist; expected an inventory file or directory`,
      });
      return;
    }
    if (!fs.isDirectory(abs)) {
      this.loadTree(abs, { logical: path.dirname(abs), real: fs.realpath(path.dirname(abs)) });
      return;
    }
    const root = { logical: abs, real: fs.realpath(abs) };
    const files = listInventoryDir(fs, abs, root.real);
    if (files.length === 0) {
      this.diagnostics.push({
        code: 'empty-directory',
        message: `directory "${displayPath(abs, cwd)}" holds no inventory file (*.yaml, *.yml)`,
      });
      return;
    }
    // Load every file; those that another file includes are then merged once.
    for (const f of files) if (!this.stopped) this.loadTree(f, root);
  }

  /** Loads a file named on the command line (or in a directory given there) and everything it includes. */
  private loadTree(abs: string, root: Root): void {
    const { stack, onStack } = this;
    const push = (r: { file: LoadedFile; real: string } | undefined) => {
      if (!r) return;
      stack.push({ file: r.file, real: r.real, root, next: 0, pending: [], taken: 0 });
      onStack.add(r.real);
    };
    push(this.loadOne(abs, root));
    while (stack.length > 0 && !this.stopped) {
      const top = stack[stack.length - 1]!;
      const includes = Array.isArray(top.file.doc.include) ? top.file.doc.include : [];
      if (top.taken < top.pending.length) {
        const next = top.pending[top.taken++]!;
        push(this.loadOne(next.abs, root, next.at));
      } else if (top.next < includes.length) {
        this.expandInclude(top, top.next++);
      } else {
        stack.pop();
        onStack.delete(top.real);
      }
    }
    stack.length = 0;
    onStack.clear();
  }

  /** Loads one file, not what it includes; returns it and its real path when it loaded. */
  private loadOne(abs: string, root: Root, includedFrom?: Location): { file: LoadedFile; real: string } | undefined {
    const display = displayPath(abs, this.cwd);
    const real = this.find(abs, display, root, includedFrom);
    if (real === undefined) return undefined;
    const bytes = this.read(real, display, includedFrom);
    if (bytes === undefined) return undefined;
    const parsed = this.parse(bytes, display);
    if (parsed === undefined) return undefined;
    const { source, value } = parsed;
    if (!this.timed('load.validate', () => this.validate(value))) {
      pushAll(
        this.diagnostics,
        schemaDiagnostics(this.validate.errors ?? [], value, {
          labels: SECTION_LABELS,
          positions: this.positions,
          fallback: whole({ display }),
          schema: this.schema,
        }),
      );
    }
    const doc = value as InventoryFileDoc;
    const sha256 = this.timed('load.read', () => createHash('sha256').update(bytes).digest('hex'));
    const file: LoadedFile = { abs, display, source, doc, sha256, order: this.loaded.size };
    this.loaded.set(real, file);
    return { file, real };
  }

  /** The real path of a file to load: inside the root, not on the include stack, not loaded yet, within the file limit. */
  private find(abs: string, display: string, root: Root, includedFrom?: Location): string | undefined {
    const where = resolveInRoot(abs, root.real, this.fs.realpath);
    if (where.outside) {
      this.diagnostics.push({
        code: 'include-outside-root',
        message: `"${display}" is outside the inventory's root directory ${displayPath(root.logical, this.cwd)}/ (through a symbolic link?); includes must stay inside it`,
        location: includedFrom,
      });
      return undefined;
    }
    if (!where.real) {
      const code = where.missing;
      this.diagnostics.push({
        code: 'read-error',
        message:
          code === 'ENOENT' || code === 'ENOTDIR'
            ? `file "${display}" does not exist`
            : `cannot read "${display}": ${code}`,
        location: includedFrom,
      });
      return undefined;
    }
    const real = where.real;
    if (this.onStack.has(real)) {
      const from = this.stack.findIndex((f) => f.real === real);
      const cycle = [...this.stack.slice(from), this.stack[from]!].map((f) => f.file.display);
      this.diagnostics.push({
        code: 'include-cycle',
        message: `include cycle: ${cycle.join(' -> ')}`,
        location: includedFrom,
      });
      return undefined;
    }
    if (this.loaded.has(real)) return undefined; // included twice through different paths: merged once
    if (this.loaded.size >= this.maxFiles) {
      this.stop(this.tooManyFiles(includedFrom));
      return undefined;
    }
    return real;
  }

  /** The bytes of a file, by its real path: within the size limit of one file and of all of them. */
  private read(real: string, display: string, includedFrom?: Location): Buffer | undefined {
    const { maxFileSize, maxTotalSize } = this;
    const here = whole({ display });
    let bytes: Buffer;
    try {
      bytes = this.timed('load.read', () => this.fs.readFile(real, maxFileSize));
    } catch (err) {
      this.diagnostics.push(readFailure(err as CheckedReadError, display, maxFileSize, here, includedFrom));
      return undefined;
    }
    if (bytes.length > maxFileSize) {
      this.diagnostics.push({
        code: 'file-too-large',
        message: `file is ${bytes.length} bytes, larger than the limit of ${maxFileSize} bytes (--max-file-size)`,
        location: here,
      });
      return undefined;
    }
    this.totalBytes += bytes.length;
    if (this.totalBytes > maxTotalSize) {
      this.stop({
        code: 'too-much-data',
        message: `the inventory's files add up to more than ${maxTotalSize} bytes (the --max-total-size limit); raise it with --max-total-size BYTES if it really is that large`,
        location: here,
        data: { limit: maxTotalSize },
      });
      return undefined;
    }
    return bytes;
  }

  /** A file's bytes as YAML: decoded, parsed with positions, a mapping (the schema checks the rest). */
  private parse(bytes: Buffer, display: string): { source: SourceFile; value: object } | undefined {
    const here = whole({ display });
    const { text, diagnostic } = this.timed('load.read', () => decodeText(bytes, display));
    if (diagnostic || text === undefined) {
      this.diagnostics.push(diagnostic!);
      return undefined;
    }
    const source = new SourceFile(display, text);
    const read = this.timed('load.parse', () => readYaml(source, this.positions, { maxDepth: this.options.maxDepth }));
    pushAll(this.diagnostics, read.diagnostics);
    if (read.diagnostics.some((d) => d.code.startsWith('yaml-'))) return undefined;
    const value = read.value;
    if (value === undefined || value === null) {
      this.diagnostics.push({
        code: 'empty-file',
        message: 'the file is empty; expected a mapping that starts with "seglint: 1"',
        location: here,
      });
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.diagnostics.push({
        code: 'not-a-mapping',
        message: `the file holds ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}; expected a mapping that starts with "seglint: 1"`,
        location: here,
      });
      return undefined;
    }
    return { source, value };
  }

  /** Expands entry `i` of a loaded file's `include:` into the files it names (frame.pending). */
  private expandInclude(frame: Frame, i: number): void {
    const list = frame.file.doc.include!;
    const pattern = list[i];
    if (typeof pattern !== 'string' || pattern === '') return; // reported by the schema
    const at = this.positions.locateValue(list, i) ?? whole(frame.file);
    const problem = patternProblem(pattern);
    if (problem) {
      this.diagnostics.push({ ...problem, location: at });
      return;
    }
    const base = path.dirname(frame.file.abs);
    // Lexically first: `..` out of the root is refused before anything is looked up.
    if (!isInside(frame.root.logical, path.resolve(base, fixedPart(pattern)))) {
      this.diagnostics.push({
        code: 'include-outside-root',
        message: `include "${pattern}" points outside the inventory's root directory ${displayPath(frame.root.logical, this.cwd)}/`,
        location: at,
      });
      return;
    }
    if (isGlob(pattern)) this.expandGlobInclude(frame, pattern, base, at);
    else this.expandPathInclude(frame, pattern, base, at);
  }

  /** An include that is a glob: the files it matches inside the root, the including file left out. */
  private expandGlobInclude(frame: Frame, pattern: string, base: string, at: Location): void {
    const { fs, maxFiles } = this;
    const rootShown = displayPath(frame.root.logical, this.cwd);
    const found = expandGlob(pattern, base, {
      rootReal: frame.root.real,
      fs,
      maxMatches: maxFiles,
      budget: this.budget,
    });
    if (found.outside) {
      this.diagnostics.push({
        code: 'include-outside-root',
        message: `include "${pattern}" points outside the inventory's root directory ${rootShown}/ (through a symbolic link)`,
        location: at,
      });
      return;
    }
    if (found.stopped === 'matches') {
      this.stop(this.tooManyFiles(at));
      return;
    }
    if (found.stopped === 'entries') {
      this.stop({
        code: 'include-limit',
        message: `include "${pattern}": the include globs looked through more than ${GLOB_ENTRIES_PER_FILE * maxFiles} directory entries (${GLOB_ENTRIES_PER_FILE} per file of --max-files); narrow the globs, or raise --max-files`,
        location: at,
        data: { limit: GLOB_ENTRIES_PER_FILE * maxFiles },
      });
      return;
    }
    const isSelf = (m: string) => {
      try {
        return fs.realpath(m) === frame.real;
      } catch {
        return false;
      }
    };
    const matches = found.matches.filter((m) => !isSelf(m));
    if (matches.length === 0)
      this.diagnostics.push({
        code: 'include-no-match',
        message: `include "${pattern}" matches no file`,
        location: at,
      });
    for (const m of matches) frame.pending.push({ abs: m, at });
  }

  /** An include that names one file: inside the root, existing, not a directory. */
  private expandPathInclude(frame: Frame, pattern: string, base: string, at: Location): void {
    const { fs, cwd } = this;
    const target = path.resolve(base, pattern);
    const where = resolveInRoot(target, frame.root.real, fs.realpath);
    if (where.outside) {
      this.diagnostics.push({
        code: 'include-outside-root',
        message: `"${displayPath(target, cwd)}" is outside the inventory's root directory ${displayPath(frame.root.logical, cwd)}/ (through a symbolic link?); includes must stay inside it`,
        location: at,
      });
      return;
    }
    if (where.missing && where.missing !== 'ENOENT' && where.missing !== 'ENOTDIR') {
      this.diagnostics.push({
        code: 'read-error',
        message: `cannot read "${displayPath(target, cwd)}": ${where.missing}`,
        location: at,
      });
      return;
    }
    if (!where.real || !fs.exists(where.real)) {
      this.diagnostics.push({
        code: 'include-missing',
        message: `included file "${displayPath(target, cwd)}" does not exist`,
        location: at,
      });
      return;
    }
    if (fs.isDirectory(where.real)) {
      this.diagnostics.push({
        code: 'include-directory',
        message: `include "${pattern}" is a directory; expected a file, or a glob such as "${pattern.replace(/\/+$/, '')}/*.yaml"`,
        location: at,
      });
      return;
    }
    frame.pending.push({ abs: target, at });
  }
}

/** Why a file could not be read, as the diagnostic the loader reports. */
function readFailure(
  e: CheckedReadError,
  display: string,
  maxFileSize: number,
  here: Location,
  includedFrom?: Location,
): Diagnostic {
  const code = e.code;
  if (code === TOO_LARGE)
    return {
      code: 'file-too-large',
      message: `file is ${e.size} bytes, larger than the limit of ${maxFileSize} bytes (--max-file-size)`,
      location: here,
    };
  if (code === NOT_REGULAR)
    return {
      code: 'not-a-file',
      message: `"${display}" is not a regular file (a device, pipe or directory?); expected a YAML file`,
      location: includedFrom,
    };
  if (code === CHANGED)
    return {
      code: 'file-changed',
      message: `"${display}" changed while it was being opened (a symbolic link swapped in?); it was not read`,
      location: includedFrom,
    };
  return {
    code: 'read-error',
    message: code === 'ENOENT' ? `file "${display}" does not exist` : `cannot read "${display}": ${code ?? e.message}`,
    location: includedFrom,
  };
}
