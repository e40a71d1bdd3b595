/** seglint.config.yaml: found next to the inventory or given with --config, validated by its schema. */
import path from 'node:path';
import { didYouMean, InputError, type Diagnostic } from '../source/errors.js';
import { displayPath } from '../source/files.js';
import { diskFileSystem, readOwnFile } from '../source/fs.js';
import { loadSchema, schemaDiagnostics, validatorFor } from '../source/schema.js';
import { PositionIndex, type Location } from '../source/location.js';
import { readErrorText } from '../source/read-checked.js';
import { readYamlFile } from '../source/yaml.js';
import type { Severity } from '../findings/types.js';
import type { Rule } from '../rules/load.js';
import type { RuleSetting } from '../rules/setting.js';

export const CONFIG_NAMES = ['seglint.config.yaml', 'seglint.config.yml'];

export interface Config {
  file?: string;
  settings: Record<string, RuleSetting>;
  only?: string[];
  /** Absolute paths. */
  rulesDirs: string[];
  failOn?: Severity | 'none';
  positions: PositionIndex;
  /** Where each rule id was named, for unknown-rule errors. */
  ruleLocations: Map<string, Location>;
  /** Ids of every rule loaded (before `only`), set by prepare(). */
  knownRules?: string[];
  /** The file as read (after schema validation), to locate its keys through `positions`. */
  raw?: ConfigFileDoc;
}

/** A configuration file as written. */
export interface ConfigFileDoc {
  rules?: Record<string, unknown>;
  only?: string[];
  rulesDirs?: string[];
  failOn?: Severity | 'none';
}

/** How configuration files are found and read: the file system, or a policy gate's base. */
export interface ConfigFs {
  exists: (abs: string) => boolean;
  isDirectory: (abs: string) => boolean;
  readText: (abs: string) => string;
}

/** The disk, through its FileSystem: a configuration is one of seglint's own files (readOwnFile). */
const DISK_CONFIG_FS: ConfigFs = {
  exists: diskFileSystem.exists,
  isDirectory: diskFileSystem.isDirectory,
  readText: (abs) => readOwnFile(abs).toString('utf8'),
};

/** The config file next to the first inventory path, if there is one. */
export function findConfig(paths: string[], cwd: string, fs: ConfigFs = DISK_CONFIG_FS): string | undefined {
  const first = paths[0];
  if (!first) return undefined;
  const abs = path.resolve(cwd, first);
  const dir = fs.isDirectory(abs) ? abs : path.dirname(abs);
  for (const n of CONFIG_NAMES) {
    const f = path.join(dir, n);
    if (fs.exists(f)) return f;
  }
  return undefined;
}

export function loadConfig(
  file: string | undefined,
  cwd: string,
  fs: Pick<ConfigFs, 'readText'> = DISK_CONFIG_FS,
): Config {
  const positions = new PositionIndex();
  const empty: Config = { settings: {}, rulesDirs: [], positions, ruleLocations: new Map() };
  if (!file) return empty;
  const abs = path.resolve(cwd, file);
  const display = displayPath(abs, cwd);
  const fallback = { file: display, line: 1, column: 1 };
  const read = readYamlFile(abs, display, positions, fs.readText);
  if (read.error) {
    const why = readErrorText(read.error, abs);
    throw new InputError([
      {
        code: 'config-read',
        message: `cannot read configuration "${display}": ${why}${why === 'it is a directory' ? '; expected a configuration file such as seglint.config.yaml' : ''}`,
      },
    ]);
  }
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  if (diagnostics.length) throw new InputError(diagnostics);
  const raw = read.value ?? {};
  const v = validatorFor('config');
  if (!v(raw)) {
    throw new InputError(
      dedupe(
        schemaDiagnostics(v.errors ?? [], raw, {
          labels: {},
          positions,
          fallback,
          schema: loadSchema('config'),
          rootLabel: 'the configuration',
        }),
      ),
    );
  }
  const c = raw as ConfigFileDoc;
  const settings: Record<string, RuleSetting> = {};
  const ruleLocations = new Map<string, Location>();
  for (const [id, s] of Object.entries(c.rules ?? {})) {
    const location = positions.locate(c.rules!, id) ?? fallback;
    ruleLocations.set(id, location);
    if (s === 'off') settings[id] = { enabled: false, location };
    else if (s === 'on') settings[id] = { enabled: true, location };
    else if (typeof s === 'string') settings[id] = { severity: s as Severity, location };
    else {
      const params = (s as RuleSetting).params;
      const paramLocations = params
        ? Object.fromEntries(Object.keys(params).map((k) => [k, positions.locateValue(params, k)]))
        : undefined;
      settings[id] = { ...(s as RuleSetting), location, ...(paramLocations ? { paramLocations } : {}) };
    }
  }
  return {
    file: display,
    settings,
    only: c.only,
    rulesDirs: (c.rulesDirs ?? []).map((d) => path.resolve(path.dirname(abs), d)),
    failOn: c.failOn,
    positions,
    ruleLocations,
    raw: c,
  };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const specific = list.filter((d) => d.data?.keyword !== 'oneOf');
  return specific.length ? specific : list;
}

/** Rule ids named in the configuration (or with --rule) must exist. */
export function checkRuleIds(ids: Iterable<[string, Location | undefined]>, rules: Rule[] | string[]): void {
  const known = rules.map((r) => (typeof r === 'string' ? r : r.id));
  const diagnostics: Diagnostic[] = [];
  for (const [id, location] of ids) {
    if (known.includes(id)) continue;
    const s = didYouMean(id, known);
    diagnostics.push({
      code: 'unknown-rule',
      message: `unknown rule "${id}"${s ? ` (did you mean "${s}"?)` : '; see seglint rules'}`,
      location,
    });
  }
  if (diagnostics.length) throw new InputError(diagnostics);
}
