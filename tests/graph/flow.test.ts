import { describe, expect, it } from 'vitest';
import { Model } from '../../src/graph/model.js';
import type { Conduit, Link } from '../../src/inventory/types.js';
import { asset, chain, inventory, link } from './helpers.js';

const OT_IT = [
  { id: 'ot', trust: 'closed' as const },
  { id: 'it', trust: 'internal' as const },
];

describe('reach over multi-hop chains', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const m = new Model(inventory({ assets: ids.map((id) => asset(id)), links: chain(ids) }));

  it('finds a 4-hop path with the exact hop list, in the direction of travel', () => {
    const r = m.reach(['a']);
    expect(r.reachedIds()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(r.distance('a')).toBe(0);
    expect(r.distance('e')).toBe(4);
    const p = r.pathTo('e')!;
    expect(p.assets).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(p.hops).toEqual([
      { link: 'l1', from: 'a', to: 'b', medium: 'ethernet' },
      { link: 'l2', from: 'b', to: 'c', medium: 'ethernet' },
      { link: 'l3', from: 'c', to: 'd', medium: 'ethernet' },
      { link: 'l4', from: 'd', to: 'e', medium: 'ethernet' },
    ]);
    expect(p.zones).toEqual([]);
    expect(p.conduits).toEqual([]);
  });

  it('walks links backwards when they carry data both ways, and names hops by travel', () => {
    const p = m.shortestPath('e', 'b')!;
    expect(p.assets).toEqual(['e', 'd', 'c', 'b']);
    expect(p.hops.map((h) => `${h.link}:${h.from}->${h.to}`)).toEqual(['l4:e->d', 'l3:d->c', 'l2:c->b']);
  });

  it('a source is reached at distance 0 with an empty path; unknown assets are not reached', () => {
    const r = m.reach(['c', 'nope', 'c']);
    expect(r.pathTo('c')).toEqual({ assets: ['c'], hops: [], zones: [], conduits: [] });
    expect(r.reached('nope')).toBe(false);
    expect(r.distance('nope')).toBe(-1);
    expect(r.pathTo('nope')).toBeUndefined();
  });

  it('takes the shortest path when a longer one is declared first, and keeps purpose and medium', () => {
    const m2 = new Model(
      inventory({
        assets: ['a', 'b', 'c', 'd'].map((id) => asset(id)),
        links: [
          ...chain(['a', 'b', 'c', 'd']),
          link('short', 'a', 'd', { medium: 'mobile', purpose: 'remote-maintenance' }),
        ],
      }),
    );
    const p = m2.shortestPath('a', 'd')!;
    expect(p.assets).toEqual(['a', 'd']);
    expect(p.hops).toEqual([{ link: 'short', from: 'a', to: 'd', medium: 'mobile', purpose: 'remote-maintenance' }]);
  });

  it('multi-source search measures from the nearest source', () => {
    const r = m.reach(['a', 'e']);
    expect(r.distance('b')).toBe(1);
    expect(r.distance('d')).toBe(1);
    expect(r.distance('c')).toBe(2);
    expect(r.pathTo('d')!.assets).toEqual(['e', 'd']);
    expect(r.reachedIds().slice(0, 2)).toEqual(['a', 'e']);
  });

  it('does not cross assets that have no link', () => {
    const m3 = new Model(
      inventory({ assets: [asset('a'), asset('b'), asset('island')], links: [link('l', 'a', 'b')] }),
    );
    expect(m3.reach(['a']).reached('island')).toBe(false);
    expect(m3.shortestPath('a', 'island')).toBeUndefined();
  });
});

