/**
 * Reads an inventory as it is at a git revision, with real git: `git ls-tree` for which files
 * exist, `git cat-file blob` for their bytes. Plugged into the loader's file-system hooks, so
 * includes and globs resolve exactly as they do on disk, under the same rules.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { UsageError } from '../source/errors.js';
import type { LoadOptions } from './load.js';
import { INVENTORY_EXTENSIONS, NON_INVENTORY_FILES, type DirEntry } from '../source/files.js';
import { NOT_REGULAR, TOO_LARGE } from '../source/read-checked.js';

function git(args: string[], cwd: string): Buffer {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 });
}

/** Whether `rev` names a commit in the repository around `cwd`. */
export function isGitRevision(rev: string, cwd: string): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

function fsError(code: string, message: string): NodeJS.ErrnoException {
  const err = new Error(message) as NodeJS.ErrnoException;
  err.code = code;
  return err;
}

interface TreeEntry {
  mode: string;
  oid: string;
  size: number;
}

/**
 * The file system of a git revision, under the same rules as the disk: paths are resolved
 * inside the repository's tree only (a path that is not below its top is not there),
 * symbolic links stored in the tree are resolved component by component the way the disk
 * resolves them (a link out of the tree resolves to a path outside it, which the loader then
 * refuses as outside the root), directories are listed without following links, and a file
 * larger than the limit is refused from its recorded size, before it is read.
 */
export function gitFileSystem(rev: string, cwd: string): Pick<LoadOptions, 'readFile' | 'exists' | 'isDirectory' | 'realpath' | 'listDir' | 'readdir'> {
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
  } catch {
    throw new UsageError(`--base ${rev}: ${cwd} is not inside a git repository`);
  }
  const entries = new Map<string, TreeEntry>();
  for (const line of git(['ls-tree', '-r', '-l', '-z', '--full-tree', rev], top).toString('utf8').split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = line.slice(0, tab).split(/ +/);
    if (type !== 'blob') continue; // submodules are not inventory files
    entries.set(line.slice(tab + 1), { mode: mode!, oid: oid!, size: Number(size) });
  }
  const children = new Map<string, DirEntry[]>([['', []]]);
  for (const [f, e] of entries) {
    const parts = f.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i - 1).join('/');
      const name = parts[i - 1]!;
      const full = parts.slice(0, i).join('/');
      const isLeaf = i === parts.length;
      if (!isLeaf && children.has(full)) continue;
      const list = children.get(dir) ?? [];
      children.set(dir, list);
      if (isLeaf) list.push({ name, type: e.mode === '120000' ? 'link' : 'file' });
      else {
        list.push({ name, type: 'dir' });
        children.set(full, []);
      }
    }
  }
  const linkTargets = new Map<string, string>();
  const linkTarget = (p: string): string => {
    let t = linkTargets.get(p);
    if (t === undefined) {
      t = git(['cat-file', 'blob', entries.get(p)!.oid], top).toString('utf8');
      linkTargets.set(p, t);
    }
    return t;
  };
  /** Path relative to the top of the tree, or undefined for a path that is not below it. */
  const rel = (abs: string): string | undefined => {
    const r = path.relative(top, abs);
    if (r === '') return '';
    if (r === '..' || r.startsWith('..' + path.sep) || path.isAbsolute(r)) return undefined;
    return r.split(path.sep).join('/');
  };
  const realpath = (abs: string): string => {
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
      if (entries.get(p)?.mode !== '120000') continue;
      if (++hops > 40) throw fsError('ELOOP', `${p}: too many levels of symbolic links`);
      const target = linkTarget(p);
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
    if (p !== '' && !entries.has(p) && !children.has(p)) throw fsError('ENOENT', `${p} is not in ${rev}`);
    return path.join(top, p);
  };
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
      if (!e || e.mode === '120000') throw fsError('ENOENT', `${r ?? abs} is not a file in ${rev}`);
      if (e.size > maxBytes) throw Object.assign(fsError(TOO_LARGE, `${r} is larger than ${maxBytes} bytes`), { size: e.size });
      return git(['cat-file', 'blob', e.oid], top);
    },
    exists: (abs) => real(abs) !== undefined,
    isDirectory: (abs) => {
      const r = real(abs);
      return r !== undefined && children.has(r);
    },
    listDir: (absDir) => {
      const d = real(absDir);
      return (d === undefined ? [] : (children.get(d) ?? []))
        .filter((c) => c.type === 'file' && INVENTORY_EXTENSIONS.includes(path.posix.extname(c.name)) && !NON_INVENTORY_FILES.has(c.name))
        .map((c) => path.join(absDir, c.name))
        .sort();
    },
    readdir: (absDir) => {
      const d = rel(absDir);
      const list = d === undefined ? undefined : children.get(d);
      if (!list) throw fsError('ENOTDIR', `${absDir} is not a directory in ${rev}`);
      return list;
    },
  };
}
