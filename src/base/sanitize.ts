/**
 * One sanitising layer for everything seglint prints: the text that terminals, CI logs,
 * spreadsheets and XML readers get. Inventory text (names, file names, key names, reference
 * values, waiver targets, tickets) and the text of user rules is untrusted: a name may carry a
 * terminal escape, a line break followed by a CI workflow command, a right-to-left override or
 * a NUL. Nothing here changes data; it decides how data is shown.
 *
 * - `visible(s)`: one line of text for people and CI logs. Every unsafe character (below) is
 *   written as a visible escape, `\u001b`, `\u000a`, `\u202e` (`\u{e0041}` above U+FFFF), so
 *   that what a reader sees is what the file holds and a value never breaks a line. A value
 *   that opens with a CI command marker (`:` as in GitHub's `::error::`, `##[` as in Azure's
 *   `##[error]`) has its first character escaped, and `##vso[` anywhere likewise, so that a
 *   value at the start of a line cannot become a workflow command.
 * - `visibleLines(s)`: the same for multi-line prose (a rule's rationale): line feeds and tabs
 *   are kept, the command markers are checked at the start of every line.
 * - `jsonSafe(json)`: JSON text with every unsafe character as a `\uXXXX` JSON escape: the
 *   data is unchanged, the bytes are safe to view.
 * - `csvCell(s)`: one CSV cell (OWASP "CSV injection").
 * - `xmlSafe(s)`: drops nothing but escapes every character XML 1.0 forbids.
 *
 * Unsafe characters: C0 controls (U+0000-U+001F, so also NUL, ESC, BEL, tab, CR and LF), DEL
 * and the C1 controls (U+007F-U+009F), the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069), invisible formatting characters (zero width space U+200B,
 * line and paragraph separators U+2028 U+2029, word joiner and invisible operators
 * U+2060-U+2064, deprecated format characters U+206A-U+206F, byte order mark U+FEFF,
 * interlinear annotation U+FFF9-U+FFFB, tag characters U+E0000-U+E007F), noncharacters
 * (U+FDD0-U+FDEF, U+FFFE, U+FFFF and the last two of every plane) and lone surrogates.
 * Backslashes are left alone (Windows paths stay readable), so the text `\u001b` typed into an
 * inventory looks the same as an escaped ESC: both are harmless.
 *
 * This module imports nothing from the rest of seglint.
 */

const UNSAFE_CLASS =
  '\\p{Cc}\\p{Bidi_Control}\\p{Noncharacter_Code_Point}\\u200b\\u2028\\u2029\\u2060-\\u2064\\u206a-\\u206f\\ufeff\\ufff9-\\ufffb\\u{e0000}-\\u{e007f}\\ud800-\\udfff';

/** One unsafe character (in `u` mode, `\ud800-\udfff` matches only lone surrogates). */
const UNSAFE = new RegExp(`[${UNSAFE_CLASS}]`, 'u');
/** A quick test that finds no false negatives: code units of every unsafe character (and of any astral one). */
const MAYBE_UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufdd0-\ufdef\ufeff\ufff9-\uffff\ud800-\udfff]/;
const unsafe = (s: string) => MAYBE_UNSAFE.test(s) && UNSAFE.test(s);
const UNSAFE_ALL = new RegExp(`[${UNSAFE_CLASS}]`, 'gu');
/** The same, keeping line feed and tab (multi-line prose). */
const UNSAFE_BUT_LINES = new RegExp(`(?![\\n\\t])[${UNSAFE_CLASS}]`, 'gu');
/** The same, keeping the whitespace JSON.stringify writes between tokens. */
const UNSAFE_IN_JSON = new RegExp(`(?![\\n\\r\\t])[${UNSAFE_CLASS}]`, 'gu');

/**
 * Markers that make a CI runner treat a log line as a command: GitHub Actions `::name ...::`
 * at the start of a line (after white space), Azure Pipelines `##[name]` at the start and
 * `##vso[` anywhere. A value that opens with `:` is escaped too: the text seglint writes after
 * a value at the start of a line (`file:line:col`, `name: valid`) could complete the `::`.
 */
