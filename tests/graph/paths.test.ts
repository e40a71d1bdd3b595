import { describe, expect, it } from 'vitest';
import { Model, type PathEvidence } from '../../src/graph/model.js';
import { asset, inventory, link } from './helpers.js';

const show = (ps: PathEvidence[]) => ps.map((p) => p.hops.map((h) => `${h.from}-${h.link}-${h.to}`).join(' '));

describe('allPaths', () => {
  // s - a - t, s - b - t, s - t, a - b
  const m = new Model(
    inventory({
      assets: ['s', 'a', 'b', 't'].map((id) => asset(id)),
      links: [
        link('l1', 's', 'a'),
        link('l2', 'a', 't'),
        link('l3', 's', 'b'),
        link('l4', 'b', 't'),
        link('l5', 's', 't'),
        link('l6', 'a', 'b'),
      ],
    }),
  );

  it('returns every simple path, shortest first, then by asset ids', () => {
    const ps = m.allPaths('s', 't');
    expect(ps.map((p) => p.assets)).toEqual([
      ['s', 't'],
      ['s', 'a', 't'],
      ['s', 'b', 't'],
      ['s', 'a', 'b', 't'],
      ['s', 'b', 'a', 't'],
    ]);
    expect(show(ps)).toEqual([
      's-l5-t',
      's-l1-a a-l2-t',
      's-l3-b b-l4-t',
      's-l1-a a-l6-b b-l4-t',
      's-l3-b b-l6-a a-l2-t',
    ]);
    for (const p of ps) expect(new Set(p.assets).size).toBe(p.assets.length);
  });

  it('honours maxHops', () => {
    expect(m.allPaths('s', 't', 2).map((p) => p.assets)).toEqual([
      ['s', 't'],
      ['s', 'a', 't'],
      ['s', 'b', 't'],
    ]);
    expect(m.allPaths('s', 't', 1).map((p) => p.assets)).toEqual([['s', 't']]);
    expect(m.allPaths('a', 'b', 1).map((p) => p.assets)).toEqual([['a', 'b']]);
    expect(m.allPaths('s', 't', 0)).toEqual([]);
  });

  it('honours limit, keeping the shortest', () => {
    expect(m.allPaths('s', 't', 8, 2).map((p) => p.assets)).toEqual([
      ['s', 't'],
      ['s', 'a', 't'],
    ]);
    expect(m.allPaths('s', 't', 8, 1).map((p) => p.assets)).toEqual([['s', 't']]);
  });

  it('keeps the shortest path under a small limit even when many longer paths are met first', () => {
    // s - a - m1..m6 - t (six 3-hop paths through "a"), and a direct link s - t;
    // "a" sorts before "t", so a depth-first walk meets the long paths first
    const mids = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    const wide = new Model(
      inventory({
        assets: ['s', 'a', 't', ...mids].map((id) => asset(id)),
        links: [
          link('sa', 's', 'a'),
          link('st', 's', 't'),
          ...mids.flatMap((x) => [link(`a${x}`, 'a', x), link(`${x}t`, x, 't')]),
        ],
      }),
    );
    expect(wide.allPaths('s', 't', 8, 1).map((p) => p.assets)).toEqual([['s', 't']]);
    expect(wide.allPaths('s', 't', 8, 3).map((p) => p.assets)).toEqual([
      ['s', 't'],
      ['s', 'a', 'm1', 't'],
      ['s', 'a', 'm2', 't'],
    ]);
    const all = wide.allPaths('s', 't');
    // 1 direct and 6 through a middle asset (a path may not pass t or a twice)
    expect(all).toHaveLength(7);
    expect(all.map((p) => p.hops.length)).toEqual([1, 3, 3, 3, 3, 3, 3]);
  });

  it('lists parallel links as separate paths, ordered by link id', () => {
    const par = new Model(
      inventory({
        assets: ['s', 'm', 't'].map((id) => asset(id)),
        links: [link('z', 's', 'm'), link('y', 's', 'm'), link('x', 'm', 't'), link('w', 's', 't')],
      }),
    );
    expect(show(par.allPaths('s', 't'))).toEqual(['s-w-t', 's-y-m m-x-t', 's-z-m m-x-t']);
    expect(show(par.allPaths('s', 't', 8, 2))).toEqual(['s-w-t', 's-y-m m-x-t']);
  });

  it('follows links only in the direction data flows', () => {
    const dir = new Model(
      inventory({
        assets: ['s', 'a', 'b', 't'].map((id) => asset(id)),
        links: [
          link('l1', 's', 'a', { direction: 'forward' }),
          link('l2', 't', 'a', { direction: 'forward' }),
          link('l3', 's', 'b'),
          link('l4', 'b', 't', { direction: 'reverse' }),
        ],
      }),
    );
    // s -> a is allowed but a -> t is not (l2 runs t -> a); s -> b -> t: l4 reversed runs t -> b
    expect(dir.allPaths('s', 't')).toEqual([]);
    expect(show(dir.allPaths('t', 's'))).toEqual(['t-l4-b b-l3-s']);
    expect(show(dir.allPaths('t', 'a'))).toEqual(['t-l2-a', 't-l4-b b-l3-s s-l1-a']);
    expect(dir.allPaths('a', 's')).toEqual([]);
  });

  it('carries full evidence on every path', () => {
    const z = new Model(
      inventory({
        zones: [
          { id: 'ot', trust: 'closed' },
          { id: 'it', trust: 'internal' },
        ],
        conduits: [{ id: 'c-fw', zones: ['ot', 'it'], via: ['fw'] }],
        assets: [
          asset('plc', 'ot'),
          asset('fw', undefined, { kind: 'firewall', interfaces: [{ zone: 'ot' }, { zone: 'it' }] }),
          asset('erp', 'it'),
        ],
        links: [link('l1', 'plc', 'fw'), link('l2', 'fw', 'erp')],
      }),
    );
    expect(z.allPaths('plc', 'erp')).toEqual([
      {
        assets: ['plc', 'fw', 'erp'],
        hops: [
          { link: 'l1', from: 'plc', to: 'fw', medium: 'ethernet' },
          { link: 'l2', from: 'fw', to: 'erp', medium: 'ethernet' },
        ],
        zones: ['ot', 'it'],
        conduits: ['c-fw'],
      },
    ]);
  });

  it('returns nothing for unknown or unreachable assets', () => {
    expect(m.allPaths('s', 'nope')).toEqual([]);
    expect(m.allPaths('nope', 't')).toEqual([]);
    const two = new Model(inventory({ assets: [asset('a'), asset('b')] }));
    expect(two.allPaths('a', 'b')).toEqual([]);
  });

  it('agrees with shortestPath on the length of the first path', () => {
    expect(m.allPaths('a', 'b')[0]!.hops.length).toBe(m.shortestPath('a', 'b')!.hops.length);
    expect(m.allPaths('a', 'b')[0]!.assets).toEqual(['a', 'b']);
  });
});

