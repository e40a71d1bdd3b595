import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'confusable-text';

describe(RULE, () => {
  it('reports a Latin word with a Cyrillic letter, at the field, naming the scripts and the code point and position', () => {
    const text = yaml`
      seglint: 1
      assets:
        - { id: scanner-1, kind: scanner, function: cargo-scanning }
        - { id: scanner-2, kind: scanner, function: "cargo-sсanning" }
    `;
    const { findings } = runRule(RULE, text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.entity).toEqual({ type: 'asset', id: 'scanner-2' });
    expect(f.severity).toBe('medium');
    expect(f.location.line).toBe(lineOf(text, 'scanner-2'));
    expect(f.location.column).toBe(text.split('\n')[lineOf(text, 'scanner-2') - 1]!.indexOf('function:') + 1);
    expect(f.evidence).toEqual({
      field: 'function',
      value: 'cargo-sсanning',
      issues: [{ kind: 'mixed-script', word: 'sсanning', scripts: ['Cyrillic', 'Latin'], characters: [{ position: 8, codePoint: 'U+0441', script: 'Cyrillic' }] }],
    });
    expect(f.data).toMatchObject({ field: 'function', problems: 'mixes Cyrillic and Latin in "sсanning": U+0441 (Cyrillic) at 8' });
  });

  it('reports trailing and invisible characters and lookalike dashes in names and models of any entity type', () => {
    const text = yaml`
      seglint: 1
      organizations:
        - { id: nuctech, type: vendor, name: "Nuctech " }
      sites:
        - { id: port, kind: seaport, name: "Port\u200bof Rotterdam" }
      assets:
        - { id: scanner-1, kind: scanner, model: "MT1213\u2010DE" }
    `;
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => [f.entity.id, f.evidence.field, (f.evidence.issues as { kind: string }[]).map((i) => i.kind)]).sort()).toEqual([
      ['nuctech', 'name', ['whitespace']],
      ['port', 'name', ['invisible']],
      ['scanner-1', 'model', ['lookalike']],
    ]);
  });

  it('is silent on plain text, words of one script each, and fields it is not asked to check', () => {
    const text = yaml`
      seglint: 1
      organizations:
        - { id: nuctech, type: vendor, name: "Nuctech (Китай)", notes: "trailing space in notes is fine " }
      assets:
        - { id: scanner-1, kind: scanner, function: cargo-scanning, name: "Сканер 1" }
    `;
    expect(runRule(RULE, text).findings).toEqual([]);
  });

  it('checks the fields set in the policy, nested ones too', () => {
    const text = yaml`
      seglint: 1
      assets:
        - { id: scanner-1, kind: scanner, function: "cargo-sсanning", name: "x ", monitoring: [ids] }
      policy:
        params:
          confusable-text: { fields: [name] }
    `;
    expect(runRule(RULE, text).findings.map((f) => f.evidence.field)).toEqual(['name']);
    const nested = yaml`
      seglint: 1
      assets:
        - id: server-1
          kind: server
          audit: { by: "Aсme audits" }
      policy:
        params:
          confusable-text: { fields: [audit.by] }
    `;
    const f = runRule(RULE, nested).findings;
    expect(f.map((x) => [x.entity.id, x.evidence.field, x.location.line])).toEqual([['server-1', 'audit.by', lineOf(nested, 'audit:')]]);
  });
});