describe('link.direction', () => {
  const build = (direction?: Link['direction']) =>
    new Model(
      inventory({ assets: [asset('a'), asset('b')], links: [link('l', 'a', 'b', direction ? { direction } : {})] }),
    );

  it.each([
    [undefined, true, true],
    ['both', true, true],
    ['forward', true, false],
    ['reverse', false, true],
  ] as const)('direction %s: forward %s, backward %s', (direction, forward, backward) => {
    const m = build(direction);
    expect(m.flowOf(m.links.get('l')!)).toEqual({ forward, backward });
    expect(m.reach(['a']).reached('b')).toBe(forward);
    expect(m.reach(['b']).reached('a')).toBe(backward);
  });

  it('reverse: the hop runs from the link’s `to` end to its `from` end', () => {
    const p = build('reverse').shortestPath('b', 'a')!;
    expect(p.hops).toEqual([{ link: 'l', from: 'b', to: 'a', medium: 'ethernet' }]);
  });

  it('one forward link in the middle of a chain cuts the way back', () => {
    const links = chain(['a', 'b', 'c', 'd']);
    links[1] = { ...links[1]!, direction: 'forward' };
    const m = new Model(inventory({ assets: ['a', 'b', 'c', 'd'].map((id) => asset(id)), links }));
    expect(m.shortestPath('a', 'd')!.assets).toEqual(['a', 'b', 'c', 'd']);
    expect(m.shortestPath('d', 'a')).toBeUndefined();
    expect(m.reach(['d']).reachedIds().sort()).toEqual(['c', 'd']);
  });
});

describe('one-way conduit on a link', () => {
  const oneWay: Conduit = { id: 'c-1w', zones: ['ot', 'it'], via: [], direction: { from: 'ot', to: 'it' } };
  const build = (l: Link, conduit: Conduit = oneWay) =>
    new Model(
      inventory({ zones: OT_IT, conduits: [conduit], assets: [asset('plc', 'ot'), asset('erp', 'it')], links: [l] }),
    );

  it('lets data flow from the conduit’s `from` zone to its `to` zone only', () => {
    const m = build(link('l', 'plc', 'erp', { conduit: 'c-1w' }));
    expect(m.flowOf(m.links.get('l')!)).toEqual({ forward: true, backward: false });
    const p = m.shortestPath('plc', 'erp')!;
    expect(p.hops).toEqual([{ link: 'l', from: 'plc', to: 'erp', medium: 'ethernet', conduit: 'c-1w' }]);
    expect(p.conduits).toEqual(['c-1w']);
    expect(p.zones).toEqual(['ot', 'it']);
    expect(m.shortestPath('erp', 'plc')).toBeUndefined();
  });

  it('blocks the reverse direction whichever way round the link is declared', () => {
    const m = build(link('l', 'erp', 'plc', { conduit: 'c-1w' }));
    expect(m.flowOf(m.links.get('l')!)).toEqual({ forward: false, backward: true });
    expect(m.shortestPath('plc', 'erp')!.hops).toEqual([
      { link: 'l', from: 'plc', to: 'erp', medium: 'ethernet', conduit: 'c-1w' },
    ]);
    expect(m.shortestPath('erp', 'plc')).toBeUndefined();
  });

  it('a link direction against the conduit direction carries nothing', () => {
    const m = build(link('l', 'erp', 'plc', { conduit: 'c-1w', direction: 'forward' }));
    expect(m.flowOf(m.links.get('l')!)).toEqual({ forward: false, backward: false });
    expect(m.reach(['plc', 'erp']).reachedIds()).toEqual(['plc', 'erp']);
  });

  it('a conduit without direction is two-way', () => {
    const m = build(link('l', 'plc', 'erp', { conduit: 'c-2w' }), { id: 'c-2w', zones: ['ot', 'it'], via: [] });
    expect(m.flowOf(m.links.get('l')!)).toEqual({ forward: true, backward: true });
    expect(m.shortestPath('erp', 'plc')!.conduits).toEqual(['c-2w']);
  });
});

