/**
 * Reads an inventory as it is at a git revision, with real git: `git ls-tree` for which files
 * exist, `git show REV:path` for their bytes. Plugged into the loader's file-system hooks, so
 * includes and globs resolve exactly as they do on disk.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../errors/index.js';
import type { LoadOptions } from './load.js';
import { INVENTORY_EXTENSIONS, NON_INVENTORY_FILES } from './files.js';

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

export function gitFileSystem(rev: string, cwd: string): Pick<LoadOptions, 'readFile' | 'exists' | 'isDirectory' | 'glob' | 'realpath' | 'listDir'> {
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
  } catch {
    throw new UsageError(`--base ${rev}: ${cwd} is not inside a git repository`);
  }
  const files = new Set(
    git(['ls-tree', '-r', '--name-only', '-z', rev], top)
      .toString('utf8')
      .split('\0')
      .filter(Boolean),
  );
  const dirs = new Set<string>(['']);
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const rel = (abs: string) => path.relative(top, abs).split(path.sep).join('/');
  return {
    readFile: (abs) => {
      const r = rel(abs);
      if (!files.has(r)) {
        const err = new Error(`${r} is not in ${rev}`) as NodeJS.ErrnoException;
        err.code = 'ENOENT';
        throw err;
      }
      return git(['show', `${rev}:${r}`], top);
    },
    exists: (abs) => files.has(rel(abs)) || dirs.has(rel(abs)),
    isDirectory: (abs) => dirs.has(rel(abs)),
    realpath: (abs) => abs,
    listDir: (absDir) => {
      const d = rel(absDir);
      return [...files]
        .filter((f) => path.posix.dirname(f) === (d === '' ? '.' : d) && INVENTORY_EXTENSIONS.includes(path.posix.extname(f)) && !NON_INVENTORY_FILES.has(path.posix.basename(f)))
        .sort()
        .map((f) => path.join(top, f));
    },
    glob: (pattern, baseDir) => {
      const base = rel(baseDir);
      const m = picomatch(pattern.split(path.sep).join('/'));
      return [...files]
        .filter((f) => (base === '' || f.startsWith(base + '/')) && m(base === '' ? f : f.slice(base.length + 1)))
        .sort()
        .map((f) => path.join(top, f));
    },
  };
}
