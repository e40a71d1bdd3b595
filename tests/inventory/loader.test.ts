/**
 * The inventory loader: the corpus of broken inventories in tests/fixtures/broken (each with
 * the exact diagnostics it must produce), the YAML reader, and the happy paths (merge, sort,
 * includes merged once).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, InputError, type Diagnostic } from '../../src/source/errors.js';
import { loadInventory, type LoadOptions } from '../../src/inventory/load.js';
import { readYaml, type YamlReadOptions } from '../../src/source/yaml.js';
import { PositionIndex, SourceFile } from '../../src/source/location.js';
import { memoryFileSystem } from '../../src/source/fs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROKEN = 'tests/fixtures/broken';

/** Loads and expects failure; returns the diagnostics of the InputError. */
function failures(paths: string[], opts: Partial<LoadOptions> = {}): Diagnostic[] {
  try {
    loadInventory(paths, { cwd: ROOT, ...opts });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).diagnostics;
  }
  throw new Error(`expected ${paths.join(', ')} to fail to load`);
}

/** Writes files into a fresh temporary directory; returns its path. */
function tempDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seglint-loader-'));
  for (const [name, content] of Object.entries(files)) {
    const f = path.join(dir, name);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, content);
  }
  return dir;
}

/** Loads files in a temporary directory (the cwd) and returns formatted diagnostics, or [] on success. */
function linesIn(dir: string, paths: string[], opts: Partial<LoadOptions> = {}): string[] {
  try {
    loadInventory(paths, { cwd: dir, ...opts });
    return [];
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.diagnostics.map(formatDiagnostic);
  }
}

function codesIn(dir: string, paths: string[], opts: Partial<LoadOptions> = {}): string[] {
  try {
    loadInventory(paths, { cwd: dir, ...opts });
    return [];
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.diagnostics.map((d) => d.code);
  }
}

function read(text: string, opts: YamlReadOptions = {}) {
  const positions = new PositionIndex();
  const source = new SourceFile('f.yaml', text);
  const result = readYaml(source, positions, opts);
  return { ...result, positions };
}

// ------------------------------------------------------------------------------------------
// The corpus: every case's diagnostics, exactly, and their codes.
// ------------------------------------------------------------------------------------------

/** Case -> the code of each expected line of its expected.txt, in order. */
const CASES: Record<string, string[]> = {
  'yaml-syntax': ['yaml-syntax'],
  'yaml-syntax-in-include': ['schema-enum', 'yaml-syntax'],
  'duplicate-key': ['duplicate-key', 'duplicate-key'],
  'tabs-indentation': ['yaml-syntax'],
  'unknown-property-suggestion': ['schema-additionalProperties'],
  'unknown-property-no-suggestion': ['schema-additionalProperties'],
  'wrong-type': ['schema-type', 'schema-type'],
  'enum-suggestion': ['schema-enum'],
  'missing-required': ['schema-required'],
  'missing-version': ['schema-required'],
  'bad-date': ['schema-pattern', 'schema-pattern'],
  'impossible-date': ['invalid-date', 'invalid-date'],
  'bad-country': ['schema-pattern', 'schema-pattern'],
  'unsupported-version': ['schema-const'],
  'duplicate-id': ['duplicate-id', 'duplicate-id'],
  'duplicate-id-include': ['duplicate-id'],
  'unknown-reference': ['unknown-reference', 'unknown-reference'],
  'wrong-reference-kind': ['wrong-reference-kind', 'wrong-reference-kind'],
  'include-cycle': ['include-cycle'],
  'include-outside-root': ['include-outside-root'],
  'include-absolute': ['include-absolute'],
  'include-glob-no-match': ['include-no-match'],
  'include-missing': ['include-missing', 'include-missing'],
  'empty-file': ['empty-file'],
  'top-level-list': ['not-a-mapping'],
  'conduit-direction': ['conduit-direction'],
  'room-site-mismatch': ['room-site-mismatch'],
  'owners-over-100': ['ownership-over-100'],
  'multi-error-schema': [
    'schema-enum',
    'schema-additionalProperties',
    'schema-type',
    'schema-required',
    'schema-pattern',
    'duplicate-key',
  ],
  'multi-error-refs': [
    'self-ownership',
    'ownership-over-100',
    'unknown-reference',
    'room-site-mismatch',
    'duplicate-id',
    'wrong-reference-kind',
  ],
};

