import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (this file lives in src/source or dist/source). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface PackageJson {
  version: string;
  repository?: string | { url?: string; directory?: string };
}

const PACKAGE = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageJson;

/** The package version, read once from package.json. */
export const VERSION: string = PACKAGE.version;

/**
 * Where the built-in rules' pages are published, from package.json: a GitHub or GitLab
 * `repository` (their pages under docs/rules/ on the main branch), or else nothing. Without it
 * no rule links to a page that may not exist; the rule's help travels as text instead.
 */
export function docsBaseOf(pkg: Pick<PackageJson, 'repository'>): string {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!raw) return '';
  const m =
    /^(?:git\+)?(https:\/\/(?:github\.com|gitlab\.com)\/[\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(raw) ??
    /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (!m) return '';
  const repo = m[1]!.startsWith('https://') ? m[1]! : `https://github.com/${m[1]}`;
  const sep = repo.includes('gitlab.com') ? '/-/blob/main/' : '/blob/main/';
  const dir =
    typeof pkg.repository === 'object' && pkg.repository.directory
      ? `${pkg.repository.directory.replace(/^\/+|\/+$/g, '')}/`
      : '';
  return `${repo}${sep}${dir}docs/rules/`;
}

/** The docs base of this package (empty: no published pages known). */
export const DOCS_BASE: string = docsBaseOf(PACKAGE);
