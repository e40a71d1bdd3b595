/**
 * The one interface through which seglint reads inventories, configurations, rule files and
 * policy: a small file system with three implementations. `diskFileSystem` is the disk as
 * it is (each file opened once, never through a final symbolic link, checked to be the
 * regular file that was resolved, read up to a limit: see read-checked.ts); `treeFileSystem`
 * is a tree of entries held in memory, the shape of a git revision (git.ts fills one from
 * `git ls-tree`) and of `memoryFileSystem` (tests, inline inventories). The same loader runs
 * over each, so includes and globs resolve the same way and under the same root checks,
 * whatever the files come from.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { NOT_REGULAR, readCheckedFile, TOO_LARGE } from './read-checked.js';
import { pushTo } from '../base/group.js';

/** A directory entry as the glob walker sees it: symbolic links are not followed. */
export interface DirEntry {
  name: string;
  type: 'file' | 'dir' | 'link' | 'other';
}

/**
 * What seglint reads files with. The methods are plain functions (no `this`), so one may be
 * taken from an implementation, wrapped or replaced. Errors are thrown with a `code`, as
 * node:fs throws them (ENOENT, EACCES...), plus read-checked.ts's own (ENOTREGULAR, ECHANGED,
 * EFBIG with `size`).
 */
export interface FileSystem {
  /** The real path (every symbolic link resolved); throws (ENOENT...) when there is none. */
  realpath: (absPath: string) => string;
  /** The entries of a directory, given by its real path, links not followed; throws when it cannot be listed. */
  readdir: (realDir: string) => DirEntry[];
  /**
   * The bytes of the regular file whose real path is `realPath` (the caller has checked it is
   * inside its root), at most `maxBytes` of them: a larger file throws EFBIG with its `size`.
   */
  readFile: (realPath: string, maxBytes: number) => Buffer;
  /** Whether a path exists (symbolic links followed). */
  exists: (absPath: string) => boolean;
  /** Whether a path is a directory (symbolic links followed). */
  isDirectory: (absPath: string) => boolean;
}

/** Largest rule, configuration or rule test file read (the inventory's own default). */
export const MAX_OWN_FILE = 64 * 1024 * 1024;

function diskReaddir(dir: string): DirEntry[] {
  return readdirSync(dir, { withFileTypes: true }).map((d) => ({
    name: d.name,
    type: d.isFile() ? 'file' : d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'link' : 'other',
  }));
}

