/**
 * reachable with more source zones than target groups searches backwards from each group once.
 * Its answers must be those of a forward search: the same zones reported, paths as short.
 */
import { describe, expect, it } from 'vitest';
import { runRule, yaml } from '../helpers.js';

// Three closed zones; two reach the internet (one in 1 hop, one in 3), one through a diode
// that points the wrong way for it, so it cannot.
const inventory = yaml`
  seglint: 1
  zones:
    - { id: c1, trust: closed }
    - { id: c2, trust: closed }
    - { id: c3, trust: closed }
    - { id: office, trust: internal }
    - { id: net, trust: internet }
  conduits:
    - { id: cd-diode, zones: [office, c3], via: [diode], direction: { from: office, to: c3 } }
  assets:
    - { id: a1, kind: server, zone: c1 }
    - { id: a2, kind: server, zone: c1 }
    - { id: b1, kind: server, zone: c2 }
    - { id: b2, kind: server, zone: c2 }
    - { id: c3-plc, kind: plc, zone: c3 }
    - { id: diode, kind: data-diode, interfaces: [{ zone: office }, { zone: c3 }] }
    - { id: o1, kind: workstation, zone: office }
    - { id: o2, kind: router, zone: office }
    - { id: web, kind: external-endpoint, zone: net }
  links:
    - { id: l-a1-web, from: a1, to: web, medium: mobile }
    - { id: l-a2-o1, from: a2, to: o1, medium: ethernet }
    - { id: l-b1-b2, from: b1, to: b2, medium: ethernet }
    - { id: l-b2-o1, from: b2, to: o1, medium: ethernet }
    - { id: l-o1-o2, from: o1, to: o2, medium: ethernet }
    - { id: l-o2-web, from: o2, to: web, medium: ethernet }
    - { id: l-plc-diode, from: c3-plc, to: diode, medium: ethernet }
    - { id: l-diode-o1, from: diode, to: o1, medium: ethernet }
`;

describe('reachable, backward mode', () => {
  it('reports each closed zone that reaches the internet once, with a shortest path', () => {
    const { findings } = runRule('closed-zone-external-path', inventory);
    const byZone = Object.fromEntries(
      findings.map((f) => [f.entity.id, (f.evidence.path as { assets: string[] }).assets]),
    );
    expect(Object.keys(byZone).sort()).toEqual(['c1', 'c2']);
    expect(byZone.c1).toEqual(['a1', 'web']); // a1 is one hop away; a2 would take three
    expect(byZone.c2).toEqual(['b2', 'o1', 'o2', 'web']);
    for (const f of findings) expect(f.data.targetZone).toBe('net');
  });
});
