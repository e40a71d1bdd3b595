/** src/base/sanitize.ts: the escaping functions behind everything seglint prints. */
import { XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMULA_CELL, readCsv } from './spreadsheet.js';
import {
  csvCell,
  escapeCodePoint,
  hasUnsafe,
  jsonSafe,
  mapStrings,
  visible,
  visibleDeep,
  visibleLines,
  xmlSafe,
} from '../../src/base/sanitize.js';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));

/** Every character the module promises to escape (lone surrogates as single code units). */
const UNSAFE_CHARS = [
  ...range(0x00, 0x1f),
  ...range(0x7f, 0x9f),
  '\u061c',
  '\u200e',
  '\u200f',
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
  '\u200b',
  '\u2028',
  '\u2029',
  ...range(0x2060, 0x2064),
  ...range(0x206a, 0x206f),
  '\ufeff',
  ...range(0xfff9, 0xfffb),
  ...range(0xfdd0, 0xfdef),
  '\ufffe',
  '\uffff',
  '\u{1fffe}',
  '\u{10ffff}',
  '\u{e0001}',
  '\u{e0041}',
  '\u{e007f}',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
];

/** Characters that stay as they are. */
const SAFE =
  'plain ASCII ~!@$%^&*()_+{}|"<>?`-=[];\',./ \\ é ß 中文 Ελληνικά עברית العربية 👩‍🔧 🇳🇱 \u00a0 \u200d \u200c \ufe0f';

