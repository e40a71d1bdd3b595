/**
 * The seglint commands a documentation page shows: every line of its ```sh blocks, split into
 * words the way a POSIX shell splits plain words and quoted strings (no expansion), with the
 * exit code the page announces in a trailing `# exit N` comment. A test runs each one, so a
 * page cannot show a command that does not work.
 */
import { readFileSync } from 'node:fs';

export interface DocCommand {
  /** 1-based line of the command in the page. */
  line: number;
  text: string;
  argv: string[];
  /** The exit code the page announces (`# exit 1`), if any. */
  exit?: number;
}

/** Splits a command line into words: blanks separate, '…' and "…" quote, `#` after a blank starts a comment. */
export function shellWords(text: string): { words: string[]; comment: string } {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (ch === '#' && word === undefined) {
      return { words, comment: text.slice(i + 1).trim() };
    } else if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new Error(`unterminated quote in: ${text}`);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end + 1;
    } else {
      word = (word ?? '') + ch;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return { words, comment: '' };
}

/** Every command of the page's ```sh blocks (blank and comment-only lines skipped). */
export function docCommands(file: string): DocCommand[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: DocCommand[] = [];
  let inSh = false;
  lines.forEach((raw, i) => {
    const l = raw.trim();
    if (l.startsWith('```')) {
      inSh = !inSh && (l === '```sh' || l === '```bash' || l === '```shell');
      return;
    }
    if (!inSh) return;
    const { words, comment } = shellWords(l);
    if (!words.length) return;
    const m = /^exit (\d+)\b/.exec(comment);
    out.push({ line: i + 1, text: l, argv: words, ...(m ? { exit: Number(m[1]) } : {}) });
  });
  return out;
}
