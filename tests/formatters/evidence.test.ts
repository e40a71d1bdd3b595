import { describe, expect, it } from 'vitest';
import { chainText, describeEvidence, evidenceText, hopText } from '../../src/formatters/evidence.js';
import { realisticReport } from './support.js';

describe('evidence rendering', () => {
  it('reads a path hop by hop', () => {
    const items = describeEvidence({
      source: 'a',
      path: {
        assets: ['a', 'b', 'c'],
        hops: [
          { link: 'l1', from: 'a', to: 'b', medium: 'ethernet' },
          { link: 'l2', from: 'b', to: 'c', medium: 'mobile', purpose: 'remote-maintenance' },
        ],
        zones: ['z1', 'z2'],
        conduits: [],
      },
    });
    expect(items).toEqual([
      { kind: 'field', label: 'source', value: 'a' },
      {
        kind: 'path',
        label: 'path',
        start: 'a',
        hops: [
          { link: 'l1', from: 'a', to: 'b', medium: 'ethernet' },
          { link: 'l2', from: 'b', to: 'c', medium: 'mobile', purpose: 'remote-maintenance' },
        ],
        zones: ['z1', 'z2'],
        conduits: [],
      },
    ]);
    expect(evidenceText(items)).toEqual([
      'source: a',
      'path: 2 hops from a',
      '  1. a -> b via link l1 (ethernet)',
      '  2. b -> c via link l2 (mobile, remote-maintenance)',
      '  zones crossed: z1, z2',
    ]);
  });

  it('reads ownership chains with their shares and product, nested or not', () => {
    const chain = { organizations: ['nuctech', 'tongfang', 'cnnc'], shares: [0.76, 0.21] };
    const [top] = describeEvidence({ chains: [{ ...chain, product: 0.1596 }] });
    expect(top).toEqual({ kind: 'chains', label: 'chains', chains: [{ ...chain, product: 0.1596 }] });
    const nested = describeEvidence({ stateOwnership: { share: 0.1596, chains: [chain] } });
    expect(nested.map((i) => i.label)).toEqual(['stateOwnership.share', 'stateOwnership.chains']);
    expect(nested[0]).toEqual({ kind: 'field', label: 'stateOwnership.share', value: '15.96%' });
    expect(nested[1]!.kind === 'chains' && nested[1]!.chains[0]!.product).toBe(0.1596); // computed when absent
    expect(chainText({ ...chain, product: 0.1596 })).toBe('nuctech <- 76% tongfang <- 21% cnnc = 15.96%');
  });

  it('reads values as a list, and everything else as key: value', () => {
    expect(
      describeEvidence({
        values: { nuctech: ['s1', 's2'], smiths: ['s3'] },
        count: 2,
        date: null,
        tags: [],
        ok: true,
        nested: { deep: { list: [1, 2] } },
        objs: [{ a: 1 }],
      }),
    ).toEqual([
      {
        kind: 'values',
        label: 'values',
        entries: [
          { value: 'nuctech', items: ['s1', 's2'] },
          { value: 'smiths', items: ['s3'] },
        ],
      },
      { kind: 'field', label: 'count', value: '2' },
      { kind: 'field', label: 'date', value: 'none' },
      { kind: 'field', label: 'tags', value: 'none' },
      { kind: 'field', label: 'ok', value: 'true' },
      { kind: 'field', label: 'nested.deep.list', value: '1, 2' },
      { kind: 'field', label: 'objs', value: '[{"a":1}]' },
    ]);
    expect(hopText({ from: 'a', to: 'b', link: 'l', conduit: 'c1' })).toBe('a -> b via link l (conduit c1)');
  });

  it('renders the evidence of every finding of the example inventory', () => {
    const { report } = realisticReport();
    for (const f of report.findings) {
      const items = describeEvidence(f.evidence);
      if (Object.keys(f.evidence).length) expect(items.length).toBeGreaterThan(0);
      for (const l of evidenceText(items)) expect(l).not.toMatch(/\[object Object\]|undefined/);
    }
  });
});
