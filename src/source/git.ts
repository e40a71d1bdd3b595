/**
 * Reads an inventory as it is at a git revision, with real git: `git ls-tree` for which files
 * exist, `git cat-file blob` for their bytes. A FileSystem (fs.ts's treeFileSystem over the
 * revision's tree), so includes and globs resolve exactly as they do on disk, under the same
 * rules.
 */
import { execFileSync } from 'node:child_process';
import { UsageError } from './errors.js';
import { treeFileSystem, type FileSystem, type TreeEntry } from './fs.js';

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

/** The top of the work tree around `cwd`, as git names it; undefined outside a repository. */
export function gitTopLevel(cwd: string): string | undefined {
  try {
    return git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * The file system of a git revision: every blob of its tree (submodules are not inventory
 * files), a symbolic link being an entry of mode 120000 whose blob is its target. Paths are
 * those of the work tree around `cwd`.
 */
export function gitFileSystem(rev: string, cwd: string): FileSystem {
  const top = gitTopLevel(cwd);
  if (top === undefined) throw new UsageError(`--base ${rev}: ${cwd} is not inside a git repository`);
  const entries = new Map<string, TreeEntry & { oid: string }>();
  for (const line of git(['ls-tree', '-r', '-l', '-z', '--full-tree', rev], top).toString('utf8').split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = line.slice(0, tab).split(/ +/);
    if (type !== 'blob') continue; // submodules are not inventory files
    entries.set(line.slice(tab + 1), { link: mode === '120000', oid: oid!, size: Number(size) });
  }
  return treeFileSystem(top, entries, (e) => git(['cat-file', 'blob', e.oid], top), rev);
}
