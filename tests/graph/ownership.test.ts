import { describe, expect, it } from 'vitest';
import { Model } from '../../src/graph/model.js';
import type { Organization } from '../../src/inventory/types.js';
import { inventory } from './helpers.js';

const isState = (o: Organization) => o.type === 'state' || o.type === 'state-enterprise';
const model = (organizations: Organization[]) => new Model(inventory({ organizations }));

describe('effectiveOwnership', () => {
  it('Nuctech: CNNC 21% of Tongfang, Tongfang 76% of Nuctech => 15.96%', () => {
    const m = model([
      { id: 'nuctech', type: 'vendor', country: 'CN', owners: [{ organization: 'tongfang', share: 0.76 }] },
      { id: 'tongfang', type: 'holding', country: 'CN', owners: [{ organization: 'cnnc', share: 0.21 }] },
      { id: 'cnnc', type: 'state-enterprise', country: 'CN' },
    ]);
    const r = m.effectiveOwnership('nuctech', isState);
    expect(r.share).toBeCloseTo(0.1596, 10);
    expect(r.chains).toHaveLength(1);
    const [c] = r.chains;
    expect(c!.organizations).toEqual(['nuctech', 'tongfang', 'cnnc']);
    expect(c!.shares).toEqual([0.76, 0.21]);
    expect(c!.product).toBeCloseTo(0.1596, 10);
    expect(c!.holder).toBe('cnnc');
    // Tongfang itself: directly 21%
    expect(m.effectiveOwnership('tongfang', isState).share).toBeCloseTo(0.21, 10);
    // nobody owns CNNC, but it is a holder itself
    expect(m.effectiveOwnership('cnnc', isState).share).toBe(1);
  });

  it('sums two parallel chains, largest first', () => {
    const m = model([
      {
        id: 'v',
        type: 'vendor',
        owners: [
          { organization: 'h1', share: 0.5 },
          { organization: 'h2', share: 0.3 },
          { organization: 'private', share: 0.2 },
        ],
      },
      { id: 'h1', type: 'holding', owners: [{ organization: 'state-a', share: 0.2 }] },
      { id: 'h2', type: 'holding', owners: [{ organization: 'state-b', share: 1 }] },
      { id: 'private', type: 'company' },
      { id: 'state-a', type: 'state' },
      { id: 'state-b', type: 'state-enterprise' },
    ]);
    const r = m.effectiveOwnership('v', isState);
    expect(r.share).toBeCloseTo(0.1 + 0.3, 10);
    expect(r.chains.map((c) => c.organizations)).toEqual([
      ['v', 'h2', 'state-b'],
      ['v', 'h1', 'state-a'],
    ]);
    expect(r.chains.map((c) => c.holder)).toEqual(['state-b', 'state-a']);
    expect(r.chains[0]!.product).toBeCloseTo(0.3, 10);
    expect(r.chains[1]!.product).toBeCloseTo(0.1, 10);
  });

  it('counts a diamond twice, once per route, up to the same holder', () => {
    const m = model([
      {
        id: 'v',
        type: 'vendor',
        owners: [
          { organization: 'b', share: 0.5 },
          { organization: 'c', share: 0.5 },
        ],
      },
      { id: 'b', type: 'holding', owners: [{ organization: 's', share: 0.4 }] },
      { id: 'c', type: 'holding', owners: [{ organization: 's', share: 0.6 }] },
      { id: 's', type: 'state' },
    ]);
    const r = m.effectiveOwnership('v', isState);
    expect(r.share).toBeCloseTo(0.5, 10);
    expect(r.chains.map((c) => c.organizations)).toEqual([
      ['v', 'c', 's'],
      ['v', 'b', 's'],
    ]);
  });

  it('stops a chain at the first holder, so a state owning a state is not counted twice', () => {
    const m = model([
      { id: 'v', type: 'vendor', owners: [{ organization: 'se', share: 0.4 }] },
      { id: 'se', type: 'state-enterprise', owners: [{ organization: 'gov', share: 1 }] },
      { id: 'gov', type: 'state' },
    ]);
    const r = m.effectiveOwnership('v', isState);
    expect(r.share).toBeCloseTo(0.4, 10);
    expect(r.chains).toEqual([{ organizations: ['v', 'se'], shares: [0.4], product: 0.4, holder: 'se' }]);
  });

  it('counts the chains round a cross-holding cycle too (the linear system), and shows each simple chain once', () => {
    const m = model([
      { id: 'v', type: 'vendor', owners: [{ organization: 'a', share: 0.5 }] },
      {
        id: 'a',
        type: 'holding',
        owners: [
          { organization: 'b', share: 0.5 },
          { organization: 'v', share: 0.1 },
        ],
      },
      {
        id: 'b',
        type: 'holding',
        owners: [
          { organization: 'a', share: 0.3 },
          { organization: 's', share: 0.4 },
        ],
      },
      { id: 's', type: 'state' },
    ]);
    const r = m.effectiveOwnership('v', isState);
    expect(r.chains.map((c) => c.organizations)).toEqual([['v', 'a', 'b', 's']]);
    expect(r.chains[0]!.shares).toEqual([0.5, 0.5, 0.4]);
    // E(v) = 0.5 E(a); E(a) = 0.5 E(b) + 0.1 E(v); E(b) = 0.4 + 0.3 E(a)  =>  E(a) = 0.25, E(v) = 0.125
    // (the simple chain alone gives 0.1; the loops a -> b -> a and a -> v -> a add the rest)
    expect(r.share).toBeCloseTo(0.125, 12);
    expect(m.effectiveOwnership('a', isState).share).toBeCloseTo(0.25, 12);
    expect(m.effectiveOwnership('b', isState).share).toBeCloseTo(0.475, 12);
  });

  it('terminates on a cycle that never reaches a holder', () => {
    const m = model([
      { id: 'x', type: 'company', owners: [{ organization: 'y', share: 0.6 }] },
      { id: 'y', type: 'company', owners: [{ organization: 'x', share: 0.6 }] },
      { id: 'self', type: 'company', owners: [{ organization: 'self', share: 1 }] },
    ]);
    expect(m.effectiveOwnership('x', isState)).toEqual({ share: 0, chains: [], more: false });
    expect(m.effectiveOwnership('self', isState)).toEqual({ share: 0, chains: [], more: false });
  });

  it('an organization that is itself a holder is owned 100%, by itself', () => {
    const m = model([
      { id: 'gov', type: 'state', owners: [{ organization: 'other', share: 0.5 }] },
      { id: 'other', type: 'state' },
    ]);
    expect(m.effectiveOwnership('gov', isState)).toEqual({
      share: 1,
      chains: [{ organizations: ['gov'], shares: [], product: 1, holder: 'gov' }],
      more: false,
    });
  });

  it('a holder owning 100% directly', () => {
    const m = model([
      { id: 'v', type: 'vendor', owners: [{ organization: 'gov', share: 1 }] },
      { id: 'gov', type: 'state' },
    ]);
    expect(m.effectiveOwnership('v', isState)).toEqual({
      share: 1,
      chains: [{ organizations: ['v', 'gov'], shares: [1], product: 1, holder: 'gov' }],
      more: false,
    });
  });

  it('ignores owners missing from the inventory, and unknown organizations own nothing', () => {
    const m = model([{ id: 'v', type: 'vendor', owners: [{ organization: 'ghost', share: 0.9 }] }]);
    expect(m.effectiveOwnership('v', isState)).toEqual({ share: 0, chains: [], more: false });
    expect(m.effectiveOwnership('nope', isState)).toEqual({ share: 0, chains: [], more: false });
  });

  it('never reports more than 100%', () => {
    const m = model([
      {
        id: 'v',
        type: 'vendor',
        owners: [
          { organization: 's1', share: 0.7 },
          { organization: 's2', share: 0.7 },
        ],
      },
      { id: 's1', type: 'state' },
      { id: 's2', type: 'state' },
    ]);
    const r = m.effectiveOwnership('v', isState);
    expect(r.share).toBe(1);
    expect(r.chains).toHaveLength(2);
  });

  it('follows chains of any length (no depth limit: a chain of 40 owners at 100% is 100%)', () => {
    const orgs: Organization[] = Array.from({ length: 41 }, (_, i) => ({
      id: `o${String(i).padStart(2, '0')}`,
      type: i === 40 ? 'state' : 'holding',
      ...(i < 40 ? { owners: [{ organization: `o${String(i + 1).padStart(2, '0')}`, share: 1 }] } : {}),
    }));
    const m = model(orgs);
    const r = m.effectiveOwnership('o00', isState);
    expect(r.share).toBe(1);
    expect(r.chains[0]!.organizations).toHaveLength(41);
  });
});
