/** How inventory text compares (textKey) and what makes it deceptive (textIssues, scriptOf). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainText, sameText, scriptOf, Spellings, textIssues, textKey } from '../../src/base/text.js';

describe('textKey', () => {
  it('folds what a reviewer cannot see: lookalike letters, spaces at the ends, invisible characters, dashes, compatibility forms', () => {
    const k = 'cargo-scanning';
    expect(textKey('cargo-sсanning')).toBe(k); // Cyrillic с
    expect(textKey('cargo-scanning ')).toBe(k);
    expect(textKey(' cargo-scanning\t')).toBe(k);
    expect(textKey('cargo-scan\u200bning')).toBe(k); // zero-width space
    expect(textKey('cargo-scan\u00adning')).toBe(k); // soft hyphen
    expect(textKey('\ufeffcargo-scanning')).toBe(k); // byte order mark
    expect(textKey('cargo\u2010scanning')).toBe(k); // hyphen
    expect(textKey('cargo\u2212scanning')).toBe(k); // minus sign
    expect(textKey('ｃａｒｇｏ-scanning')).toBe(k); // fullwidth
    expect(textKey('cargο-scanning')).toBe(k); // Greek ο
    expect(textKey('cargo-scanning\u202e')).toBe(k); // bidi override
    expect(textKey('cargo\u00a0\u00a0 scanning')).toBe('cargo scanning');
  });

  it('keeps case and real differences', () => {
    expect(textKey('Cargo-Scanning')).toBe('Cargo-Scanning');
    expect(sameText('cargo-scanning', 'Cargo-scanning')).toBe(false);
    expect(sameText('cargo-scanning', 'cargo-screening')).toBe(false);
    expect(sameText('сканирование', 'сканирование ')).toBe(true);
  });

  it('is the identity on plain text, idempotent, and sameText agrees with it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        (a, b) => {
          const k = textKey(a);
          expect(textKey(k)).toBe(k);
          expect(sameText(a, b)).toBe(k === textKey(b));
          if (isPlainText(a)) expect(k).toBe(a);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is linear: a long value takes time in proportion to its length', () => {
    const long = 'cargo-sсanning \u200b'.repeat(20_000);
    const t0 = performance.now();
    textKey(long);
    textIssues(long);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('Spellings', () => {
  it('shows a group by its most frequent spelling, then the first in code-unit order, whatever the order of adding', () => {
    const words = ['cargo-scanning ', 'cargo-sсanning', 'cargo-scanning', 'cargo-scanning ', 'cargo-scanning'];
    for (const order of [words, [...words].reverse()]) {
      const s = new Spellings();
      const keys = order.map((w) => s.add(w));
      expect(new Set(keys).size).toBe(1);
      expect(s.label(keys[0]!)).toBe('cargo-scanning');
      expect(s.variants(keys[0]!)).toEqual(['cargo-scanning', 'cargo-scanning ', 'cargo-sсanning']);
    }
  });
});

describe('scriptOf', () => {
  it('names the script of a letter by Unicode property', () => {
    expect(['c', 'с', 'ο', '中', 'か', 'カ', '한', 'ա', 'ש', 'ع'].map(scriptOf)).toEqual([
      'Latin',
      'Cyrillic',
      'Greek',
      'Han',
      'Hiragana',
      'Katakana',
      'Hangul',
      'Armenian',
      'Hebrew',
      'Arabic',
    ]);
    expect(scriptOf('ᚠ')).toBe('Other'); // Runic
    expect(['ー', '1', '-'].map(scriptOf)).toEqual(['Common', 'Common', 'Common']);
  });
});

describe('textIssues', () => {
  it('finds a word mixing Latin and Cyrillic, naming the scripts and the odd letter by code point and position', () => {
    expect(textIssues('cargo-sсanning')).toEqual([
      {
        kind: 'mixed-script',
        word: 'sсanning',
        scripts: ['Cyrillic', 'Latin'],
        characters: [{ position: 8, codePoint: 'U+0441', script: 'Cyrillic' }],
      },
    ]);
  });

  it('takes the main script of a word from most of its letters', () => {
    // a Russian word with one Latin "c": the Latin letter is the odd one
    expect(textIssues('сканирcвание')[0]).toMatchObject({
      kind: 'mixed-script',
      characters: [{ position: 7, codePoint: 'U+0063', script: 'Latin' }],
    });
    // Greek omicron in a Latin word
    expect(textIssues('Nuctech Rοtterdam')[0]).toMatchObject({
      word: 'Rοtterdam',
      scripts: ['Greek', 'Latin'],
      characters: [{ position: 10, codePoint: 'U+03BF' }],
    });
  });

  it('allows one script per word, words of different scripts side by side, and Latin with Japanese, Chinese or Korean', () => {
    expect(textIssues('Nuctech (Китай)')).toEqual([]);
    expect(textIssues('сканирование грузов')).toEqual([]);
    expect(textIssues('Γιώργος')).toEqual([]);
    expect(textIssues('東京スキャナーA1')).toEqual([]);
    expect(textIssues('café')).toEqual([]);
    expect(textIssues('plain-ascii value')).toEqual([]);
  });

  it('finds invisible characters, whitespace at the ends, doubled or other than a space, and compatibility or lookalike characters', () => {
    expect(textIssues('cargo-scanning ')).toEqual([
      { kind: 'whitespace', characters: [{ position: 15, codePoint: 'U+0020' }] },
    ]);
    expect(textIssues(' a  b')).toEqual([
      { kind: 'whitespace', characters: [1, 3, 4].map((p) => ({ position: p, codePoint: 'U+0020' })) },
    ]);
    expect(textIssues('a\u00a0b')).toEqual([
      { kind: 'whitespace', characters: [{ position: 2, codePoint: 'U+00A0' }] },
    ]);
    expect(textIssues('scan\u200bner')).toEqual([
      { kind: 'invisible', characters: [{ position: 5, codePoint: 'U+200B' }] },
    ]);
    expect(textIssues('x\u0001')).toEqual([{ kind: 'invisible', characters: [{ position: 2, codePoint: 'U+0001' }] }]);
    expect(textIssues('cargo\u2010scanning')).toEqual([
      { kind: 'lookalike', characters: [{ position: 6, codePoint: 'U+2010' }] },
    ]);
    expect(textIssues('ｃargo')).toEqual([{ kind: 'lookalike', characters: [{ position: 1, codePoint: 'U+FF43' }] }]);
  });

  it('counts positions in code points, and cuts long lists with a count of the rest', () => {
    expect(textIssues('𝒳 \u200b')[0]!.characters).toEqual([{ position: 3, codePoint: 'U+200B' }]);
    const many = textIssues('a' + '\u200b'.repeat(25) + 'b')[0]!;
    expect(many.characters).toHaveLength(20);
    expect(many.more).toBe(5);
  });

  it('finds nothing in text whose key is itself and has one script per word', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,8}){0,3}$/), (s) => {
        expect(textIssues(s)).toEqual([]);
      }),
    );
  });
});
