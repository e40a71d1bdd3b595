/**
 * Which format goes into which -o file (docs/ci.md, "Which format goes where"). The -f and -o
 * of a command pair by position, as they always have; an output file whose extension names a
 * format (`.sarif`, `.json`, `.xml`, ...) takes that format when no -f pairs with it, and an
 * explicit -f paired with a file whose extension names a different format is a usage error
 * that spells out the command line to write instead. Pure: no file is touched here.
 */
import path from 'node:path';
import { UsageError } from '../source/errors.js';

/** What an extension says: the format it names, and every format whose output is that kind of file. */
export interface ExtensionFormat {
  format: string;
  accepts: readonly string[];
}

const named = (format: string, ...also: string[]): ExtensionFormat => ({ format, accepts: [format, ...also] });

/** The extensions of check, report and diff outputs (longest first: `.sarif.json` before `.json`). SARIF and GitLab Code Quality are JSON, so `.json` takes `-f sarif` and `-f gitlab` too; `.xml` takes `-f checkstyle` as well as `junit`. */
export const REPORT_EXTENSIONS: ReadonlyArray<[string, ExtensionFormat]> = [
  ['.sarif.json', named('sarif')],
  ['.sarif', named('sarif')],
  ['.json', named('json', 'sarif', 'gitlab')],
  ['.xml', named('junit', 'checkstyle')],
  ['.html', named('html')],
  ['.htm', named('html')],
  ['.md', named('markdown')],
  ['.markdown', named('markdown')],
  ['.csv', named('csv')],
];

/** The extensions of graph outputs. */
export const DIAGRAM_EXTENSIONS: ReadonlyArray<[string, ExtensionFormat]> = [
  ['.dot', named('dot')],
  ['.gv', named('dot')],
  ['.mmd', named('mermaid')],
  ['.mermaid', named('mermaid')],
  ['.svg', named('svg')],
];

export interface PairingSpec {
  /** The format of a run without -f (text for check and diff, markdown for report, dot for graph). */
  defaultFormat: string;
  extensions: ReadonlyArray<[string, ExtensionFormat]>;
}

/** One format and its output file; `output` undefined: stdout (as `-` is). */
export interface Pair {
  format: string;
  output?: string;
}

/** The format a file name's extension names (any case), if any; `-` and names without one name none. */
export function formatOfName(output: string, spec: PairingSpec): ExtensionFormat | undefined {
  const base = path.basename(output).toLowerCase();
  return spec.extensions.find(([ext]) => base.endsWith(ext) && base.length > ext.length)?.[1];
}

const SAFE_WORD = /^[\w@%+=:,./-]+$/;
const shellWord = (w: string) => (SAFE_WORD.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/**
 * The command line a user meant, as far as the names say: each output whose extension names a
 * format takes a -f that fits it (or the format it names), the others take the remaining -f
 * in order (FORMAT where none is left), and -f without an output come last (stdout).
 */
export function suggestPairing(formats: string[], outputs: string[], spec: PairingSpec): string {
  const left = [...formats];
  const byName = outputs.map((o) => {
    const ext = formatOfName(o, spec);
    if (!ext) return undefined;
    const i = left.findIndex((f) => ext.accepts.includes(f));
    return i >= 0 ? left.splice(i, 1)[0]! : ext.format;
  });
  const pairs = outputs.map((o, i) => `-f ${byName[i] ?? left.shift() ?? 'FORMAT'} -o ${shellWord(o)}`);
  return [...pairs, ...left.map((f) => `-f ${f}`)].join(' ');
}

const nth = (i: number) => `${i + 1}${['st', 'nd', 'rd'][i] ?? 'th'}`;

/** An explicit -f paired (by position) with a file whose extension names another format. */
function conflict(formats: string[], outputs: string[], i: number, spec: PairingSpec): UsageError {
  const ext = formatOfName(outputs[i]!, spec)!;
  const suggestion = suggestPairing(formats, outputs, spec);
  return new UsageError(
    `-o ${outputs[i]} pairs with -f ${formats[i]} (the ${nth(i)} of each: -f and -o pair by position), but its name says ${ext.format}; write: ${suggestion}`,
    { kind: 'output-format-conflict', output: outputs[i], format: formats[i], named: ext.format, suggestion },
  );
}

/** Outputs that no -f pairs with and whose names name no format. */
function unnamed(formats: string[], outputs: string[], which: string[], spec: PairingSpec): UsageError {
  const suggestion = suggestPairing(formats, outputs, spec);
  const list = which.map((o) => `-o ${o}`).join(', ');
  const exts = [...new Set(spec.extensions.map(([e]) => e))].join(' ');
  return new UsageError(
    `${outputs.length} --output for ${formats.length || 'no'} --format, and ${list} ${which.length === 1 ? 'names' : 'name'} no format by ${which.length === 1 ? 'its' : 'their'} extension (${exts}); give a -f for each: ${suggestion}`,
    { kind: 'output-without-format', outputs: which, suggestion },
  );
}

/**
 * Pairs the -f given (none: `formats` empty) with the -o given:
 * - the i-th -f with the i-th -o; a file whose extension names another format is an error;
 * - an -o beyond the last -f takes the format its extension names;
 * - without any -f, the one -o whose name names no format (or `-`) takes the default format;
 * - a -f beyond the last -o goes to stdout; no -f and no -o: the default format to stdout.
 */
export function pairOutputs(formats: string[], outputs: string[], spec: PairingSpec): Pair[] {
  if (!formats.length && !outputs.length) return [{ format: spec.defaultFormat }];
  const paired = outputs.slice(0, formats.length).map((output, i) => {
    const ext = formatOfName(output, spec);
    if (ext && !ext.accepts.includes(formats[i]!)) throw conflict(formats, outputs, i, spec);
    return { format: formats[i]!, output };
  });
  const rest = outputs.slice(formats.length);
  const withoutName = rest.filter((o) => !formatOfName(o, spec));
  if (withoutName.length > (formats.length ? 0 : 1)) throw unnamed(formats, outputs, withoutName, spec);
  const byName = rest.map((output) => ({ format: formatOfName(output, spec)?.format ?? spec.defaultFormat, output }));
  const toStdout = formats.slice(outputs.length).map((format) => ({ format }));
  return [...paired, ...byName, ...toStdout];
}
