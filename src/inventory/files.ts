/** File discovery for inventories: directories, globs, and the guards on what may be read. */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

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

/** The inventory files directly in a directory, sorted by name. */
export function listInventoryDir(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && INVENTORY_EXTENSIONS.includes(path.extname(d.name)) && !NON_INVENTORY_FILES.has(d.name))
    .map((d) => path.join(dir, d.name))
    .sort();
}

/**
 * Expands a glob relative to `baseDir`. Walks only below the pattern's static prefix, never
 * follows symbolic links to directories, and returns sorted absolute paths of files.
 */
export function expandGlob(pattern: string, baseDir: string, limit = 100_000): string[] {
  const posix = pattern.split(path.sep).join('/');
  const parts = posix.split('/');
  const staticParts: string[] = [];
  for (const p of parts) {
    if (isGlob(p)) break;
    staticParts.push(p);
  }
  const start = path.resolve(baseDir, staticParts.join('/') || '.');
  const matcher = picomatch(posix, { dot: false });
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (depth > 32 || out.length >= limit) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of entries) {
      const abs = path.join(dir, d.name);
      const rel = path.relative(baseDir, abs).split(path.sep).join('/');
      if (d.isDirectory()) visit(abs, depth + 1);
      else if ((d.isFile() || d.isSymbolicLink()) && matcher(rel)) out.push(abs);
    }
  };
  try {
    if (statSync(start).isDirectory()) visit(start, 0);
  } catch {
    /* no such directory: no matches */
  }
  return out.sort();
}

export function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