describe('data diode', () => {
  const diodeConduit: Conduit = {
    id: 'c-diode',
    zones: ['ot', 'it'],
    via: ['diode'],
    direction: { from: 'ot', to: 'it' },
  };
  const build = (
    links: Link[],
    diodeZones: { zone?: string; interfaces?: { zone: string }[] } = { interfaces: [{ zone: 'ot' }, { zone: 'it' }] },
    conduit = diodeConduit,
  ) =>
    new Model(
      inventory({
        zones: OT_IT,
        conduits: [conduit],
        assets: [
          asset('plc', 'ot'),
          asset('hist', 'ot'),
          asset('diode', undefined, { kind: 'data-diode', ...diodeZones }),
          asset('erp', 'it'),
          asset('ws', 'it'),
        ],
        links,
      }),
    );
  const declarations: [string, Link[]][] = [
    [
      'declared along the flow',
      [
        link('l-ot', 'plc', 'diode'),
        link('l-it', 'diode', 'erp'),
        link('l-h', 'hist', 'plc'),
        link('l-w', 'erp', 'ws'),
      ],
    ],
    [
      'declared against the flow',
      [
        link('l-ot', 'diode', 'plc'),
        link('l-it', 'erp', 'diode'),
        link('l-h', 'plc', 'hist'),
        link('l-w', 'ws', 'erp'),
      ],
    ],
  ];

  it.each(declarations)('lets data flow OT -> IT through the diode (%s)', (_, links) => {
    const m = build(links);
    const p = m.shortestPath('hist', 'ws')!;
    expect(p.assets).toEqual(['hist', 'plc', 'diode', 'erp', 'ws']);
    expect(p.hops.map((h) => `${h.link}:${h.from}->${h.to}`)).toEqual([
      'l-h:hist->plc',
      'l-ot:plc->diode',
      'l-it:diode->erp',
      'l-w:erp->ws',
    ]);
    expect(p.conduits).toEqual(['c-diode']);
    expect(p.zones).toEqual(['ot', 'it']);
  });

  it.each(declarations)('never lets data flow IT -> OT (%s)', (_, links) => {
    const m = build(links);
    const fromIt = m.reach(['erp', 'ws']);
    expect(fromIt.reachedIds().sort()).toEqual(['erp', 'ws']);
    expect(m.shortestPath('ws', 'hist')).toBeUndefined();
    // the diode itself sends into IT only
    expect(m.reach(['diode']).reachedIds().sort()).toEqual(['diode', 'erp', 'ws']);
    expect(m.allPaths('erp', 'plc')).toEqual([]);
  });

  it('works when the diode asset sits in no zone of its own', () => {
    const m = build(declarations[0]![1], {});
    expect(m.shortestPath('plc', 'erp')!.assets).toEqual(['plc', 'diode', 'erp']);
    expect(m.shortestPath('erp', 'plc')).toBeUndefined();
  });

  it('a diode whose conduit has no direction filters nothing', () => {
    const m = build(declarations[0]![1], undefined, { id: 'c-diode', zones: ['ot', 'it'], via: ['diode'] });
    expect(m.shortestPath('erp', 'plc')!.assets).toEqual(['erp', 'diode', 'plc']);
  });

  it('a bypass link around the diode lets data back into OT', () => {
    const m = build([...declarations[0]![1], link('bypass', 'ws', 'hist', { medium: 'mobile' })]);
    const p = m.shortestPath('erp', 'plc')!;
    expect(p.assets).toEqual(['erp', 'ws', 'hist', 'plc']);
    expect(p.conduits).toEqual([]);
  });
});