const COMMAND_START = /^(\s*)(:|##\[)/u;
/** A quick test: could the text hold a command marker at all? */
const MAYBE_COMMAND = /^\s*[:#]|##/u;
const AZURE_COMMAND = /##vso\[/gi;

/** `\u001b` for a character of the Basic Multilingual Plane (or a lone surrogate), `\u{e0041}` above it. */
export function escapeCodePoint(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

function neutraliseCommands(line: string): string {
  let s = line.replace(
    COMMAND_START,
    (_m, ws: string, marker: string) => `${ws}${escapeCodePoint(marker[0]!)}${marker.slice(1)}`,
  );
  if (s.includes('##')) s = s.replace(AZURE_COMMAND, (m) => `\\u0023${m.slice(1)}`);
  return s;
}

/** Whether a string holds a character `visible` would escape (command markers not counted). */
export function hasUnsafe(s: string): boolean {
  return unsafe(s);
}

/** One line of text, safe for a terminal and a CI log: see the module comment. Idempotent. */
export function visible(s: string): string {
  const t = unsafe(s) ? s.replace(UNSAFE_ALL, escapeCodePoint) : s;
  return MAYBE_COMMAND.test(t) ? neutraliseCommands(t) : t;
}

/** Multi-line prose: like `visible`, but line feeds and tabs are kept. Idempotent. */
export function visibleLines(s: string): string {
  const t = unsafe(s) ? s.replace(UNSAFE_BUT_LINES, escapeCodePoint) : s;
  return t.includes(':') || t.includes('#') ? t.split('\n').map(neutraliseCommands).join('\n') : t;
}

/**
 * A copy of plain data (objects, arrays, strings; what a report is made of) with every string,
 * object keys included, passed through `fn`. Unchanged parts are shared, not copied; values
 * that are not plain data (class instances, functions) are returned as they are.
 */
export function mapStrings<T>(value: T, fn: (s: string) => string): T {
  return mapValue(value, fn) as T;
}

/** Sets an own property; a key "__proto__" stays a key (assigning it would set the prototype). */
function put(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function mapValue(v: unknown, fn: (s: string) => string): unknown {
  if (typeof v === 'string') return fn(v);
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const m = mapValue(v[i], fn);
      if (m !== v[i] && !out) out = v.slice(0, i);
      if (out) out.push(m);
    }
    return out ?? v;
  }
  if (v !== null && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v;
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const mk = fn(k);
      const mx = mapValue(obj[k], fn);
      if (!out && (mk !== k || mx !== obj[k])) {
        out = {};
        for (let j = 0; j < i; j++) put(out, keys[j]!, obj[keys[j]!]);
      }
      if (out) put(out, mk, mx);
    }
    return out ?? v;
  }
  return v;
}

/** Every string in plain data through `visible` (see `mapStrings`). */
export function visibleDeep<T>(value: T): T {
  return mapStrings(value, visible);
}

/**
 * JSON text with every unsafe character written as a JSON escape, and the `#` of an Azure
 * `##vso[` command as `\u0023`: the same data, bytes safe to view and to print in a CI log.
 * (JSON.stringify already escapes C0, so no value can start a line of its own.)
 */
export function jsonSafe(json: string): string {
  const t = unsafe(json)
    ? json.replace(UNSAFE_IN_JSON, (ch) => {
        let out = '';
        for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
        return out;
      })
    : json;
  return t.includes('##') ? t.replace(AZURE_COMMAND, (m) => `\\u0023${m.slice(1)}`) : t;
}

/** A character a spreadsheet reads as the start of a formula (tab and CR cannot survive `visible`). */
const FORMULA_START = /^[\s"]*[=+\-@]/;
/** A separator character (`, ; tab |`: the list separators of one spreadsheet or another) with a formula start after it. */
const FORMULA_AFTER_SEPARATOR = /([,;\t|][\s"]*)(?=[=+\-@])/g;
/** Cells to quote: a separator character, a quote or a line break. */
const CSV_QUOTE = /[",;\t|\r\n]/;

/**
 * One CSV cell (RFC 4180; OWASP "CSV injection"). The text is made `visible` (no NUL, control
 * character or line break is written raw), then neutralised with apostrophes: one in front when
 * the cell opens with `= + - @` (after blanks or quotes), and one after every separator
 * character inside the cell that such a character follows, because a spreadsheet whose list
 * separator is `;` (the Dutch and German default) splits a comma-separated line there whatever
 * the quotes, and would start a cell with `=1+1`. Every cell holding a separator character, a
 * quote or a line break is quoted, quotes doubled.
 */
export function csvCell(v: string): string {
  let s = visible(v).replace(FORMULA_AFTER_SEPARATOR, "$1'");
  if (FORMULA_START.test(s)) s = `'${s}`;
  return CSV_QUOTE.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** XML 1.0 allows tab, LF, CR and U+0020 up, except lone surrogates and U+FFFE/U+FFFF. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/gu;

/** Text with every character XML 1.0 forbids replaced by its visible escape: always well-formed once `&<>` are escaped. */
export function xmlSafe(s: string): string {
  return s.replace(XML_FORBIDDEN, escapeCodePoint);
}
