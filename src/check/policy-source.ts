/**
 * Where the trusted side of a gate is read from. A policy source is a git revision (read with
 * real git: `git ls-tree` and `git show`, as `seglint diff` reads a base) or a path (another
 * copy of the inventory, read from disk).
 *
 * With a git revision, every path inside the git work tree is read as it is at the revision,
 * never from the checkout: a file the change under review added is absent, a file it edited
 * has its old bytes. A path counts as inside when either its own (lexical) form or its real
 * path lies in the work tree, so a symbolic link the change adds cannot redirect a read to the
 * checkout or out of it. Only paths wholly outside the work tree (a configuration or rule
 * pack the CI job keeps elsewhere) are read from disk: the change cannot touch them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../source/errors.js';
import type { ConfigFs } from './config.js';
import { diskReaddir, isInside, listInventoryDir } from '../source/files.js';
import { gitFileSystem, isGitRevision } from '../inventory/git.js';
import { defaultExists, defaultIsDirectory, type LoadOptions } from '../inventory/load.js';
import { readCheckedFile } from '../source/read-checked.js';
import { MAX_OWN_FILE, readOwnFile } from '../source/yaml.js';
import type { RulesFs } from '../rules/load.js';

export type LoadHooks = Pick<LoadOptions, 'readFile' | 'exists' | 'isDirectory' | 'realpath' | 'listDir' | 'readdir'>;

/** Every way seglint reads policy files, from one source. */
export interface PolicyFs extends ConfigFs, RulesFs {
  readFile: (abs: string) => Buffer;
  /** The hooks loadInventory takes, for the base's inventory files. */
  load: LoadHooks;
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

/** The file system as it is: the default side of everything. */
export const DISK_FS: PolicyFs = {
  readFile: (abs) => readCheckedFile(realpathSync(abs), MAX_OWN_FILE),
  readText: readOwnFile,
  exists: defaultExists,
  isDirectory: defaultIsDirectory,
  list: (dir) => readdirSync(dir),
  load: {},
};

/** The real path of `abs`, also when its last parts do not exist (the real path of the longest existing prefix, plus the rest). */
function realpathLoose(abs: string): string {
  const rest: string[] = [];
  let p = abs;
  for (;;) {
    try {
      return path.join(realpathSync(p), ...rest.reverse());
    } catch {
      const parent = path.dirname(p);
      if (parent === p) return abs;
      rest.push(path.basename(p));
      p = parent;
    }
  }
}

/** A git revision overlaid on the disk: paths in the work tree come from the revision, others from disk. */
export function gitPolicyFs(rev: string, cwd: string): PolicyFs {
  const tree = gitFileSystem(rev, cwd);
  const top = realpathLoose(execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').trim());
  /** The path to read from the revision, or undefined for a path outside the work tree. */
  const inTree = (abs: string): string | undefined => {
    if (isInside(top, abs)) return abs;
    const real = realpathLoose(abs);
    return isInside(top, real) ? real : undefined;
  };
  const pick =
    <T>(fromTree: (p: string) => T, fromDisk: (p: string) => T) =>
    (abs: string): T => {
      const t = inTree(abs);
      return t === undefined ? fromDisk(abs) : fromTree(t);
    };
  const readFileMax = (abs: string, maxBytes: number): Buffer =>
    pick(
      (t) => tree.readFile!(t, maxBytes),
      (d) => readCheckedFile(realpathSync(d), maxBytes),
    )(abs);
  const readFile = (abs: string): Buffer => readFileMax(abs, MAX_OWN_FILE);
  const exists = pick(tree.exists!, defaultExists);
  const isDirectory = pick(tree.isDirectory!, defaultIsDirectory);
  const listDir = pick(tree.listDir!, listInventoryDir);
  return {
    inTree: (abs) => inTree(abs) !== undefined,
    top,
    readFile,
    readText: (abs) => readFile(abs).toString('utf8'),
    exists,
    isDirectory,
    list: pick(
      (d) => tree.listDir!(d).map((f) => path.basename(f)),
      (d) => readdirSync(d),
    ),
    load: {
      readFile: readFileMax,
      exists,
      isDirectory,
      listDir,
      realpath: pick(tree.realpath!, (p) => realpathSync(p)),
      readdir: pick(tree.readdir!, diskReaddir),
    },
  };
}

/**
 * Opens `spec` (a path to an inventory file or directory, or a git revision) as the trusted
 * side. A path wins over a revision of the same name, as for `diff --base`.
 */
export function openPolicySource(spec: string, cwd: string, option: string): PolicySource {
  if (spec === '') throw new UsageError(`${option} needs a git revision or a path`);
  if (existsSync(path.resolve(cwd, spec))) return { kind: 'path', label: spec, fs: DISK_FS };
  if (isGitRevision(spec, cwd)) return { kind: 'git', label: spec, fs: gitPolicyFs(spec, cwd) };
  throw new UsageError(`${option} "${spec}" is neither an inventory path nor a git revision`);
}
