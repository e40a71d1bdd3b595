/**
 * Loads an inventory: reads files (and directories), follows `include:`, validates every file
 * against the inventory schema, merges them, and resolves references. Every problem of
 * every file is collected; if there is any, an InputError carries them all.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError, sortDiagnostics, type Diagnostic } from '../errors/index.js';
import { dateProblem, todayAnywhere } from './dates.js';
import { displayPath, expandGlob, isGlob, isInside, listInventoryDir, realpathOrSelf } from './files.js';
import { pushAll, resolveInventory } from './resolve.js';
import { loadSchema, schemaDiagnostics, validatorFor } from './schema.js';
import { PositionIndex, SourceFile, type Location } from './source.js';
import { ENTITY_COLLECTIONS, type Inventory, type InventoryFileDoc } from './types.js';
import { readYaml } from './yaml.js';

export interface LoadOptions {
  /** Working directory used to display paths (default: process.cwd() of the caller, passed in). */
  cwd: string;
  /** Largest file accepted, in bytes (default 64 MiB). */
  maxFileSize?: number;
  /** Maximum collection nesting (default 100). */
  maxDepth?: number;
  /**
   * The run's today, YYYY-MM-DD: dates of what has already happened (an audit, a purchase, a
   * mitigation) after it are errors. Default: today in the earliest time zone (UTC+14), the
   * latest day that has begun anywhere.
   */
  today?: string;
  /**
   * Reads a file's bytes. Defaults to the file system; `seglint diff` passes a reader that
   * takes files from a git revision.
   */
  readFile?: (absPath: string) => Buffer;
  /** Whether a path is a directory; defaults to the file system. */
  isDirectory?: (absPath: string) => boolean;
  /** Expands a glob below a directory; defaults to the file system. */
  glob?: (pattern: string, baseDir: string) => string[];
  /** Whether a path exists; defaults to the file system. */
  exists?: (absPath: string) => boolean;
  /** Inventory files directly in a directory, sorted; defaults to the file system. */
  listDir?: (absDir: string) => string[];
  /** Real path of a file (follows symbolic links); defaults to the file system. */
  realpath?: (absPath: string) => string;
  /**
   * When given, the milliseconds spent in each phase are added to it, summed over files:
   * `load.read`, `load.parse` (YAML with positions), `load.validate` (schema), `load.resolve`.
   */
  timings?: Record<string, number>;
}

export interface LoadedFile {
  abs: string;
  display: string;
  source: SourceFile;
  doc: InventoryFileDoc;
  sha256: string;
  /** Position in load order (inputs in order, includes depth first); the first named file names the inventory. */
  order: number;
}

export interface LoadResult {
  inventory: Inventory;
  positions: PositionIndex;
  files: LoadedFile[];
}

/** Section name -> the singular used in messages (assets -> asset). */
export const SECTION_LABELS: Record<string, string> = { ...ENTITY_COLLECTIONS, jurisdictions: 'jurisdiction', waivers: 'waiver' };

const DEFAULT_MAX_FILE = 64 * 1024 * 1024;
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
  if (o.today !== undefined) {
    const problem = typeof o.today === 'string' ? dateProblem(o.today) : 'which is not a string';
    if (problem) throw new UsageError(`today is "${String(o.today)}", ${problem}`, { option: 'today', value: o.today });
  }
}

function defaultIsDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
function defaultExists(p: string): boolean {
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

/**
 * Loads the inventory named by `inputs` (files or directories). Throws InputError with every
 * problem found when the inventory is not valid.
 */
export function loadInventory(inputs: string[], options: LoadOptions): LoadResult {
  checkLoadOptions(options);
  const cwd = options.cwd;
  const readFile = options.readFile ?? ((p: string) => readFileSync(p));
  const isDirectory = options.isDirectory ?? defaultIsDirectory;
  const exists = options.exists ?? defaultExists;
  const glob = options.glob ?? ((pattern: string, base: string) => expandGlob(pattern, base));
  const realpath = options.realpath ?? realpathOrSelf;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE;
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

  /** Loads one file and, recursively, what it includes. `chain` holds real paths being loaded. */
  const loadFile = (abs: string, root: string, chain: string[], includedFrom?: Location): void => {
    const real = realpath(abs);
    const display = displayPath(abs, cwd);
    if (chain.includes(real)) {
      const cycle = [...chain.slice(chain.indexOf(real)), real].map((p) => displayPath(p, cwd));
      diagnostics.push({ code: 'include-cycle', message: `include cycle: ${cycle.join(' -> ')}`, location: includedFrom });
      return;
    }
    if (loaded.has(real)) return; // included twice through different paths: merged once
    if (!isInside(root, real)) {
      diagnostics.push({
        code: 'include-outside-root',
        message: `"${display}" is outside the inventory's root directory ${displayPath(root, cwd)}/ (through a symbolic link?); includes must stay inside it`,
        location: includedFrom,
      });
      return;
    }
    let bytes: Buffer;
    try {
      bytes = timed('load.read', () => readFile(abs));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      diagnostics.push({
        code: 'read-error',
        message: code === 'ENOENT' ? `file "${display}" does not exist` : `cannot read "${display}": ${code ?? (err as Error).message}`,
        location: includedFrom,
      });
      return;
    }
    const whole = { file: display, line: 1, column: 1 };
    if (bytes.length > maxFileSize) {
      diagnostics.push({ code: 'file-too-large', message: `file is ${bytes.length} bytes, larger than the limit of ${maxFileSize} bytes (--max-file-size)`, location: whole });
      return;
    }
    const { text, diagnostic } = timed('load.read', () => decode(bytes, display));
    if (diagnostic || text === undefined) {
      diagnostics.push(diagnostic!);
      return;
    }
    const source = new SourceFile(display, text);
    const read = timed('load.parse', () => readYaml(source, positions, { maxDepth: options.maxDepth }));
    pushAll(diagnostics, read.diagnostics);
    if (read.diagnostics.some((d) => d.code.startsWith('yaml-'))) return;
    const value = read.value;
    if (value === undefined || value === null) {
      diagnostics.push({ code: 'empty-file', message: 'the file is empty; expected a mapping that starts with "seglint: 1"', location: whole });
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      diagnostics.push({
        code: 'not-a-mapping',
        message: `the file holds ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}; expected a mapping that starts with "seglint: 1"`,
        location: whole,
      });
      return;
    }
    if (!timed('load.validate', () => validate(value))) {
      pushAll(diagnostics, schemaDiagnostics(validate.errors ?? [], value, { labels: SECTION_LABELS, positions, fallback: whole, schema }));
    }
    const doc = value as InventoryFileDoc;
    const file: LoadedFile = { abs, display, source, doc, sha256: timed('load.read', () => createHash('sha256').update(bytes).digest('hex')), order: loaded.size };
    loaded.set(real, file);

    const includes = Array.isArray(doc.include) ? doc.include : [];
    includes.forEach((pattern, i) => {
      if (typeof pattern !== 'string' || pattern === '') return; // reported by the schema
      const at = positions.locateValue(doc.include!, i) ?? whole;
      const base = path.dirname(abs);
      if (path.isAbsolute(pattern)) {
        diagnostics.push({ code: 'include-absolute', message: `include "${pattern}" is an absolute path; expected a path relative to this file`, location: at });
        return;
      }
      if (isGlob(pattern)) {
        const matches = glob(pattern, base).filter((m) => realpath(m) !== real);
        if (matches.length === 0) {
          diagnostics.push({ code: 'include-no-match', message: `include "${pattern}" matches no file`, location: at });
        }
        for (const m of matches) {
          if (!isInside(root, path.resolve(m))) {
            diagnostics.push({ code: 'include-outside-root', message: `include "${pattern}" reaches "${displayPath(m, cwd)}", outside the inventory's root directory ${displayPath(root, cwd)}/`, location: at });
            continue;
          }
          loadFile(m, root, [...chain, real], at);
        }
        return;
      }
      const target = path.resolve(base, pattern);
      if (!isInside(root, target)) {
        diagnostics.push({ code: 'include-outside-root', message: `include "${pattern}" points outside the inventory's root directory ${displayPath(root, cwd)}/`, location: at });
        return;
      }
      if (!exists(target)) {
        diagnostics.push({ code: 'include-missing', message: `included file "${displayPath(target, cwd)}" does not exist`, location: at });
        return;
      }
      if (isDirectory(target)) {
        diagnostics.push({
          code: 'include-directory',
          message: `include "${pattern}" is a directory; expected a file, or a glob such as "${pattern.replace(/\/+$/, '')}/*.yaml"`,
          location: at,
        });
        return;
      }
      loadFile(target, root, [...chain, real], at);
    });
  };

  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if (!exists(abs)) {
      diagnostics.push({ code: 'input-missing', message: `"${input}" does not exist; expected an inventory file or directory` });
      continue;
    }
    if (isDirectory(abs)) {
      const root = realpath(abs);
      const files = (options.listDir ?? listInventoryDir)(abs);
      if (files.length === 0) {
        diagnostics.push({ code: 'empty-directory', message: `directory "${displayPath(abs, cwd)}" holds no inventory file (*.yaml, *.yml)` });
        continue;
      }
      // Load every file; those that another file includes are then merged once.
      for (const f of files) loadFile(f, root, []);
    } else {
      loadFile(abs, realpath(path.dirname(abs)), []);
    }
  }

  const files = [...loaded.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  if (diagnostics.length > 0) throw new InputError(sortDiagnostics(diagnostics));
  const resolved = timed('load.resolve', () => resolveInventory(files, positions, { today: options.today ?? todayAnywhere() }));
  if (resolved.diagnostics.length > 0) throw new InputError(sortDiagnostics(resolved.diagnostics));
  return { inventory: resolved.inventory, positions, files };
}
