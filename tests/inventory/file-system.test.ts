/**
 * The FileSystem interface (src/source/fs.ts) and its three implementations: the disk, a git
 * revision and memory. The loader must give the same inventory, and the same refusals, over
 * each: the tests load one set of files through the disk and through memory and compare, and
 * check that memory and git follow the disk's rules (links resolved inside the tree, a link
 * out of the root refused, directories and oversized files not read).
 */
import { execFileSync } from 'node:child_process';
import { realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../../src/source/errors.js';
import { diskFileSystem, memoryFileSystem, withHooks, type FileSystem } from '../../src/source/fs.js';
import { gitFileSystem } from '../../src/source/git.js';
import { loadInventory, type LoadOptions } from '../../src/inventory/load.js';
import { tempDir, TODAY } from '../helpers.js';

const FILES: Record<string, string> = {
  'inv.yaml': 'seglint: 1\nname: fs\ninclude: [zones.yaml, "sites/*.yaml"]\n',
  'zones.yaml': 'seglint: 1\nzones: [{id: z, trust: dmz}]\n',
  'sites/a.yaml': 'seglint: 1\nsites: [{id: a, kind: plant}]\n',
  'sites/b.yaml': 'seglint: 1\nsites: [{id: b, kind: plant}]\n',
  'sites/c.yml': 'seglint: 1\nsites: [{id: c, kind: plant}]\n',
  'sites/.hidden.yaml': 'seglint: 1\nsites: [{id: hidden, kind: plant}]\n',
};

/** The same files below `/mem` in a memory file system whose tree is `/mem` (nothing is outside it). */
const inMemory = (files: Record<string, string | { link: string }>, top = '/mem') =>
  memoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join(top, k), v])), top);

/** The diagnostic codes a load fails with ([] when it loads). */
function codes(paths: string[], options: LoadOptions): string[] {
  try {
    loadInventory(paths, options);
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d: Diagnostic) => d.code);
    throw err;
  }
}

const summary = (paths: string[], options: LoadOptions) => {
  const { inventory, files } = loadInventory(paths, { today: TODAY, ...options });
  return {
    name: inventory.name,
    zones: inventory.zones.map((z) => z.id),
    sites: inventory.sites.map((s) => s.id),
    files: files.map((f) => [f.display, f.sha256]),
  };
};

