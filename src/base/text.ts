/**
 * How inventory text compares, and what makes it deceptive.
 *
 * Text values that group or compare entities (an asset's `function`, a field a rule groups
 * by, a value a condition compares) are compared by their key (textKey): two spellings that a
 * reviewer cannot tell apart have the same key, so `cargo-sсanning` with a Cyrillic "с", a
 * trailing space or a zero-width space cannot split a group. Case is kept: ids are
 * case-sensitive, and a difference in case is visible in review.
 *
 * textIssues finds what makes a value deceptive: letters of several scripts in one word,
 * invisible characters, whitespace at the ends or doubled, and compatibility or lookalike
 * characters. Everything here is linear in the length of the text: single-character classes,
 * no backtracking.
 */
import { compareStrings } from './compare.js';

/** Printable ASCII words separated by single spaces: text whose key is itself. */
const PLAIN = /^[!-~]+(?: [!-~]+)*$/;

/** Whether a string is printable ASCII with single spaces between words (its key is itself). */
export function isPlainText(s: string): boolean {
  return PLAIN.test(s);
}

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}]/gu;
const WHITE = /^\p{White_Space}$/u;
const DASHES = /[\p{Dash_Punctuation}\u2212]/gu;
const SPACES = /\p{White_Space}+/gu;

/**
 * Cyrillic and Greek letters that look like Latin ones, with the Latin letter they look like
 * (after the confusables of Unicode TR39). Case is kept.
 */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic capitals
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ү: 'Y',
  Ѕ: 'S',
  І: 'I',
  Ӏ: 'I',
  Ј: 'J',
  Ԛ: 'Q',
  Ԝ: 'W',
  // Cyrillic small letters
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  ү: 'y',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  // Greek capitals
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  Ϲ: 'C',
  Ϳ: 'J',
  // Greek small letters
  α: 'a',
  ι: 'i',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  υ: 'u',
  ϲ: 'c',
  ϳ: 'j',
  γ: 'y',
  κ: 'k',
  η: 'n',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');

/**
 * The key text values are compared by: Unicode NFKC; invisible characters (default-ignorable,
 * format and control characters) removed; every dash turned into "-"; Cyrillic and Greek
 * letters that look like Latin ones turned into those; runs of whitespace turned into one
 * space; trimmed. Case is kept.
 */
export function textKey(s: string): string {
  if (PLAIN.test(s)) return s;
  return s
    .normalize('NFKC')
    .replace(INVISIBLE, (c) => (WHITE.test(c) ? ' ' : ''))
    .replace(DASHES, '-')
    .replace(LOOKALIKE, (c) => LOOKALIKES[c]!)
    .replace(SPACES, ' ')
    .trim();
}

/** Whether two strings have the same key. */
export function sameText(a: string, b: string): boolean {
  if (a === b) return true;
  if (PLAIN.test(a) && PLAIN.test(b)) return false;
  return textKey(a) === textKey(b);
}

/**
 * The spellings of text values grouped by key, with how often each occurs, so that a group
 * is shown by its most frequent spelling (then the first in code-unit order): the same
 * whatever the order of the inventory.
 */
export class Spellings {
  private readonly byKey = new Map<string, Map<string, number>>();

  /** Records one occurrence of a spelling; returns its key. */
  add(raw: string): string {
    const key = textKey(raw);
    let counts = this.byKey.get(key);
    if (!counts) this.byKey.set(key, (counts = new Map()));
    counts.set(raw, (counts.get(raw) ?? 0) + 1);
    return key;
  }

  /** The spelling a key is shown by. */
  label(key: string): string {
    let best: string | undefined;
    let bestCount = 0;
    for (const [raw, n] of this.byKey.get(key) ?? []) {
      if (n > bestCount || (n === bestCount && raw < best!)) [best, bestCount] = [raw, n];
    }
    return best ?? key;
  }

  /** Every spelling seen for a key, sorted. */
  variants(key: string): string[] {
    return [...(this.byKey.get(key)?.keys() ?? [])].sort();
  }
}

// ---- deceptive text ------------------------------------------------------------------------

/** Scripts told apart, most common first; a letter of none of them is of script "Other". */
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Devanagari',
  'Thai',
  'Cherokee',
] as const;
const SCRIPT_RE = SCRIPTS.map((s) => [s, new RegExp(`^\\p{Script=${s}}$`, 'u')] as const);
const LETTER = /^\p{L}$/u;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const INVISIBLE_ONE = /^[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}]$/u;
const DASH_ONE = /^[\p{Dash_Punctuation}\u2212]$/u;
/** Script sets a single word may mix (Unicode TR39, "highly restrictive"), Latin aside. */
const MIXABLE: readonly (readonly string[])[] = [
  ['Han', 'Hiragana', 'Katakana'],
  ['Han', 'Hangul'],
  ['Han', 'Bopomofo'],
];

const SHARED_SCRIPT = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/**
 * The script of a character (Latin, Cyrillic, Greek, ..., Other), by Unicode property
 * escapes; Common for characters shared by scripts (digits, punctuation, the Japanese
 * prolonged sound mark) and combining marks that take the script of their base.
 */
export function scriptOf(ch: string): string {
  for (const [name, re] of SCRIPT_RE) if (re.test(ch)) return name;
  return SHARED_SCRIPT.test(ch) ? 'Common' : 'Other';
}