describe('allPaths against brute force on random graphs', () => {
  /** Deterministic pseudo-random numbers (LCG), so failures reproduce. */
  function rng(seed: number): () => number {
    let x = seed >>> 0;
    return () => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x / 2 ** 32;
    };
  }

  /** Every simple path, from the links and their flow, sorted the documented way. */
  function brute(m: Model, from: string, to: string, maxHops: number): string[] {
    const out = new Map<string, { to: string; link: string }[]>();
    for (const l of m.links.values()) {
      const f = m.flowOf(l);
      if (f.forward) out.set(l.from, [...(out.get(l.from) ?? []), { to: l.to, link: l.id }]);
      if (f.backward) out.set(l.to, [...(out.get(l.to) ?? []), { to: l.from, link: l.id }]);
    }
    const paths: { assets: string[]; links: string[] }[] = [];
    const walk = (u: string, assets: string[], links: string[]) => {
      if (u === to) return void paths.push({ assets, links });
      if (links.length >= maxHops) return;
      for (const a of out.get(u) ?? []) if (!assets.includes(a.to)) walk(a.to, [...assets, a.to], [...links, a.link]);
    };
    walk(from, [from], []);
    const cmp = (a: string[], b: string[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
      return a.length - b.length;
    };
    paths.sort((a, b) => a.links.length - b.links.length || cmp(a.assets, b.assets) || cmp(a.links, b.links));
    return paths.map((p) => `${p.assets.join(',')}|${p.links.join(',')}`);
  }

  const key = (ps: PathEvidence[]) => ps.map((p) => `${p.assets.join(',')}|${p.hops.map((h) => h.link).join(',')}`);

  it('finds the same paths in the same order, and a prefix of them under a limit', () => {
    const directions = [undefined, undefined, 'forward', 'reverse'] as const;
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const n = 4 + Math.floor(r() * 4);
      const ids = Array.from({ length: n }, (_, i) => `n${(i * 7) % n}`);
      const links = Array.from({ length: n + Math.floor(r() * n * 1.5) }, (_, i) => {
        const a = ids[Math.floor(r() * n)]!;
        let b = ids[Math.floor(r() * n)]!;
        if (b === a) b = ids[(ids.indexOf(a) + 1) % n]!;
        const direction = directions[Math.floor(r() * directions.length)];
        return link(`k${String(i).padStart(2, '0')}`, a, b, direction ? { direction } : {});
      });
      const m = new Model(inventory({ assets: ids.map((id) => asset(id)), links }));
      const [from, to] = [ids[0]!, ids[n - 1]!];
      for (const maxHops of [1, 3, 8]) {
        const all = brute(m, from, to, maxHops);
        expect(key(m.allPaths(from, to, maxHops, 10_000)), `seed ${seed} maxHops ${maxHops}`).toEqual(all);
        for (const limit of [1, 2, 5])
          expect(key(m.allPaths(from, to, maxHops, limit)), `seed ${seed} limit ${limit}`).toEqual(all.slice(0, limit));
      }
    }
  });
});