describe('broken inventories (tests/fixtures/broken)', () => {
  it('has a table entry for every case directory, and at least 20 cases', () => {
    const dirs = readdirSync(path.join(ROOT, BROKEN), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(dirs).toEqual(Object.keys(CASES).sort());
    expect(dirs.length).toBeGreaterThanOrEqual(20);
  });

  for (const [name, codes] of Object.entries(CASES)) {
    it(name, () => {
      const expected = readFileSync(path.join(ROOT, BROKEN, name, 'expected.txt'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      const diagnostics = failures([`${BROKEN}/${name}/inventory.yaml`]);
      expect(diagnostics.map(formatDiagnostic)).toEqual(expected);
      expect(diagnostics.map((d) => d.code)).toEqual(codes);
      // every diagnostic has a place, and the list is sorted by file, line and column
      for (const d of diagnostics) expect(d.location).toBeDefined();
      const keys = diagnostics.map((d) => [d.location!.file, d.location!.line, d.location!.column] as const);
      const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
      expect(keys).toEqual(sorted);
    });
  }

  it('the InputError message is every diagnostic line, in order', () => {
    try {
      loadInventory([`${BROKEN}/multi-error-schema/inventory.yaml`], { cwd: ROOT });
      expect.unreachable();
    } catch (err) {
      const e = err as InputError;
      expect(e.code).toBe('input');
      expect(e.data).toEqual({ count: 6 });
      expect(e.message).toBe(e.diagnostics.map(formatDiagnostic).join('\n'));
    }
  });

  it('reports data for tests and tools: the did-you-mean suggestion and the first place of a duplicate id', () => {
    const [unknown] = failures([`${BROKEN}/unknown-reference/inventory.yaml`]);
    expect(unknown!.data).toMatchObject({ ref: 'scaner-3', expected: ['asset'], suggestion: 'scanner-3' });
    const [dup] = failures([`${BROKEN}/duplicate-id-include/inventory.yaml`]);
    expect(dup!.data).toMatchObject({
      id: 'port',
      first: { file: `${BROKEN}/duplicate-id-include/inventory.yaml`, line: 5, column: 5 },
    });
    const [kind] = failures([`${BROKEN}/wrong-reference-kind/inventory.yaml`]);
    expect(kind!.data).toMatchObject({ ref: 'port', expected: ['room'], found: 'site' });
  });

  it('finds the duplicate across files the same way when given the directory', () => {
    // The directory holds inventory.yaml and sites.yaml; sites.yaml is also included: loaded once.
    expect(failures([`${BROKEN}/duplicate-id-include`]).map(formatDiagnostic)).toEqual([
      `${BROKEN}/duplicate-id-include/sites.yaml:5:5 error: duplicate id "port": a site here, and a site at ${BROKEN}/duplicate-id-include/inventory.yaml:5:5; ids must be unique across the inventory`,
    ]);
  });

  it('paths are shown relative to cwd', () => {
    const diagnostics = failures(['inventory.yaml'], { cwd: path.join(ROOT, BROKEN, 'enum-suggestion') });
    expect(diagnostics.map(formatDiagnostic)[0]).toMatch(
      /^inventory\.yaml:4:11 error: "kind" of asset "scanner-1" is "scaner"/,
    );
  });
});

// ------------------------------------------------------------------------------------------
// Loader: inputs, includes, guards.
// ------------------------------------------------------------------------------------------

describe('loadInventory', () => {
  const valid = [
    'seglint: 1',
    'name: Small valid inventory',
    'sites:',
    '  - id: port',
    '    kind: seaport',
    '    country: NL',
    'rooms:',
    '  - id: server-room',
    '    site: port',
    '    kind: server-room',
    'zones:',
    '  - id: z-scan',
    '    trust: closed',
    '  - id: z-office',
    '    trust: internal',
    'assets:',
    '  - id: scanner-2',
    '    kind: scanner',
    '    site: port',
    '    room: server-room',
    '    zone: z-scan',
    '  - id: scanner-1',
    '    kind: scanner',
    '    zone: z-scan',
    '    procurement: {date: 2021-12-31}',
    '  - id: pc-1',
    '    kind: workstation',
    '    zone: z-office',
    'links:',
    '  - id: l-1',
    '    from: pc-1',
    '    to: scanner-1',
    '    medium: ethernet',
    '',
  ].join('\n');

  it('loads a small valid inventory, with positions of its nodes', () => {
    const dir = tempDir({ 'inv.yaml': valid });
    const { inventory, positions, files } = loadInventory(['inv.yaml'], { cwd: dir });
    expect(inventory.name).toBe('Small valid inventory');
    expect(inventory.assets.map((a) => a.id)).toEqual(['pc-1', 'scanner-1', 'scanner-2']);
    expect(inventory.assets.find((a) => a.id === 'scanner-1')!.procurement!.date).toBe('2021-12-31');
    expect(inventory.links).toEqual([{ id: 'l-1', from: 'pc-1', to: 'scanner-1', medium: 'ethernet' }]);
    expect(files.map((f) => f.display)).toEqual(['inv.yaml']);
    expect(inventory.files).toEqual([{ path: 'inv.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const s2 = inventory.assets.find((a) => a.id === 'scanner-2')!;
    expect(positions.locate(s2)).toEqual({ file: 'inv.yaml', line: 17, column: 5 });
    expect(positions.locateValue(s2, 'room')).toEqual({ file: 'inv.yaml', line: 20, column: 11 });
  });

  it('sorts merged collections by id, whatever the order of input files and entries', () => {
    const a =
      'seglint: 1\nzones:\n  - {id: z-c, trust: dmz}\n  - {id: z-a, trust: dmz}\nassets:\n  - {id: m, kind: server}\n  - {id: b, kind: server}\n';
    const b =
      'seglint: 1\nzones:\n  - {id: z-b, trust: dmz}\nassets:\n  - {id: z, kind: server}\n  - {id: a, kind: server}\n';
    const dir = tempDir({ 'a.yaml': a, 'b.yaml': b });
    const one = loadInventory(['a.yaml', 'b.yaml'], { cwd: dir }).inventory;
    const two = loadInventory(['b.yaml', 'a.yaml'], { cwd: dir }).inventory;
    expect(one.assets.map((x) => x.id)).toEqual(['a', 'b', 'm', 'z']);
    expect(one.zones.map((x) => x.id)).toEqual(['z-a', 'z-b', 'z-c']);
    expect(two.assets).toEqual(one.assets);
    expect(two.zones).toEqual(one.zones);
    expect(two.files).toEqual(one.files);
  });

  it('merges a file included twice (a diamond) once', () => {
    const dir = tempDir({
      'root.yaml': 'seglint: 1\nname: diamond\ninclude: [left.yaml, right.yaml]\n',
      'left.yaml': 'seglint: 1\ninclude: [shared/zones.yaml]\n',
      'right.yaml': 'seglint: 1\ninclude: [./shared/../shared/zones.yaml]\n',
      'shared/zones.yaml': 'seglint: 1\nzones:\n  - {id: z-1, trust: internal}\n',
    });
    const { inventory, files } = loadInventory(['root.yaml'], { cwd: dir });
    expect(inventory.name).toBe('diamond');
    expect(inventory.zones.map((z) => z.id)).toEqual(['z-1']);
    expect(files.map((f) => f.display)).toEqual(['left.yaml', 'right.yaml', 'root.yaml', 'shared/zones.yaml']);
  });

  it('loads a directory whose files include each other, each file once; the glob include works', () => {
    const dir = tempDir({
      'inv/main.yaml': 'seglint: 1\nname: main\ninclude: ["sites/*.yaml"]\n',
      'inv/sites/a.yaml': 'seglint: 1\nsites: [{id: a, kind: plant}]\n',
      'inv/sites/b.yml': 'seglint: 1\nsites: [{id: b, kind: plant}]\n',
      'inv/sites/notes.txt': 'not yaml',
      'inv/zones.yaml': 'seglint: 1\nzones: [{id: z, trust: dmz}]\n',
    });
    const { inventory } = loadInventory(['inv'], { cwd: dir });
    expect(inventory.sites.map((s) => s.id)).toEqual(['a']); // *.yaml does not match b.yml
    expect(inventory.zones.map((z) => z.id)).toEqual(['z']);
    const both = loadInventory(['inv', 'inv/sites/a.yaml', 'inv/main.yaml'], { cwd: dir });
    expect(both.inventory.sites.map((s) => s.id)).toEqual(['a']);
  });

  it('refuses a glob include that reaches outside the root, and a symbolic link out of it', () => {
    const dir = tempDir({
      'outside.yaml': 'seglint: 1\nzones: [{id: secret, trust: closed}]\n',
      'inv/root.yaml': 'seglint: 1\ninclude: ["../*.yaml"]\n',
      'inv2/root.yaml': 'seglint: 1\ninclude: [link.yaml]\n',
    });
    symlinkSync(path.join(dir, 'outside.yaml'), path.join(dir, 'inv2', 'link.yaml'));
    expect(codesIn(dir, ['inv/root.yaml'])).toEqual(['include-outside-root']);
    expect(linesIn(dir, ['inv2/root.yaml'])).toEqual([
      'inv2/root.yaml:2:11 error: "inv2/link.yaml" is outside the inventory\'s root directory inv2/ (through a symbolic link?); includes must stay inside it',
    ]);
  });

  it('reports an include that is not a list of strings as a schema error, without crashing', () => {
    const dir = tempDir({
      'a.yaml': 'seglint: 1\ninclude: other.yaml\n',
      'b.yaml': 'seglint: 1\ninclude: [1, ""]\n',
      'other.yaml': 'seglint: 1\n',
    });
    expect(linesIn(dir, ['a.yaml'])).toEqual([
      'a.yaml:2:10 error: "include" of the file must be a list, found a string ("other.yaml")',
    ]);
    expect(linesIn(dir, ['b.yaml'])).toEqual([
      'b.yaml:2:11 error: include #1 must be a string, found an integer (number 1)',
      'b.yaml:2:14 error: include #2 is empty, expected a non-empty string',
    ]);
  });

  it('refuses an include that names a directory, suggesting a glob', () => {
    const dir = tempDir({ 'root.yaml': 'seglint: 1\ninclude: [sites/]\n', 'sites/a.yaml': 'seglint: 1\n' });
    expect(codesIn(dir, ['root.yaml'])).toEqual(['include-directory']);
    expect(linesIn(dir, ['root.yaml'])).toEqual([
      'root.yaml:2:11 error: include "sites/" is a directory; expected a file, or a glob such as "sites/*.yaml"',
    ]);
  });

  it('collects problems from every input file in one run', () => {
    const dir = tempDir({ 'a.yaml': 'seglint: 2\n', 'b.yaml': '[1]\n', 'c.yaml': 'seglint: 1\nzones: [{id: z}]\n' });
    expect(linesIn(dir, ['c.yaml', 'b.yaml', 'a.yaml', 'missing.yaml'])).toEqual([
      'error: "missing.yaml" does not exist; expected an inventory file or directory',
      'a.yaml:1:10 error: unsupported format version 2; this seglint reads "seglint: 1"',
      'b.yaml:1:1 error: the file holds a list; expected a mapping that starts with "seglint: 1"',
      'c.yaml:2:9 error: zone "z" is missing required property "trust"',
    ]);
  });

  it('errors on no input and on a directory without inventory files', () => {
    expect(failures([]).map((d) => d.code)).toEqual(['no-input']);
    const dir = tempDir({ 'empty/readme.txt': 'hello' });
    expect(codesIn(dir, ['empty'])).toEqual(['empty-directory']);
  });

  it('a file holding only a comment or a scalar is an error', () => {
    const dir = tempDir({ 'c.yaml': '# nothing here\n', 's.yaml': 'just text\n' });
    expect(linesIn(dir, ['c.yaml', 's.yaml'])).toEqual([
      'c.yaml:1:1 error: the file is empty; expected a mapping that starts with "seglint: 1"',
      's.yaml:1:1 error: the file holds a string; expected a mapping that starts with "seglint: 1"',
    ]);
  });

  it('strips a byte order mark', () => {
    const dir = tempDir({
      'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('seglint: 2\nname: bom\nzonee: 1\n')]),
    });
    // columns count from after the BOM: the "2" on line 1 is at column 10
    expect(linesIn(dir, ['bom.yaml'])).toEqual([
      'bom.yaml:1:10 error: unsupported format version 2; this seglint reads "seglint: 1"',
      'bom.yaml:3:1 error: unknown property "zonee" in the file (did you mean "zones"?)',
    ]);
    const ok = tempDir({
      'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('seglint: 1\nname: bom\n')]),
    });
    expect(loadInventory(['bom.yaml'], { cwd: ok }).inventory.name).toBe('bom');
  });

  it('gives correct lines and columns, and clean values, for CRLF line endings', () => {
    const dir = tempDir({
      'crlf.yaml':
        'seglint: 1\r\nname: "crlf"\r\nzones:\r\n  - id: z-1\r\n    trust: internl\r\n  - id: z-2\r\n    trust: dmz\r\n',
    });
    expect(linesIn(dir, ['crlf.yaml'])).toEqual([
      'crlf.yaml:5:12 error: "trust" of zone "z-1" is "internl", expected one of: internet, external, dmz, internal, restricted, closed (did you mean "internal"?)',
    ]);
    const ok = tempDir({ 'crlf.yaml': 'seglint: 1\r\nname: crlf\r\nzones:\r\n  - id: z-1\r\n    trust: internal\r\n' });
    const { inventory, positions } = loadInventory(['crlf.yaml'], { cwd: ok });
    expect(inventory.name).toBe('crlf');
    expect(inventory.zones).toEqual([{ id: 'z-1', trust: 'internal' }]);
    expect(positions.locateValue(inventory.zones[0]!, 'trust')).toEqual({ file: 'crlf.yaml', line: 5, column: 12 });
  });

  it('refuses invalid UTF-8 with one line naming the byte and its place', () => {
    const bytes = Buffer.concat([
      Buffer.from('seglint: 1\nname: caf\u00e9\nnotes: '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]);
    const dir = tempDir({ 'bad.yaml': bytes });
    const lines = linesIn(dir, ['bad.yaml']);
    expect(lines).toEqual(['bad.yaml:3:8 error: invalid UTF-8 (byte 0xff at offset 30); expected a UTF-8 text file']);
    expect(codesIn(dir, ['bad.yaml'])).toEqual(['invalid-utf8']);
  });

  it('refuses binary data (a NUL byte) with one line', () => {
    const dir = tempDir({ 'bin.yaml': Buffer.from('seglint: 1\nname: x\u0000y\n') });
    expect(linesIn(dir, ['bin.yaml'])).toEqual([
      'bin.yaml:1:1 error: binary data (a NUL byte at offset 18); expected a YAML text file',
    ]);
  });

  it('refuses a file over maxFileSize, without reading it as YAML', () => {
    const dir = tempDir({ 'big.yaml': 'seglint: 1\nname: [unclosed\n' });
    expect(linesIn(dir, ['big.yaml'], { maxFileSize: 10 })).toEqual([
      'big.yaml:1:1 error: file is 27 bytes, larger than the limit of 10 bytes (--max-file-size)',
    ]);
    expect(codesIn(dir, ['big.yaml'], { maxFileSize: 27 })).toEqual(['yaml-syntax']);
  });

  it('refuses a second YAML document', () => {
    const dir = tempDir({ 'multi.yaml': 'seglint: 1\n---\nseglint: 1\n' });
    expect(linesIn(dir, ['multi.yaml'])).toEqual([
      'multi.yaml:3:1 error: found a second YAML document (---); expected one document per file',
    ]);
  });

  it('honours the maxDepth option', () => {
    const dir = tempDir({ 'deep.yaml': 'seglint: 1\ndescription: [[[[[x]]]]]\n' });
    expect(codesIn(dir, ['deep.yaml'], { maxDepth: 4 })).toEqual(['yaml-too-deep']);
    expect(codesIn(dir, ['deep.yaml'], { maxDepth: 10 })).toEqual(['schema-type']);
  });

  it('a __proto__ key is an unknown property, and pollutes nothing', () => {
    const dir = tempDir({
      'p.yaml': 'seglint: 1\nassets:\n  - id: a\n    kind: server\n    __proto__:\n      polluted: yes\n',
    });
    expect(linesIn(dir, ['p.yaml'])).toEqual([
      'p.yaml:5:5 error: unknown property "__proto__" in asset "a"; expected one of: id, name, kind, function, model, vendor, maintainer, owner, site, room, zone, interfaces, criticality, monitoring, updates, audit, procurement, cameraCoverage, requiredScreening, notes',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads through the FileSystem it is given (for seglint diff), and reports an unreadable file', () => {
    const files: Record<string, string> = {
      '/virtual/inv.yaml': 'seglint: 1\ninclude: [z.yaml]\n',
      '/virtual/z.yaml': 'seglint: 1\nzones: [{id: z, trust: dmz}]\n',
    };
    const fs = memoryFileSystem(files);
    const opts: LoadOptions = { cwd: '/virtual', fs };
    expect(loadInventory(['inv.yaml'], opts).inventory.zones.map((z) => z.id)).toEqual(['z']);
    const denied: LoadOptions = {
      ...opts,
      readFile: (p, max) =>
        p.endsWith('z.yaml')
          ? (() => {
              throw Object.assign(new Error('denied'), { code: 'EACCES' });
            })()
          : fs.readFile(p, max),
    };
    try {
      loadInventory(['inv.yaml'], denied);
      expect.unreachable();
    } catch (err) {
      expect((err as InputError).diagnostics.map(formatDiagnostic)).toEqual([
        'inv.yaml:2:11 error: cannot read "z.yaml": EACCES',
      ]);
    }
  });
});

// ------------------------------------------------------------------------------------------
// The YAML reader.
// ------------------------------------------------------------------------------------------

describe('readYaml', () => {
  it('records positions of mappings, keys, values and list items', () => {
    const text = ['top: 1', 'list:', '  - first', '  - key: v', '    other: "quoted"', 'flow: [a, {b: c}]', ''].join(
      '\n',
    );
    const { value, positions, diagnostics } = read(text);
    expect(diagnostics).toEqual([]);
    const root = value as { list: [string, Record<string, string>]; flow: [string, Record<string, string>] };
    expect(positions.locate(root)).toEqual({ file: 'f.yaml', line: 1, column: 1 });
    expect(positions.locate(root, 'list')).toEqual({ file: 'f.yaml', line: 2, column: 1 });
    expect(positions.locate(root.list, 0)).toEqual({ file: 'f.yaml', line: 3, column: 5 });
    expect(positions.locate(root.list, 1)).toEqual({ file: 'f.yaml', line: 4, column: 5 });
    expect(positions.locate(root.list[1])).toEqual({ file: 'f.yaml', line: 4, column: 5 });
    expect(positions.locate(root.list[1], 'other')).toEqual({ file: 'f.yaml', line: 5, column: 5 });
    // a quoted value is located at its opening quote
    expect(positions.locateValue(root.list[1], 'other')).toEqual({ file: 'f.yaml', line: 5, column: 12 });
    expect(positions.locate(root.flow, 1)).toEqual({ file: 'f.yaml', line: 6, column: 11 });
    expect(positions.locate(root.flow[1], 'b')).toEqual({ file: 'f.yaml', line: 6, column: 12 });
    expect(positions.locateValue(root.flow[1], 'b')).toEqual({ file: 'f.yaml', line: 6, column: 15 });
    // an unknown field falls back to the node itself
    expect(positions.locate(root.list[1], 'missing')).toEqual({ file: 'f.yaml', line: 4, column: 5 });
  });

  it('resolves scalars with the YAML 1.2 core schema', () => {
    const text = [
      'nul: null',
      'tilde: ~',
      'empty:',
      'yes1: true',
      'no1: False',
      'int: 42',
      'neg: -7',
      'float: -3.5',
      'exp: 1e3',
      'hex: 0x1F',
      'oct: 0o17',
      'inf: .inf',
      'date: 2021-12-31',
      'qtrue: "true"',
      "qnum: '42'",
      'qnull: "null"',
      'yaml11yes: yes',
      'yaml11off: off',
      'version: 1.10',
      'word: scanner',
      'str: !!str 12',
      'block: |',
      '  line one',
      '  line two',
      '',
    ].join('\n');
    const { value, diagnostics } = read(text);
    expect(diagnostics).toEqual([]);
    expect(value).toEqual({
      nul: null,
      tilde: null,
      empty: null,
      yes1: true,
      no1: false,
      int: 42,
      neg: -7,
      float: -3.5,
      exp: 1000,
      hex: 31,
      oct: 15,
      inf: Infinity,
      date: '2021-12-31',
      qtrue: 'true',
      qnum: '42',
      qnull: 'null',
      yaml11yes: 'yes',
      yaml11off: 'off',
      version: 1.1,
      word: 'scanner',
      str: '12',
      block: 'line one\nline two\n',
    });
    const v = value as Record<string, unknown>;
    expect(typeof v.date).toBe('string');
    expect(Number.isNaN((read('x: .nan\n').value as { x: number }).x)).toBe(true);
  });

  it('keeps __proto__ as an own property and never touches Object.prototype', () => {
    const { value, diagnostics } = read('__proto__:\n  polluted: 1\nflow: {__proto__: {polluted: 2}}\nx: 1\n');
    expect(diagnostics).toEqual([]);
    const v = value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(v, '__proto__')).toBe(true);
    expect(Object.keys(v)).toEqual(['__proto__', 'flow', 'x']);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')!.value).toEqual({ polluted: 1 });
    expect((v as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const flow = v.flow as Record<string, unknown>;
    expect(Object.getPrototypeOf(flow)).toBe(Object.prototype);
    expect(Object.keys(flow)).toEqual(['__proto__']);
  });

  it('reports every duplicate key, naming the first place', () => {
    const { value, diagnostics } = read('a: 1\nb: 2\na: 3\nm:\n  k: x\n  k: y\n');
    expect(diagnostics.map((d) => [d.code, d.message, d.location!.line, d.location!.column])).toEqual([
      ['duplicate-key', 'duplicate key "a" (first defined at line 1); each key may appear once in a mapping', 3, 1],
      ['duplicate-key', 'duplicate key "k" (first defined at line 5); each key may appear once in a mapping', 6, 3],
    ]);
    // the first value is kept
    expect(value).toEqual({ a: 1, b: 2, m: { k: 'x' } });
  });

  it('stops an alias bomb (billion laughs) quickly with yaml-too-large', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const { value, diagnostics } = read(lines.join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(value).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['yaml-too-large']);
    expect(diagnostics[0]!.message).toMatch(/more than \d+ nodes/);
    expect(diagnostics[0]!.location!.line).toBeGreaterThan(1);
  });

  it('accepts ordinary anchors and aliases, and bounds them with maxNodes', () => {
    const text = 'base: &b {trust: dmz}\nz1: *b\nz2: *b\n';
    expect(read(text).value).toEqual({ base: { trust: 'dmz' }, z1: { trust: 'dmz' }, z2: { trust: 'dmz' } });
    expect(read(text, { maxNodes: 5 }).diagnostics.map((d) => d.code)).toEqual(['yaml-too-large']);
  });

  it('reports an alias to an undefined anchor', () => {
    const { diagnostics } = read('a: *nope\n');
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'f.yaml:1:4 error: alias "*nope" refers to an anchor that is not defined before it',
    ]);
  });

  it('gives an error, not a crash, for deep nesting', () => {
    const flow = (n: number) => '['.repeat(n) + ']'.repeat(n) + '\n';
    const blockSeq = (n: number) => '- '.repeat(n) + 'x\n';
    const blockMap = (n: number) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' x\n';
    for (const make of [flow, blockSeq, blockMap]) {
      for (const n of make === blockMap ? [101, 150, 3000] : [101, 150, 100_000]) {
        const { value, diagnostics } = read(make(n));
        expect(value).toBeUndefined();
        expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
          ['yaml-too-deep', 'nesting deeper than 100 levels; expected a flat inventory'],
        ]);
        expect(diagnostics[0]!.location!.line).toBeGreaterThanOrEqual(1);
      }
      // exactly 100 levels are fine
      expect(read(make(100)).diagnostics).toEqual([]);
    }
    expect(read(flow(5), { maxDepth: 4 }).diagnostics.map((d) => d.message)).toEqual([
      'nesting deeper than 4 levels; expected a flat inventory',
    ]);
    expect(read(flow(4), { maxDepth: 4 }).diagnostics).toEqual([]);
  });

  it('refuses a second document, but accepts explicit start and end markers of one', () => {
    expect(read('a: 1\n---\nb: 2\n').diagnostics.map((d) => d.code)).toEqual(['yaml-multiple-documents']);
    const one = read('---\na: 1\n...\n');
    expect(one.diagnostics).toEqual([]);
    expect(one.value).toEqual({ a: 1 });
  });

  it('refuses custom tags and complex keys', () => {
    const { diagnostics } = read('a: !!binary abc\nb: !custom {x: 1}\n? [k]\n: 1\n');
    expect(diagnostics.map((d) => [d.code, d.location!.line, d.location!.column])).toEqual([
      ['yaml-tag', 1, 4],
      ['yaml-tag', 2, 4],
      ['yaml-complex-key', 3, 3],
    ]);
  });

  it('reports syntax errors with a place, for tabs and unclosed quotes', () => {
    expect(read('a:\n\t- x\n').diagnostics.map(formatDiagnostic)).toEqual([
      'f.yaml:2:1 error: invalid YAML: tab characters must not be used in indentation',
    ]);
    const unclosed = read('a: 1\nb: "open\n');
    expect(unclosed.value).toBeUndefined();
    expect(unclosed.diagnostics.map((d) => d.code)).toEqual(['yaml-syntax']);
    expect(unclosed.diagnostics[0]!.location!.line).toBe(3);
  });

  it('reads an empty text or a comment as no value', () => {
    expect(read('')).toMatchObject({ value: undefined, diagnostics: [] });
    expect(read('# only a comment\n')).toMatchObject({ value: undefined, diagnostics: [] });
  });

  it('counts lines correctly with CRLF endings', () => {
    const { value, positions } = read('a: 1\r\nb:\r\n  - x\r\n  - "y"\r\n');
    const v = value as { a: number; b: string[] };
    expect(v).toEqual({ a: 1, b: ['x', 'y'] });
    expect(positions.locate(v, 'b')).toEqual({ file: 'f.yaml', line: 2, column: 1 });
    expect(positions.locate(v.b, 1)).toEqual({ file: 'f.yaml', line: 4, column: 5 });
  });
});