export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export interface TextCharacter {
  /** 1-based position of the code point in the value. */
  position: number;
  codePoint: string;
  script?: string;
}

export type TextIssueKind = 'mixed-script' | 'invisible' | 'whitespace' | 'lookalike';

export interface TextIssue {
  kind: TextIssueKind;
  /** For mixed-script: the word, and the scripts of its letters (sorted). */
  word?: string;
  scripts?: string[];
  /** The offending characters (at most MAX_CHARACTERS; `more` counts the rest). */
  characters: TextCharacter[];
  more?: number;
}

/** Characters listed per issue; a longer list is cut, with a count of the rest. */
export const MAX_CHARACTERS = 20;
/** Code points of a word shown in a mixed-script issue; a longer word is cut, ending in "…". */
const MAX_WORD = 64;

function issue(kind: TextIssueKind, chars: TextCharacter[], extra: Partial<TextIssue> = {}): TextIssue {
  const more = chars.length - MAX_CHARACTERS;
  return { kind, ...extra, characters: chars.slice(0, MAX_CHARACTERS), ...(more > 0 ? { more } : {}) };
}

/** Whether the letters of one word may mix these scripts. */
function mixable(scripts: Set<string>): boolean {
  if (scripts.size <= 1) return true;
  const other = [...scripts].filter((s) => s !== 'Latin');
  return MIXABLE.some((set) => other.every((s) => set.includes(s)));
}

/**
 * What makes a value deceptive, in order of kind: a word (a run of letters, marks and digits)
 * whose letters come from scripts that do not mix (Latin with Cyrillic or Greek; the offending
 * characters are those outside the word's main script), invisible characters, whitespace that
 * is not a single space between words, and characters that NFKC changes or dashes other than
 * "-". Empty for plain text.
 */
export function textIssues(s: string): TextIssue[] {
  if (PLAIN.test(s)) return [];
  const chars = Array.from(s);
  const mixed: TextIssue[] = [];
  const invisible: TextCharacter[] = [];
  const whitespace: TextCharacter[] = [];
  const lookalike: TextCharacter[] = [];
  let wordStart = -1;
  const endWord = (end: number) => {
    if (wordStart === -1) return;
    const letters: { i: number; script: string }[] = [];
    const count = new Map<string, number>();
    for (let i = wordStart; i < end; i++) {
      if (!LETTER.test(chars[i]!)) continue;
      const script = scriptOf(chars[i]!);
      if (script === 'Common') continue;
      letters.push({ i, script });
      count.set(script, (count.get(script) ?? 0) + 1);
    }
    const scripts = new Set(count.keys());
    if (!mixable(scripts)) {
      // the main script: the most letters, then Latin, then by name
      const main = [...count.entries()].sort(
        ([a, x], [b, y]) => y - x || (a === 'Latin' ? -1 : b === 'Latin' ? 1 : compareStrings(a, b)),
      )[0]![0]; // script names are map keys: never equal
      const off = letters
        .filter((l) => l.script !== main)
        .map((l) => ({ position: l.i + 1, codePoint: codePoint(chars[l.i]!), script: l.script }));
      const word =
        end - wordStart > MAX_WORD
          ? chars.slice(wordStart, wordStart + MAX_WORD).join('') + '…'
          : chars.slice(wordStart, end).join('');
      mixed.push(issue('mixed-script', off, { word, scripts: [...scripts].sort() }));
    }
    wordStart = -1;
  };
  const last = chars.length - 1;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const at = { position: i + 1, codePoint: codePoint(ch) };
    if (WORD_CHAR.test(ch)) {
      if (wordStart === -1) wordStart = i;
    } else endWord(i);
    if (WHITE.test(ch)) {
      // a single U+0020 between two non-white characters is the only whitespace allowed
      const lone = ch === ' ' && i > 0 && i < last && !WHITE.test(chars[i - 1]!) && !WHITE.test(chars[i + 1]!);
      if (!lone) whitespace.push(at);
    } else if (INVISIBLE_ONE.test(ch)) invisible.push(at);
    else if ((DASH_ONE.test(ch) && ch !== '-') || ch.normalize('NFKC') !== ch) lookalike.push(at);
  }
  endWord(chars.length);
  const out = [...mixed];
  if (invisible.length) out.push(issue('invisible', invisible));
  if (whitespace.length) out.push(issue('whitespace', whitespace));
  if (lookalike.length) out.push(issue('lookalike', lookalike));
  return out;
}

const ISSUE_TEXT: Record<TextIssueKind, string> = {
  'mixed-script': 'mixes scripts',
  invisible: 'invisible characters',
  whitespace: 'whitespace at an end, doubled or other than a space',
  lookalike: 'compatibility or lookalike characters',
};

/** One line on an issue, e.g. `mixes Cyrillic and Latin in "sсanning": U+0441 (Cyrillic) at 8`. */
export function issueText(i: TextIssue): string {
  const list =
    i.characters.map((c) => `${c.codePoint}${c.script ? ` (${c.script})` : ''} at ${c.position}`).join(', ') +
    (i.more ? ` and ${i.more} more` : '');
  if (i.kind === 'mixed-script') return `mixes ${i.scripts!.join(' and ')} in "${i.word}": ${list}`;
  return `${ISSUE_TEXT[i.kind]}: ${list}`;
}
