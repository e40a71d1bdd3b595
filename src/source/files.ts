/** File discovery for inventories: directories, globs, and the guards on what may be read. */
import path from 'node:path';
import picomatch from 'picomatch';
import { diskFileSystem, type DirEntry, type FileSystem } from './fs.js';

export const INVENTORY_EXTENSIONS = ['.yaml', '.yml'];
/** Files in an inventory directory that are not inventory files. */
export const NON_INVENTORY_FILES = new Set(['seglint.config.yaml', 'seglint.config.yml', '.pre-commit-hooks.yaml']);

export function isGlob(pattern: string): boolean {
  return /[*?[\]{}]/.test(pattern);
}

/** `a/b` style path relative to the working directory, for reports. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

/** Whether `child` is `root` or inside it (both real, absolute paths). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The inventory files directly in a directory (regular files, not links), sorted by name and
 * named below `dir` as given; `real` is the directory's real path when the caller knows it.
 */
export function listInventoryDir(
  fs: Pick<FileSystem, 'realpath' | 'readdir'>,
  dir: string,
  real = fs.realpath(dir),
): string[] {
  return fs
    .readdir(real)
    .filter(
      (d) =>
        d.type === 'file' && INVENTORY_EXTENSIONS.includes(path.extname(d.name)) && !NON_INVENTORY_FILES.has(d.name),
    )
    .map((d) => path.join(dir, d.name))
    .sort();
}

/**
 * What is wrong with an include pattern on its face, before anything is looked up: an
 * absolute path (`/x`, `C:x`, `//server/x`), a backslash (a separator on Windows, an escape
 * in globs: refused either way), or a control character.
 */
export function patternProblem(pattern: string): { code: string; message: string } | undefined {
  if (path.posix.isAbsolute(pattern) || path.win32.isAbsolute(pattern) || /^[A-Za-z]:/.test(pattern)) {
    return {
      code: 'include-absolute',
      message: `include "${pattern}" is an absolute path; expected a path relative to this file`,
    };
  }
  if (pattern.includes('\\')) {
    return {
      code: 'include-backslash',
      message: `include "${pattern}" contains a backslash; separate directories with "/"`,
    };
  }
  if (/[\u0000-\u001f\u007f]/.test(pattern)) {
    return {
      code: 'include-control-character',
      message: `include "${pattern}" contains a control character; expected a file name or glob`,
    };
  }
  return undefined;
}

/**
 * Where `abs` really is, relative to a root given by its real path: `{ real }` when it exists
 * and its real path is inside the root, `{ outside: true }` when its real path (or, for a
 * path that does not exist, the real path of its nearest existing parent) is not, and
 * `{ missing: code }` otherwise. Whether a path outside the root exists is never told.
 */
export function resolveInRoot(
  abs: string,
  rootReal: string,
  realpath: FileSystem['realpath'],
): { real?: string; outside?: boolean; missing?: string } {
  let code: string;
  try {
    const real = realpath(abs);
    return isInside(rootReal, real) ? { real } : { outside: true };
  } catch (err) {
    code = (err as NodeJS.ErrnoException).code ?? 'ENOENT';
  }
  for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
    try {
      return isInside(rootReal, realpath(dir)) ? { missing: code } : { outside: true };
    } catch {
      if (path.dirname(dir) === dir) return { outside: true };
    }
  }
}

/** The part of a pattern before its first segment with a wildcard (`a/b` of `a/b/*.yaml`). */
export function fixedPart(pattern: string): string {
  const fixed: string[] = [];
  for (const p of pattern.split('/')) {
    if (isGlob(p)) break;
    fixed.push(p);
  }
  return fixed.join('/');
}

export interface GlobOptions {
  /** Real path of the root: nothing outside it is listed. */
  rootReal: string;
  /** Where directories are listed (default: the disk). */
  fs?: Pick<FileSystem, 'realpath' | 'readdir'>;
  /** Stop after this many matches (the result then has `stopped: 'matches'`). */
  maxMatches?: number;
  /** Directory entries that may still be looked at, shared by every glob of a load. */
  budget?: { entries: number };
}

export interface GlobResult {
  /** Sorted absolute paths below `baseDir` (as the pattern names them, not resolved). */
  matches: string[];
  /** The pattern's fixed part leads outside the root (through a symbolic link). */
  outside?: boolean;
  stopped?: 'matches' | 'entries';
}

/**
 * Expands a glob relative to `baseDir`, which must lie inside the root. Walks only below the
 * pattern's fixed part, and only once its real path is known to be inside the root; lists
 * each directory only after checking its real path is inside the root; never follows
 * symbolic links to directories; skips names starting with a dot unless the pattern names
 * one. Files and symbolic links that match are returned for the caller to resolve and check.
 */
export function expandGlob(pattern: string, baseDir: string, options: GlobOptions): GlobResult {
  const fs = options.fs ?? diskFileSystem;
  const posix = pattern.split(path.sep).join('/');
  const fixed = fixedPart(posix);
  const rest = posix.slice(fixed.length).replace(/^\//, '');
  const fixedNorm = fixed === '' ? '.' : path.posix.normalize(fixed);
  const matcher = picomatch(fixedNorm === '.' ? rest : `${fixedNorm}/${rest}`, { dot: false });
  const dotDirs = /(^|\/)\./.test(rest);
  const start = path.resolve(baseDir, fixedNorm);
  const where = resolveInRoot(start, options.rootReal, fs.realpath);
  if (where.outside) return { matches: [], outside: true };
  if (!where.real) return { matches: [] };
  const out: string[] = [];
  const maxMatches = options.maxMatches ?? Infinity;
  const budget = options.budget ?? { entries: Infinity };
  const stack: { dir: string; real: string; depth: number }[] = [{ dir: start, real: where.real, depth: 0 }];
  while (stack.length > 0) {
    const { dir, real, depth } = stack.pop()!;
    let entries: DirEntry[];
    try {
      entries = fs.readdir(real);
    } catch {
      continue; // not a directory, or not readable: no matches there
    }
    budget.entries -= entries.length;
    if (budget.entries < 0) return { matches: out.sort(), stopped: 'entries' };
    for (const d of entries) {
      const abs = path.join(dir, d.name);
      if (d.type === 'dir') {
        if (depth >= 32 || (d.name.startsWith('.') && !dotDirs)) continue;
        // checked again by its real path: a directory swapped for a link is not listed
        let sub: string;
        try {
          sub = fs.realpath(path.join(real, d.name));
        } catch {
          continue;
        }
        if (isInside(options.rootReal, sub)) stack.push({ dir: abs, real: sub, depth: depth + 1 });
      } else if (
        (d.type === 'file' || d.type === 'link') &&
        matcher(path.relative(baseDir, abs).split(path.sep).join('/'))
      ) {
        out.push(abs);
        if (out.length > maxMatches) return { matches: out.sort(), stopped: 'matches' };
      }
    }
  }
  return { matches: out.sort() };
}