/** The disk: node:fs, each file read once by readCheckedFile. */
export const diskFileSystem: FileSystem = {
  realpath: (p) => realpathSync(p),
  readdir: diskReaddir,
  readFile: readCheckedFile,
  exists: (p) => {
    try {
      statSync(p);
      return true;
    } catch {
      return false;
    }
  },
  isDirectory: (p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
};

/** `fs` with some of its methods replaced (those given in `hooks`); `fs` itself when none is. */
export function withHooks(fs: FileSystem, hooks: Partial<FileSystem>): FileSystem {
  if (!hooks.realpath && !hooks.readdir && !hooks.readFile && !hooks.exists && !hooks.isDirectory) return fs;
  return {
    realpath: hooks.realpath ?? fs.realpath,
    readdir: hooks.readdir ?? fs.readdir,
    readFile: hooks.readFile ?? fs.readFile,
    exists: hooks.exists ?? fs.exists,
    isDirectory: hooks.isDirectory ?? fs.isDirectory,
  };
}

/** Reads one of seglint's own files (configuration, rule, rule test): once, from the file its real path names, a regular file, at most 64 MiB. */
export function readOwnFile(abs: string, fs: FileSystem = diskFileSystem): Buffer {
  return fs.readFile(fs.realpath(abs), MAX_OWN_FILE);
}

function fsError(code: string, message: string): NodeJS.ErrnoException {
  const err = new Error(message) as NodeJS.ErrnoException;
  err.code = code;
  return err;
}

/** A file of a tree: its size is known before it is read; a link's bytes are its target. */
export interface TreeEntry {
  link: boolean;
  size: number;
}

/**
 * A tree of entries (paths relative to `top`, `/`-separated) as a file system, under the same
 * rules as the disk: paths are resolved inside the tree only (a path that is not below `top`
 * is not there), symbolic links are resolved component by component the way the disk
 * resolves them (a link out of the tree resolves to a path outside it, which the loader then
 * refuses as outside the root), directories are listed without following links, and a file
 * larger than the limit is refused from its recorded size, before it is read. `read` gives
 * an entry's bytes; `where` names the tree in messages (a revision).
 */
export function treeFileSystem<E extends TreeEntry>(
  top: string,
  entries: Map<string, E>,
  read: (entry: E) => Buffer,
  where: string,
): FileSystem {
  const children = childrenOf(entries);
  const linkTargets = new Map<string, string>();
  const linkTarget = (p: string): string => {
    let t = linkTargets.get(p);
    if (t === undefined) {
      t = read(entries.get(p)!).toString('utf8');
      linkTargets.set(p, t);
    }
    return t;
  };
  const rel = (abs: string) => relativeInTree(top, abs);
  const tree: Tree = {
    top,
    rel,
    isLink: (p) => entries.get(p)?.link === true,
    linkTarget,
    has: (p) => entries.has(p) || children.has(p),
    where,
  };
  const realpath = (abs: string): string => treeRealpath(tree, abs);
  const real = (abs: string): string | undefined => {
    try {
      return rel(realpath(abs));
    } catch {
      return undefined;
    }
  };
  return {
    realpath,
    readFile: (abs, maxBytes) => {
      const r = rel(abs);
      const e = r === undefined ? undefined : entries.get(r);
      if (r !== undefined && children.has(r)) throw fsError(NOT_REGULAR, `${r} is a directory`);
      if (!e || e.link) throw fsError('ENOENT', `${r ?? abs} is not a file in ${where}`);
      if (e.size > maxBytes)
        throw Object.assign(fsError(TOO_LARGE, `${r} is larger than ${maxBytes} bytes`), { size: e.size });
      return read(e);
    },
    exists: (abs) => real(abs) !== undefined,
    isDirectory: (abs) => {
      const r = real(abs);
      return r !== undefined && children.has(r);
    },
    readdir: (absDir) => {
      const d = rel(absDir);
      const list = d === undefined ? undefined : children.get(d);
      if (!list) throw fsError('ENOTDIR', `${absDir} is not a directory in ${where}`);
      return list;
    },
  };
}

/** Path relative to the top of a tree, `/`-separated, or undefined for a path that is not below it. */
function relativeInTree(top: string, abs: string): string | undefined {
  const r = path.relative(top, abs);
  if (r === '') return '';
  if (r === '..' || r.startsWith('..' + path.sep) || path.isAbsolute(r)) return undefined;
  return r.split(path.sep).join('/');
}

/** What resolving a path in a tree needs to know of it. */
interface Tree {
  top: string;
  rel: (abs: string) => string | undefined;
  isLink: (p: string) => boolean;
  linkTarget: (p: string) => string;
  /** Whether a file or directory is at a path relative to the top. */
  has: (p: string) => boolean;
  where: string;
}

/** The real path of `abs` in a tree: its symbolic links resolved component by component, as the disk resolves them. */
function treeRealpath(tree: Tree, abs: string): string {
  const { top, rel } = tree;
  const r = rel(abs);
  if (r === undefined) throw fsError('ENOENT', `${abs} is not in the repository`);
  let todo = r === '' ? [] : r.split('/');
  let done: string[] = [];
  let hops = 0;
  while (todo.length > 0) {
    const part = todo.shift()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      // above the top of the tree: a path outside it, refused by the root check
      if (done.length === 0) return path.resolve(top, '..', ...todo);
      done.pop();
      continue;
    }
    done.push(part);
    const p = done.join('/');
    if (!tree.isLink(p)) continue;
    if (++hops > 40) throw fsError('ELOOP', `${p}: too many levels of symbolic links`);
    const target = tree.linkTarget(p);
    done.pop();
    if (path.posix.isAbsolute(target)) {
      const inTree = rel(target);
      if (inTree === undefined) return path.resolve(target, ...todo);
      done = [];
      todo = [...inTree.split('/'), ...todo];
    } else {
      todo = [...target.split('/'), ...todo];
    }
  }
  const p = done.join('/');
  if (p !== '' && !tree.has(p)) throw fsError('ENOENT', `${p} is not in ${tree.where}`);
  return path.join(top, p);
}

/** The entries of every directory of a tree, by the directory's path ('' for the top). */
function childrenOf(entries: Map<string, TreeEntry>): Map<string, DirEntry[]> {
  const children = new Map<string, DirEntry[]>([['', []]]);
  for (const [f, e] of entries) {
    const parts = f.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i - 1).join('/');
      const name = parts[i - 1]!;
      const full = parts.slice(0, i).join('/');
      const isLeaf = i === parts.length;
      if (!isLeaf && children.has(full)) continue;
      if (isLeaf) pushTo(children, dir, { name, type: e.link ? 'link' : 'file' });
      else {
        pushTo(children, dir, { name, type: 'dir' });
        children.set(full, []);
      }
    }
  }
  return children;
}

/** A file of a memory file system: its text or bytes, or a symbolic link to a target. */
export type MemoryFile = string | Buffer | { link: string };

/**
 * Files held in memory, by absolute path (directories are those the paths imply), for tests
 * and inline inventories: `memoryFileSystem({ '/inv/a.yaml': 'seglint: 1\n' })`. Everything
 * lies below `top` (default `/`); reading it follows the rules of treeFileSystem.
 */
export function memoryFileSystem(files: Record<string, MemoryFile>, top = '/'): FileSystem {
  const entries = new Map<string, TreeEntry & { bytes: Buffer }>();
  for (const [abs, f] of Object.entries(files)) {
    const bytes = typeof f === 'string' ? Buffer.from(f) : Buffer.isBuffer(f) ? f : Buffer.from(f.link);
    const rel = path.relative(top, path.resolve(top, abs)).split(path.sep).join('/');
    entries.set(rel, { link: typeof f === 'object' && !Buffer.isBuffer(f), size: bytes.length, bytes });
  }
  return treeFileSystem(top, entries, (e) => e.bytes, 'memory');
}
