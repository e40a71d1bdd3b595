/** Text that groups or compares entities compares by its key: distinct-count, group-share on free text, and conditions. */
import { describe, expect, it } from 'vitest';
import { runRule, tempDir, yaml } from '../helpers.js';

const rule = (id: string, body: string) => ({
  [`${id}.yaml`]:
    yaml`
    id: ${id}
    title: test
    severity: low
    category: inventory
    rationale: test
    remediation: test
  ` + body,
});

const inv = yaml`
  seglint: 1
  sites:
    - { id: port, kind: seaport }
  rooms:
    - { id: room-1, site: port, kind: server-room }
  assets:
    - { id: s1, kind: server, room: room-1, function: cargo-scanning, model: MT1213 }
    - { id: s2, kind: server, room: room-1, function: "cargo-sсanning", model: "MT1213 " }
    - { id: s3, kind: server, room: room-1, function: "cargo-scanning\u200b", model: "МТ1213" }
    - { id: s4, kind: server, room: room-1, function: cargo-screening, model: MT1213 }
`;

describe('text keys', () => {
  it('distinct-count counts spellings a reviewer cannot tell apart once, shown by the most frequent, with the spellings as evidence', () => {
    const dir = tempDir(
      rule(
        'test-distinct',
        'select: { type: room }\ncheck:\n  function: distinct-count\n  options: { field: model, max: 0 }\nmessage: "{{values}}"\n',
      ),
    );
    const [f] = runRule('test-distinct', inv, { rulesDirs: [dir] }).findings;
    expect(f!.evidence).toEqual({
      field: 'model',
      count: 1,
      max: 0,
      values: { MT1213: ['s1', 's2', 's3', 's4'] },
      spellings: { MT1213: ['MT1213', 'MT1213 ', 'МТ1213'] },
    });
  });

  it('group-share groups by the key and measures a free-text field by its key too', () => {
    const dir = tempDir(
      rule(
        'test-share',
        'select: { type: asset }\ncheck:\n  function: group-share\n  options: { groupBy: function, field: model, maxShare: 0.5, minGroupSize: 2 }\nmessage: "{{value}} {{count}}/{{total}} of {{group}}"\n',
      ),
    );
    const findings = runRule('test-share', inv, { rulesDirs: [dir] }).findings;
    expect(findings.map((f) => f.message)).toEqual(['MT1213 3/3 of cargo-scanning']);
    expect(findings[0]!.evidence.groupSpellings).toEqual(['cargo-scanning', 'cargo-scanning\u200b', 'cargo-sсanning']);
  });

  it('conditions compare strings by their key: equals, in and contains, but not case', () => {
    const select = (where: string) => {
      const dir = tempDir(rule('test-where', `select:\n  type: asset\n  where: ${where}\nmessage: "{{id}}"\n`));
      return runRule('test-where', inv, { rulesDirs: [dir] }).findings.map((f) => f.entity.id);
    };
    expect(select('{ path: function, equals: cargo-scanning }')).toEqual(['s1', 's2', 's3']);
    expect(select('{ path: function, in: [cargo-scanning] }')).toEqual(['s1', 's2', 's3']);
    expect(select('{ path: function, notEquals: cargo-scanning }')).toEqual(['s4']);
    expect(select('{ path: function, contains: "-scan" }')).toEqual(['s1', 's2', 's3']);
    expect(select('{ path: function, equals: Cargo-scanning }')).toEqual([]);
  });
});
