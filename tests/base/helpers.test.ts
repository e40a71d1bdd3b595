/**
 * The shared helpers of src/base/ (compare, group, percent) and formatLocation of src/source/:
 * what the copies they replace did, kept exactly, since outputs are sorted and printed with them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byKey, compareBy, compareStrings } from '../../src/base/compare.js';
import { groupBy, pushTo } from '../../src/base/group.js';
import { percent } from '../../src/base/percent.js';
import { formatLocation } from '../../src/source/errors.js';

describe('compareStrings', () => {
  it('orders by UTF-16 code units, as `<` does, not by locale', () => {
    expect(['b', 'a', 'B', 'ä', 'aa', ''].sort(compareStrings)).toEqual(['', 'B', 'a', 'aa', 'b', 'ä']);
    expect(compareStrings('x', 'x')).toBe(0);
  });

  it('is the three-way form of `<` for any strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(compareStrings(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
        expect(compareStrings(b, a)).toBe(-compareStrings(a, b) || 0);
      }),
    );
  });
});

describe('compareBy and byKey', () => {
  it('sorts by the first key that differs, then the next', () => {
    const rows = [
      { rule: 'b', param: 'x' },
      { rule: 'a', param: 'z' },
      { rule: 'a', param: 'y' },
    ];
    expect(
      [...rows].sort(
        compareBy(
          (r) => r.rule,
          (r) => r.param,
        ),
      ),
    ).toEqual([
      { rule: 'a', param: 'y' },
      { rule: 'a', param: 'z' },
      { rule: 'b', param: 'x' },
    ]);
    expect(compareBy<{ id: string }>((r) => r.id)({ id: 'same' }, { id: 'same' })).toBe(0);
  });

  it('sorts entries by key', () => {
    expect(byKey(Object.entries({ b: 2, a: 1, C: 3 }))).toEqual([
      ['C', 3],
      ['a', 1],
      ['b', 2],
    ]);
    expect(
      byKey(
        new Map([
          ['z', 1],
          ['y', 2],
        ]),
      ),
    ).toEqual([
      ['y', 2],
      ['z', 1],
    ]);
  });
});

describe('groupBy and pushTo', () => {
  it('keeps keys in first-seen order and items in their order; undefined keys are left out', () => {
    const assets = [{ id: 'a1', zone: 'z2' }, { id: 'a2', zone: 'z1' }, { id: 'a3' }, { id: 'a4', zone: 'z2' }];
    const g = groupBy(assets, (a) => a.zone);
    expect([...g.keys()]).toEqual(['z2', 'z1']);
    expect(g.get('z2')!.map((a) => a.id)).toEqual(['a1', 'a4']);
    expect(g.get('z1')!.map((a) => a.id)).toEqual(['a2']);
  });

  it('pushTo creates a list on first use and appends after', () => {
    const m = new Map<string, number[]>();
    pushTo(m, 'k', 1);
    pushTo(m, 'k', 2);
    pushTo(m, 'j', 3);
    expect([...m]).toEqual([
      ['k', [1, 2]],
      ['j', [3]],
    ]);
  });
});

describe('percent', () => {
  it('renders a share with two decimals at most', () => {
    expect(percent(0.1596)).toBe('15.96%');
    expect(percent(0.76)).toBe('76%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(0.123456)).toBe('12.35%');
  });
});

describe('formatLocation', () => {
  it('is file:line:column, and empty without a location', () => {
    expect(formatLocation({ file: 'inventories/port.yaml', line: 41, column: 9 })).toBe('inventories/port.yaml:41:9');
    expect(formatLocation(undefined)).toBe('');
  });
});