/** Strings with the characters that matter over-represented, lone surrogates included. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      ...UNSAFE_CHARS,
      ':',
      '#',
      '[',
      'vso',
      '##vso[',
      '::',
      '=',
      '+',
      '-',
      '@',
      ',',
      ';',
      '|',
      '"',
      ' ',
      '\n',
      '\t',
      '\r',
      'a',
      '\\',
    ),
    fc
      .integer({ min: 0, max: 0x10ffff })
      .map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp))),
  ),
  maxLength: 40,
});

const RAW_UNSAFE =
  /[\p{Cc}\p{Bidi_Control}\p{Noncharacter_Code_Point}\u200b\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}\ud800-\udfff]/u;

/** Would a CI runner take this line (GitHub `::`, Azure `##[` at the start, `##vso[` anywhere) as a command? */
const opensCommand = (line: string) => /^\s*(::|##\[)/u.test(line) || /##vso\[/i.test(line);

describe('visible', () => {
  it('escapes every unsafe character as \\uXXXX (\\u{...} above U+FFFF)', () => {
    for (const ch of UNSAFE_CHARS) {
      const cp = ch.codePointAt(0)!;
      const expected = cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
      expect(visible(`a${ch}b`), `U+${cp.toString(16)}`).toBe(`a${expected}b`);
      expect(hasUnsafe(ch)).toBe(true);
    }
    expect(escapeCodePoint('\u001b')).toBe('\\u001b');
    expect(escapeCodePoint('\u{e0041}')).toBe('\\u{e0041}');
  });

  it('leaves everything else alone, backslashes and surrogate pairs included', () => {
    expect(visible(SAFE)).toBe(SAFE);
    expect(hasUnsafe(SAFE)).toBe(false);
    expect(visible('C:\\inventories\\port.yaml')).toBe('C:\\inventories\\port.yaml');
  });

  it('the attack of the issue stays one visible line', () => {
    expect(visible('x\n::error::INJECTED\u001b]0;TITLE\u0007')).toBe('x\\u000a::error::INJECTED\\u001b]0;TITLE\\u0007');
  });

  it('neutralises a CI command marker at the start of a value and ##vso[ anywhere', () => {
    expect(visible('::error::x')).toBe('\\u003a:error::x');
    expect(visible('  ::error::x')).toBe('  \\u003a:error::x');
    expect(visible(':')).toBe('\\u003a'); // `:` + `:1:1 error` would open a line with `::`
    expect(visible('##[error]x')).toBe('\\u0023#[error]x');
    expect(visible('a ##vso[task.setvariable variable=x]1 ##VSO[b]')).toBe(
      'a \\u0023#vso[task.setvariable variable=x]1 \\u0023#VSO[b]',
    );
    expect(visible('a::b ## c #[d]')).toBe('a::b ## c #[d]');
  });

  it('property: one line, nothing raw, no command, idempotent', () => {
    fc.assert(
      fc.property(hostile, hostile, (s, before) => {
        const v = visible(s);
        expect(RAW_UNSAFE.test(v)).toBe(false);
        expect(v.includes('\n')).toBe(false);
        expect(visible(v)).toBe(v);
        // at the start of a line, or after any text seglint writes before a value
        expect(opensCommand(v)).toBe(false);
        expect(opensCommand(`${v}:1:1 error: ${visible(before)}`)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('visibleLines', () => {
  it('keeps line feeds and tabs, escapes the rest, checks every line', () => {
    expect(visibleLines('one\n\ttwo\r\n::error::x\n##[group]y\u001b')).toBe(
      'one\n\ttwo\\u000d\n\\u003a:error::x\n\\u0023#[group]y\\u001b',
    );
    expect(visibleLines('## Heading\n- item')).toBe('## Heading\n- item');
  });

  it('property: no line opens a command, nothing raw but LF and tab, idempotent', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const v = visibleLines(s);
        expect(RAW_UNSAFE.test(v.replace(/[\n\t]/g, ''))).toBe(false);
        for (const line of v.split('\n')) expect(opensCommand(line)).toBe(false);
        expect(visibleLines(v)).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('jsonSafe', () => {
  it('property: the same data, no raw unsafe character, no ##vso[', () => {
    fc.assert(
      fc.property(
        fc.array(hostile, { maxLength: 4 }),
        fc.dictionary(hostile, hostile, { maxKeys: 3 }),
        (list, dict) => {
          const data = { list, dict };
          const text = jsonSafe(JSON.stringify(data, null, 2));
          expect(JSON.parse(text)).toEqual(data);
          expect(RAW_UNSAFE.test(text.replace(/\n/g, ''))).toBe(false);
          expect(/##vso\[/i.test(text)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('writes astral characters as surrogate escapes', () => {
    expect(jsonSafe(JSON.stringify('\u202e\u{e0041}\u0085'))).toBe('"\\u202e\\udb40\\udc41\\u0085"');
  });
});

describe('csvCell', () => {
  it('neutralises formulas at the start and after every separator character', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell(' =1')).toBe("' =1");
    expect(csvCell(';=1+1;@SUM(1)')).toBe(`";'=1+1;'@SUM(1)"`);
    expect(csvCell('a, -b|+c')).toBe(`"a, '-b|'+c"`);
    expect(csvCell('x;"=1"')).toBe(`"x;""'=1"""`);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('quotes separators and quotes, writes control characters visibly', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a|b')).toBe('"a|b"');
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell('nul\u0000 tab\t=1 cr\r\nlf')).toBe('nul\\u0000 tab\\u0009=1 cr\\u000d\\u000alf');
    expect(csvCell('\t=1')).toBe('\\u0009=1');
  });

  it('property: one cell with a comma reader, and no cell opens a formula whatever the separator', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (values) => {
        const line = values.map(csvCell).join(',');
        expect(/[\r\n\u0000]/.test(line)).toBe(false);
        expect(readCsv(`${line}\r\n`, ',')[0]).toHaveLength(values.length);
        for (const sep of [',', ';', '\t', '|'])
          for (const cell of readCsv(`${line}\r\n`, sep)[0]!) expect(cell).not.toMatch(FORMULA_CELL);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('xmlSafe', () => {
  it('escapes what XML 1.0 forbids, keeps tab, LF, CR and the rest', () => {
    expect(xmlSafe('a\u0000b\u0001\u001b\ufffe\uffff\ud800 \t\n\r é \u{1f600}')).toBe(
      'a\\u0000b\\u0001\\u001b\\ufffe\\uffff\\ud800 \t\n\r é \u{1f600}',
    );
  });

  it('property: a text node of xmlSafe text with & < > escaped is well-formed', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const doc = `<a>${xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</a>`;
        expect(XMLValidator.validate(doc)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('mapStrings and visibleDeep', () => {
  it('maps every string, keys included, and shares what did not change', () => {
    const clean = { a: ['x', 1, true, null], b: { c: 'y' } };
    const data = { name: 'n\u001b', list: ['ok', 'k\n'], nested: { 'key\u0000': { deep: '\u202e' } }, clean, n: 3 };
    const out = visibleDeep(data);
    expect(out).toEqual({
      name: 'n\\u001b',
      list: ['ok', 'k\\u000a'],
      nested: { 'key\\u0000': { deep: '\\u202e' } },
      clean,
      n: 3,
    });
    expect(out.clean).toBe(clean);
    expect(visibleDeep(clean)).toBe(clean);
    expect(data.name).toBe('n\u001b'); // the input is not changed
  });

  it('keeps a "__proto__" key a key', () => {
    const data = JSON.parse('{"__proto__": {"x": "y"}, "b": "\\u0007"}') as Record<string, unknown>;
    const out = visibleDeep(data);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'b']);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"x":"y"},"b":"\\\\u0007"}');
  });

  it('leaves values that are not plain data as they are', () => {
    const re = /a\u001b/;
    const date = new Date(0);
    const map = new Map([['\u001b', 1]]);
    const out = mapStrings({ re, date, map, s: '\u001b' }, (s) => s.replace('\u001b', 'ESC'));
    expect(out).toEqual({ re, date, map, s: 'ESC' });
    expect(out.re).toBe(re);
    expect(out.date).toBe(date);
    expect(out.map).toBe(map);
    expect(mapStrings('abc', (s) => s.toUpperCase())).toBe('ABC');
  });
});
