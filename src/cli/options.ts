/**
 * Typed command-line options, checked once at parse time so that no value a user can type
 * reaches a command as NaN, an empty path, an array where one value was meant, or a switch
 * silently turned off. Each problem is a usage error naming the option and the value given.
 */
import type { Argv, Options } from 'yargs';
import { UsageError } from '../source/errors.js';
import { dateProblem } from '../source/dates.js';
import { MAX_FILE_SIZE_LIMIT } from '../inventory/load.js';

const shown = (v: unknown) => JSON.stringify(String(v));

/** One value of an option that is not an array option: a repeated option is an error. */
function single(flag: string, v: unknown): unknown {
  if (Array.isArray(v))
    throw new UsageError(`${flag} is given ${v.length} times (${v.map(shown).join(', ')}); give it once`, {
      option: flag,
      value: v,
    });
  return v;
}

export interface WholeNumberSpec {
  describe: string;
  min: number;
  max: number;
  default?: number;
  /** What the number counts, for messages (`bytes`, `hops`). */
  unit?: string;
}

/**
 * A whole-number option (`--max-file-size 1000`). Parsed from the text typed, not by yargs'
 * Number(): `abc`, ``, `1.5`, `1e400`, `0x10` and values out of range are usage errors.
 */
export function wholeNumberOption(name: string, spec: WholeNumberSpec): Options {
  const flag = `--${name}`;
  const range = `a whole number from ${spec.min} to ${spec.max}${spec.unit ? ` (${spec.unit})` : ''}`;
  return {
    // a string, so that the text typed reaches the check below (yargs turns "abc" into NaN, "" into 0)
    type: 'string',
    requiresArg: true,
    describe: `${spec.describe}; ${range}`,
    default: spec.default,
    coerce: (raw: unknown) => {
      const v = single(flag, raw);
      if (typeof v === 'number' && v === spec.default) return v;
      if (v === undefined && spec.default === undefined) return undefined; // not given, and no default
      const text = String(v);
      const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(n) || n < spec.min || n > spec.max)
        throw new UsageError(`${flag} must be ${range}; found ${shown(text)}`, { option: flag, value: text });
      return n;
    },
  };
}

/** `--max-file-size`, shared by every command that loads an inventory. */
export const maxFileSizeOption: Options = wholeNumberOption('max-file-size', {
  describe: 'Largest inventory file accepted',
  min: 1,
  max: MAX_FILE_SIZE_LIMIT,
  default: 64 * 1024 * 1024,
  unit: 'bytes',
});

/** `--today YYYY-MM-DD`, checked by the date parser of inventory dates (same days, same words). */
export function todayOption(
  describe = "Today's date, YYYY-MM-DD, for expiry, ages and dates that must be past (default: today, UTC)",
): Options {
  return {
    type: 'string',
    requiresArg: true,
    describe,
    coerce: (raw: unknown) => {
      const v = String(single('--today', raw));
      const problem = dateProblem(v);
      if (problem) throw new UsageError(`--today is ${shown(v)}, ${problem}`, { option: '--today', value: v });
      return v;
    },
  };
}

/**
 * Options that may repeat although they are not array options: `-o` pairs with each `-f`, and
 * an array option would take the `-` of `-o -` for a positional.
 */
const REPEATABLE = new Set(['output']);

/** Option names a user may type for `key` (the key and its aliases), as flags. */
function flagsOf(key: string, aliases: Record<string, string[]>): string[] {
  return [key, ...(aliases[key] ?? [])].map((k) => (k.length === 1 ? `-${k}` : `--${k}`));
}

/**
 * Checks what yargs' own validation lets through, for one command: an option meant once given
 * several times (`-c a.yaml -c b.yaml`, `--fail-on high --fail-on none`), an empty string where
 * a value is needed (`--rules ''` would be the working directory, `-c ''` no configuration), and
 * a switch given a value other than true or false (`--waivers=maybe` would turn waivers off).
 * `rawArgv` is the command line as typed; `positionals` the names of the command's positionals.
 */
export function checkArguments(y: Argv, rawArgv: readonly string[], positionals: readonly string[]): Argv {
  return y.middleware((argv) => {
    const o = (
      y as unknown as {
        getOptions(): {
          array: string[];
          string: string[];
          boolean: string[];
          key: Record<string, unknown>;
          alias: Record<string, string[]>;
        };
      }
    ).getOptions();
    const isPositional = (k: string) => positionals.includes(k);
    const name = (k: string) => (isPositional(k) ? `<${k}>` : flagsOf(k, o.alias)[0]!);
    const aliases = new Set(Object.values(o.alias).flat());
    for (const k of Object.keys(o.key)
      .filter((key) => !aliases.has(key))
      .sort()) {
      const v = argv[k];
      if (v === undefined) continue;
      if (Array.isArray(v) && !o.array.includes(k) && !REPEATABLE.has(k)) single(name(k), v);
      if (o.string.includes(k) || isPositional(k)) {
        for (const item of Array.isArray(v) ? v : [v]) {
          if (item === '') throw new UsageError(`${name(k)} is an empty string; give a value`, { option: name(k) });
        }
      }
    }
    for (const token of rawArgv) {
      if (token === '--') break;
      const m = /^--(?:no-)?([^=]+)=(.*)$/s.exec(token);
      if (!m) continue;
      const key = Object.keys(o.key).find((k) => k === m[1] || (o.alias[k] ?? []).includes(m[1]!));
      if (key && o.boolean.includes(key) && m[2] !== 'true' && m[2] !== 'false') {
        throw new UsageError(
          `${token.split('=')[0]} is a switch; it takes no value, or =true / =false, found ${shown(m[2])}`,
          { option: token.split('=')[0], value: m[2] },
        );
      }
    }
  }, true);
}

/** The names of a command's positionals, from its yargs command string (`path <from> <to> <paths..>`). */
export function positionalNames(command: string | readonly string[]): string[] {
  const first = Array.isArray(command) ? command[0]! : (command as string);
  return [...first.matchAll(/[<[]([^\]>.]+)(?:\.\.)?[>\]]/g)].map((m) => m[1]!);
}
