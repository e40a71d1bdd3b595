/**
 * Waiver targets: an entity id, or a glob over ids with two wildcards, `*` (any run of
 * characters, the empty one too) and `?` (exactly one character). Nothing else is special:
 * no extglobs, braces, character classes or negation. Ids never contain `/`, so there is no
 * `**` either (several stars in a row mean the same as one).
 *
 * Matching uses no regular expression: the classic two-pointer wildcard match, which on a
 * mismatch goes back only to the last star. Its worst case is O(pattern length x id length),
 * whatever the pattern, so no waiver can make a run hang.
 */
import { codePoint } from './text.js';

/**
 * The characters a target may hold: those of ids (letters, digits, `.`, `_`, `-`), `>` (the
 * id of a forbidden flow is `from->to`) and the two wildcards.
 */
const TARGET_CHAR = /^[A-Za-z0-9._>*?-]$/;

/** Whether `text` matches the wildcard `pattern` (`*` any run, `?` one character, the rest literal). */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1; // position in the pattern just after the last `*` seen
  let resume = 0; // position in the text that `*` would swallow next
  while (t < text.length) {
    const c = pattern[p];
    if (c === '*') {
      star = ++p;
      resume = t;
    } else if (c !== undefined && (c === '?' || c === text[t])) {
      p++;
      t++;
    } else if (star !== -1) {
      // let the last star swallow one more character, and try the rest again from there
      p = star;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A matcher for one target: an exact comparison when it has no wildcard. */
export function targetMatcher(pattern: string): (id: string) => boolean {
  if (!hasWildcard(pattern)) return (id) => id === pattern;
  const collapsed = pattern.replace(/\*+/g, '*');
  return (id) => wildcardMatch(collapsed, id);
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * What is wrong with a waiver target, or undefined when it is a valid id or glob. The message
 * names the first offending character and its 1-based position.
 */
export function targetProblem(target: string): string | undefined {
  if (target.length === 0) return 'is empty; expected an id or a glob over ids such as scanner-*';
  let pos = 1;
  for (const ch of target) {
    if (!TARGET_CHAR.test(ch)) {
      const what = /^[\x21-\x7e]$/.test(ch) ? `"${ch}"` : codePoint(ch);
      return `contains ${what} at position ${pos}; a target is an id or a glob over ids: letters, digits, ".", "_", "-", ">" and the wildcards * (any run of characters) and ? (one character); extglobs, braces, character classes and negation are not supported`;
    }
    pos++;
  }
  return undefined;
}

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What is wrong with a waiver's rule, or undefined when it is `*` or has the shape of a rule id. */
export function ruleProblem(rule: string): string | undefined {
  if (rule === '*' || RULE_ID.test(rule)) return undefined;
  return 'is neither a rule id (lower-case words joined by "-") nor * (every rule); a waiver names one rule, or all of them';
}

/**
 * A target that starts with a wildcard is not anchored to a family of ids (`*`, `**`, `?*`,
 * `*-*`, `*scanner*`): it can match ids of any kind. `scanner-*` is anchored.
 */
export function isUnanchoredTarget(target: string): boolean {
  return target.startsWith('*') || target.startsWith('?');
}