describe('memoryFileSystem', () => {
  const fs = memoryFileSystem(
    {
      '/r/a.yaml': 'abc',
      '/r/d/b.yaml': 'x',
      '/r/link.yaml': { link: 'd/b.yaml' },
      '/r/out': { link: '/elsewhere/x' },
      '/r/loop': { link: 'loop' },
    },
    '/r',
  );

  it('resolves links component by component; a path it does not hold does not exist', () => {
    expect(fs.realpath('/r/link.yaml')).toBe('/r/d/b.yaml');
    expect(fs.realpath('/r/out')).toBe('/elsewhere/x');
    expect(() => fs.realpath('/r/none.yaml')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => fs.realpath('/elsewhere/x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => fs.realpath('/r/loop')).toThrow(expect.objectContaining({ code: 'ELOOP' }));
    expect([fs.exists('/r/link.yaml'), fs.exists('/r/d'), fs.exists('/r/none')]).toEqual([true, true, false]);
    expect([fs.isDirectory('/r/d'), fs.isDirectory('/r/a.yaml'), fs.isDirectory('/r/none')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('lists a directory without following links', () => {
    expect(fs.readdir('/r')).toEqual([
      { name: 'a.yaml', type: 'file' },
      { name: 'd', type: 'dir' },
      { name: 'link.yaml', type: 'link' },
      { name: 'out', type: 'link' },
      { name: 'loop', type: 'link' },
    ]);
    expect(() => fs.readdir('/r/a.yaml')).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  it('reads regular files only, up to the limit', () => {
    expect(fs.readFile('/r/a.yaml', 3).toString()).toBe('abc');
    expect(() => fs.readFile('/r/a.yaml', 2)).toThrow(expect.objectContaining({ code: 'EFBIG', size: 3 }));
    expect(() => fs.readFile('/r/d', 100)).toThrow(expect.objectContaining({ code: 'ENOTREGULAR' }));
    expect(() => fs.readFile('/r/link.yaml', 100)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('the loader over each FileSystem', () => {
  it('loads the same inventory from memory as from disk: includes, globs (dot files left out) and a directory (every *.yaml and *.yml in it)', () => {
    const dir = tempDir(FILES);
    const fromDisk = summary(['inv.yaml'], { cwd: dir });
    const fromMemory = summary(['inv.yaml'], { cwd: '/mem', fs: inMemory(FILES) });
    expect(fromMemory).toEqual(fromDisk);
    expect(fromDisk.sites).toEqual(['a', 'b']);
    expect(summary(['sites'], { cwd: dir }).sites).toEqual(['a', 'b', 'c', 'hidden']);
    expect(summary(['sites'], { cwd: '/mem', fs: inMemory(FILES) })).toEqual(summary(['sites'], { cwd: dir }));
  });

  it('refuses the same things in memory as on disk: a link out of the root, a missing include, a directory, a file too large', () => {
    const files = {
      'inv.yaml': 'seglint: 1\ninclude: [out.yaml, missing.yaml, sites, big.yaml, inside.yaml]\n',
      'sites/a.yaml': 'seglint: 1\n',
      'big.yaml': `seglint: 1\nname: ${'x'.repeat(200)}\n`,
      'real.yaml': 'seglint: 1\n',
    };
    const expected = ['include-outside-root', 'include-missing', 'include-directory', 'file-too-large'];
    const dir = tempDir(files);
    const outside = tempDir({ 'secret.yaml': 'seglint: 1\n' });
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'out.yaml'));
    symlinkSync('real.yaml', path.join(dir, 'inside.yaml'));
    expect(codes(['inv.yaml'], { cwd: dir, maxFileSize: 100 }).sort()).toEqual([...expected].sort());
    const fs = inMemory({
      ...files,
      'out.yaml': { link: '/outside/secret.yaml' },
      'inside.yaml': { link: 'real.yaml' },
    });
    expect(codes(['inv.yaml'], { cwd: '/mem', fs, maxFileSize: 100 }).sort()).toEqual([...expected].sort());
  });

  it('a hook given on its own replaces one method of the file system', () => {
    const seen: string[] = [];
    const fs = inMemory(FILES);
    const readFile: FileSystem['readFile'] = (p, max) => {
      seen.push(path.basename(p));
      return fs.readFile(p, max);
    };
    summary(['inv.yaml'], { cwd: '/mem', fs, readFile });
    expect(seen).toEqual(['inv.yaml', 'zones.yaml', 'a.yaml', 'b.yaml']);
    expect(withHooks(diskFileSystem, {})).toBe(diskFileSystem);
    expect(withHooks(fs, { readFile }).readdir).toBe(fs.readdir);
  });

  it('reads a git revision as committed, not the checkout, links resolved inside the tree', () => {
    const dir = tempDir(FILES);
    symlinkSync('zones.yaml', path.join(dir, 'zones-link.yaml'));
    writeFileSync(path.join(dir, 'inv.yaml'), 'seglint: 1\nname: fs\ninclude: [zones-link.yaml, "sites/*.yaml"]\n');
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args],
        { cwd: dir, stdio: 'pipe' },
      );
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    const committed = summary(['inv.yaml'], { cwd: dir });
    writeFileSync(path.join(dir, 'zones.yaml'), 'seglint: 1\nzones: [{id: changed, trust: dmz}]\n');
    writeFileSync(path.join(dir, 'sites/c.yaml'), 'seglint: 1\nsites: [{id: c, kind: plant}]\n');
    const cwd = realpathSync(dir);
    expect(summary(['inv.yaml'], { cwd, fs: gitFileSystem('HEAD', cwd) })).toEqual(committed);
    expect(summary(['inv.yaml'], { cwd: dir }).zones).toEqual(['changed']);
  });
});
