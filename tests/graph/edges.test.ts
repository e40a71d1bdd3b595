/**
 * The relations table (inventory/relations.ts) against the inventory schema, and the typed
 * edges (graph/edges.ts) and indexes (graph/indexes.ts) built from it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forEachReference, RELATIONS } from '../../src/inventory/relations.js';
import { typedEdges } from '../../src/graph/edges.js';
import { Model } from '../../src/graph/model.js';
import { asset, inventory, link } from './helpers.js';

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode };
const schema = JSON.parse(readFileSync(new URL('../../schemas/inventory.schema.json', import.meta.url), 'utf8')) as {
  definitions: Record<string, SchemaNode>;
};
const defs = schema.definitions;
const deref = (n: SchemaNode | undefined): SchemaNode | undefined =>
  n?.$ref && n.$ref !== '#/definitions/ref' && n.$ref !== '#/definitions/country'
    ? deref(defs[n.$ref.split('/').pop()!])
    : n;

/** Every field path in a definition whose value is an id (`#/definitions/ref`). */
function refPaths(n: SchemaNode | undefined, prefix: string, out: string[]): string[] {
  if (!n) return out;
  if (n.$ref === '#/definitions/ref') out.push(prefix);
  const d = deref(n);
  if (d !== n) return refPaths(d, prefix, out);
  if (n.items) refPaths(n.items, `${prefix}[]`, out);
  for (const [k, v] of Object.entries(n.properties ?? {})) refPaths(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

describe('relations table', () => {
  it('covers every id field of the inventory schema, and names only fields that exist', () => {
    const inSchema: string[] = [];
    for (const type of ['organization', 'site', 'room', 'zone', 'conduit', 'asset', 'link', 'person', 'policy']) {
      for (const p of refPaths({ properties: defs[type]!.properties }, '', [])) inSchema.push(`${type}.${p}`);
    }
    const checked = RELATIONS.filter((r) => r.check !== false).map((r) => `${r.from}.${r.field}`);
    expect(checked.sort()).toEqual(inSchema.sort());
  });

  it('finds each id with the object holding it and its key', () => {
    const conduit = { id: 'c', zones: ['a', 'b'], via: [], direction: { from: 'a', to: 'b' } };
    const seen: unknown[] = [];
    for (const r of RELATIONS.filter((x) => x.from === 'conduit'))
      forEachReference(conduit, r, (s, holder, key, id) =>
        seen.push([r.field, s === conduit, holder === conduit.zones || holder === conduit.direction, key, id]),
      );
    expect(seen).toEqual([
      ['zones[]', true, true, 0, 'a'],
      ['zones[]', true, true, 1, 'b'],
      ['direction.from', true, true, 'from', 'a'],
      ['direction.to', true, true, 'to', 'b'],
    ]);
  });
});

describe('typed edges', () => {
  it('come from the table, reversed and keyed as it says, with shares and links', () => {
    const inv = inventory({
      organizations: [{ id: 'o', type: 'vendor', country: 'CN', owners: [{ organization: 'p', share: 0.5 }] }],
      assets: [asset('a', 'z', { vendor: 'o', interfaces: [{ zone: 'y' }] }), asset('b')],
      links: [link('l', 'a', 'b')],
      people: [{ id: 't', employer: 'o', access: [{ target: 'a' }] }],
    });
    const edges = typedEdges(inv).map(
      (e) =>
        `${e.v} -${e.name}-> ${e.w}${e.label.share !== undefined ? ` ${e.label.share}` : ''}${e.label.link ? ` ${e.label.link}` : ''}`,
    );
    expect(edges.sort()).toEqual(
      [
        'o -based-in-> jurisdiction:CN',
        'o -owned-by:p-> p 0.5',
        'a -supplied-by-> o',
        'a -in-zone:z-> z',
        'a -in-zone:y-> y',
        'o -employs-> t',
        't -may-access:a-> a',
        'a -l-> b l',
      ].sort(),
    );
  });
});

describe('indexes', () => {
  it('are built once, on first use, from the model', () => {
    const m = new Model(
      inventory({
        organizations: [{ id: 'v', type: 'vendor' }],
        rooms: [{ id: 'r', site: 's', kind: 'server-room' }],
        assets: [
          asset('a', 'z', { room: 'r', vendor: 'v', criticality: 'high' }),
          asset('b', 'z', { room: 'r', maintainer: 'v', criticality: 'critical' }),
          asset('c', undefined, { site: 's', criticality: 'low' }),
        ],
        links: [link('l', 'a', 'b', { purpose: 'remote-maintenance' })],
        people: [{ id: 'p', employer: 'v' }],
      }),
    );
    const ix = m.indexes.byReference;
    expect(m.indexes.byReference).toBe(ix);
    expect(ix.byRoom.get('r')!.map((a) => a.id)).toEqual(['a', 'b']);
    expect(ix.byVendor.get('v')!.map((a) => a.id)).toEqual(['a']);
    expect(ix.byMaintainer.get('v')!.map((a) => a.id)).toEqual(['b']);
    expect(ix.roomsBySite.get('s')!.map((r) => r.id)).toEqual(['r']);
    expect(m.indexes.remoteAccess.linksByOrg.get('v')).toEqual(['l']);
    expect(m.indexes.remoteAccess.peopleByEmployer.get('v')!.map((p) => p.id)).toEqual(['p']);
    expect(m.indexes.highestCriticality.byRoom.get('r')).toBe('critical');
    expect(m.indexes.highestCriticality.bySite.get('s')).toBe('critical');
    expect(m.indexes.assetsByZone.get('z')!.map((a) => a.id)).toEqual(['a', 'b']);
    expect(m.indexes.incomingAssets).toEqual([[1], [0], []]);
  });
});
