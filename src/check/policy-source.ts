/**
 * Where the trusted side of a gate is read from. A policy source is a git revision (read with
 * real git through source/git.ts's FileSystem, as `seglint diff` reads a base) or a path
 * (another copy of the inventory, read from disk).
 *
 * With a git revision, every path inside the git work tree is read as it is at the revision,
 * never from the checkout: a file the change under review added is absent, a file it edited
 * has its old bytes. A path counts as inside when either its own (lexical) form or its real
 * path lies in the work tree, so a symbolic link the change adds cannot redirect a read to the
 * checkout or out of it. Only paths wholly outside the work tree (a configuration or rule
 * pack the CI job keeps elsewhere) are read from disk: the change cannot touch them. The two
 * are one FileSystem (`overlay` in gitPolicyFs) that the loader reads the base's inventory
 * through; configuration and rule files are read from the same two sides.
 */
import path from 'node:path';
import { UsageError } from '../source/errors.js';
import type { ConfigFs } from './config.js';
import { isInside, listInventoryDir } from '../source/files.js';
import { diskFileSystem, readOwnFile, MAX_OWN_FILE, type FileSystem } from '../source/fs.js';
import { gitFileSystem, gitTopLevel, isGitRevision } from '../source/git.js';
import type { LoadOptions } from '../inventory/load.js';
import type { RulesFs } from '../rules/load.js';

/** Every way seglint reads policy files, from one source. */
export interface PolicyFs extends ConfigFs, RulesFs {
  /** The bytes of one of seglint's own files (configuration, rule file), at most 64 MiB. */
  readFile: (abs: string) => Buffer;
  /** What loadInventory reads the base's inventory files with. */
  load: Pick<LoadOptions, 'fs'>;
  /** For a git revision: whether a path is in the work tree (read from the revision), and the work tree. */
  inTree?: (abs: string) => boolean;
  top?: string;
}

export interface PolicySource {
  kind: 'git' | 'path';
  /** As given on the command line: the revision (origin/main) or the path. */
  label: string;
  fs: PolicyFs;
}

/** The names in a directory of the disk. */
const diskNames = (dir: string): string[] => diskFileSystem.readdir(dir).map((e) => e.name);

/** The file system as it is: the default side of everything. */
export const DISK_FS: PolicyFs = {
  readFile: (abs) => readOwnFile(abs),
  readText: (abs) => readOwnFile(abs).toString('utf8'),
  exists: diskFileSystem.exists,
  isDirectory: diskFileSystem.isDirectory,
  list: diskNames,
  load: {},
};

/** The real path of `abs`, also when its last parts do not exist (the real path of the longest existing prefix, plus the rest). */
function realpathLoose(abs: string): string {
  const rest: string[] = [];
  let p = abs;
  for (;;) {
    try {
      return path.join(diskFileSystem.realpath(p), ...rest.reverse());
    } catch {
      const parent = path.dirname(p);
      if (parent === p) return abs;
      rest.push(path.basename(p));
      p = parent;
    }
  }
}

/**
 * A git revision overlaid on the disk: paths in the work tree come from the revision, others
 * from disk. seglint's own files in the work tree are read from the revision by the path
 * named (`tree.readFile` without `realpath`: a symbolic link the revision stores is not
 * followed there), as before the FileSystem interface.
 */
export function gitPolicyFs(rev: string, cwd: string): PolicyFs {
  const tree = gitFileSystem(rev, cwd);
  const top = realpathLoose(gitTopLevel(cwd)!);
  /** The path to read from the revision, or undefined for a path outside the work tree. */
  const inTree = (abs: string): string | undefined => {
    if (isInside(top, abs)) return abs;
    const real = realpathLoose(abs);
    return isInside(top, real) ? real : undefined;
  };
  const pick =
    <A extends unknown[], T>(fromTree: (p: string, ...rest: A) => T, fromDisk: (p: string, ...rest: A) => T) =>
    (abs: string, ...rest: A): T => {
      const t = inTree(abs);
      return t === undefined ? fromDisk(abs, ...rest) : fromTree(t, ...rest);
    };
  const overlay: FileSystem = {
    realpath: pick(tree.realpath, diskFileSystem.realpath),
    readdir: pick(tree.readdir, diskFileSystem.readdir),
    readFile: pick(tree.readFile, (d, maxBytes) => diskFileSystem.readFile(diskFileSystem.realpath(d), maxBytes)),
    exists: pick(tree.exists, diskFileSystem.exists),
    isDirectory: pick(tree.isDirectory, diskFileSystem.isDirectory),
  };
  const readFile = (abs: string): Buffer => overlay.readFile(abs, MAX_OWN_FILE);
  return {
    inTree: (abs) => inTree(abs) !== undefined,
    top,
    readFile,
    readText: (abs) => readFile(abs).toString('utf8'),
    exists: overlay.exists,
    isDirectory: overlay.isDirectory,
    list: pick((d) => listInventoryDir(tree, d).map((f) => path.basename(f)), diskNames),
    load: { fs: overlay },
  };
}

/**
 * Opens `spec` (a path to an inventory file or directory, or a git revision) as the trusted
 * side. A path wins over a revision of the same name, as for `diff --base`.
 */
export function openPolicySource(spec: string, cwd: string, option: string): PolicySource {
  if (spec === '') throw new UsageError(`${option} needs a git revision or a path`);
  if (diskFileSystem.exists(path.resolve(cwd, spec))) return { kind: 'path', label: spec, fs: DISK_FS };
  if (isGitRevision(spec, cwd)) return { kind: 'git', label: spec, fs: gitPolicyFs(spec, cwd) };
  throw new UsageError(`${option} "${spec}" is neither an inventory path nor a git revision`);
}