describe('firewall conduit in evidence', () => {
  const m = new Model(
    inventory({
      zones: [
        { id: 'scan', trust: 'closed' },
        { id: 'office', trust: 'internal' },
        { id: 'internet', trust: 'internet' },
      ],
      conduits: [
        { id: 'c-fw', zones: ['scan', 'office'], via: ['fw-1'] },
        { id: 'c-net', zones: ['office', 'internet'], via: [] },
      ],
      assets: [
        asset('scanner', 'scan'),
        asset('fw-1', undefined, { kind: 'firewall', interfaces: [{ zone: 'scan' }, { zone: 'office' }] }),
        asset('ws', 'office'),
        asset('router', 'office'),
        asset('cloud', 'internet'),
      ],
      links: [
        link('l-1', 'scanner', 'fw-1'),
        link('l-2', 'fw-1', 'ws'),
        link('l-3', 'ws', 'router'),
        link('l-4', 'router', 'cloud', { conduit: 'c-net', medium: 'fiber' }),
      ],
    }),
  );

  it('lists the firewall’s conduit and the zones crossed', () => {
    const p = m.shortestPath('scanner', 'ws')!;
    expect(p.assets).toEqual(['scanner', 'fw-1', 'ws']);
    expect(p.conduits).toEqual(['c-fw']);
    expect(p.zones).toEqual(['scan', 'office']);
  });

  it('lists conduits on links too, each once', () => {
    const p = m.shortestPath('scanner', 'cloud')!;
    expect(p.hops.map((h) => h.conduit)).toEqual([undefined, undefined, undefined, 'c-net']);
    expect([...p.conduits].sort()).toEqual(['c-fw', 'c-net']);
    expect(p.zones).toEqual(['scan', 'office', 'internet']);
  });

  it('a path that avoids the firewall lists no conduit', () => {
    expect(m.shortestPath('ws', 'router')!.conduits).toEqual([]);
  });
});

describe('reach options', () => {
  // a - b - c - d - e, and a detour a - x - y - d over a mobile link
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const m = new Model(
    inventory({
      assets: [...ids, 'x', 'y'].map((id) => asset(id, undefined, id === 'c' ? { kind: 'firewall' } : {})),
      links: [...chain(ids), link('m1', 'a', 'x', { medium: 'mobile' }), link('m2', 'x', 'y'), link('m3', 'y', 'd')],
    }),
  );

  it('maxHops bounds the number of links on a path', () => {
    const r = m.reach(['a'], { maxHops: 2 });
    expect(r.reachedIds().sort()).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect(r.distance('c')).toBe(2);
    expect(r.pathTo('d')).toBeUndefined();
    expect(m.reach(['a'], { maxHops: 3 }).pathTo('d')!.assets).toEqual(['a', 'b', 'c', 'd']);
    expect(m.reach(['a'], { maxHops: 0 }).reachedIds()).toEqual(['a']);
  });

  it('followLink skips links, gets them in the direction of travel', () => {
    const calls: string[] = [];
    const r = m.reach(['a'], {
      followLink: (l, from, to) => {
        calls.push(`${l.id}:${from}->${to}`);
        return l.medium !== 'mobile';
      },
    });
    expect(r.reached('x')).toBe(true); // still reached the long way round
    expect(r.pathTo('x')!.assets).toEqual(['a', 'b', 'c', 'd', 'y', 'x']);
    expect(calls).toContain('m1:a->x');
    expect(calls).toContain('m3:d->y');
    expect(calls).not.toContain('m1:x->a');
  });

  it('enterAsset keeps the search out of an asset, which then takes the detour', () => {
    const r = m.reach(['a'], { enterAsset: (id) => id !== 'c' });
    expect(r.reached('c')).toBe(false);
    expect(r.pathTo('e')!.assets).toEqual(['a', 'x', 'y', 'd', 'e']);
    expect(r.pathTo('e')!.hops.map((h) => h.link)).toEqual(['m1', 'm2', 'm3', 'l4']);
  });

  it('stopAt reaches an asset but does not go on from it; a source is never stopped', () => {
    const isFirewall = (id: string) => m.assets.get(id)?.kind === 'firewall';
    const r = m.reach(['a'], { stopAt: isFirewall, followLink: (l) => l.medium !== 'mobile' });
    expect(r.reachedIds().sort()).toEqual(['a', 'b', 'c']);
    expect(r.pathTo('c')!.assets).toEqual(['a', 'b', 'c']);
    const fromFw = m.reach(['c'], { stopAt: isFirewall });
    expect(fromFw.reachedIds().sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'x', 'y']);
  });

  it('shortestPath honours the options', () => {
    expect(m.shortestPath('a', 'e')!.assets).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(m.shortestPath('a', 'e', { maxHops: 3 })).toBeUndefined();
    expect(m.shortestPath('a', 'e', { enterAsset: (id) => id !== 'd' })).toBeUndefined();
  });
});
