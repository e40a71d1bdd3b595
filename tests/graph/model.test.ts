import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Model, buildModel } from '../../src/graph/model.js';
import { nodeKey, type EdgeLabel } from '../../src/graph/edges.js';
import { entityGraph } from '../../src/diagram/entity-graph.js';
import { loadInventory } from '../../src/inventory/load.js';
import { asset, inventory, link } from './helpers.js';

/** A port in miniature: every kind of entity and every kind of edge. */
function port(): Model {
  return new Model(
    inventory({
      jurisdictions: [{ country: 'CN', intelligenceCooperationLaw: true }],
      organizations: [
        { id: 'cnnc', type: 'state-enterprise', country: 'CN' },
        { id: 'tongfang', type: 'holding', country: 'CN', owners: [{ organization: 'cnnc', share: 0.21 }] },
        { id: 'nuctech', type: 'vendor', country: 'CN', owners: [{ organization: 'tongfang', share: 0.76 }] },
        { id: 'customs', type: 'operator', country: 'NL' },
      ],
      sites: [{ id: 'maasvlakte', kind: 'port', operator: 'customs' }],
      rooms: [{ id: 'server-room', site: 'maasvlakte', kind: 'server-room' }],
      zones: [
        { id: 'scan', trust: 'closed', site: 'maasvlakte' },
        { id: 'scan-ot', trust: 'closed', parent: 'scan' },
        { id: 'office', trust: 'internal' },
      ],
      conduits: [{ id: 'c-fw', zones: ['scan-ot', 'office'], via: ['fw-1'] }],
      assets: [
        asset('scanner-1', 'scan-ot', {
          kind: 'cargo-scanner',
          vendor: 'nuctech',
          maintainer: 'nuctech',
          owner: 'customs',
          site: 'maasvlakte',
        }),
        asset('server-1', 'scan-ot', { room: 'server-room' }),
        asset('fw-1', undefined, { kind: 'firewall', interfaces: [{ zone: 'scan-ot' }, { zone: 'office' }] }),
        asset('ws-1', 'office'),
      ],
      links: [
        link('l-1', 'scanner-1', 'server-1'),
        link('l-2', 'server-1', 'fw-1'),
        link('l-3', 'fw-1', 'ws-1'),
        link('l-4', 'fw-1', 'ws-1', { medium: 'fiber' }),
      ],
      people: [
        {
          id: 'tech-1',
          employer: 'nuctech',
          access: [{ target: 'scanner-1' }, { target: 'server-room', escorted: true }],
        },
      ],
    }),
  );
}

function edgeLabel(m: Model, v: string, w: string, name: string): EdgeLabel | undefined {
  return entityGraph(m).edge(v, w, name) as EdgeLabel | undefined;
}

/** Every edge of the graph as "v -type-> w" (plus share or link), sorted. */
function edgeList(m: Model): string[] {
  return entityGraph(m)
    .edges()
    .map((e) => {
      const l = entityGraph(m).edge(e) as EdgeLabel;
      const extra = l.share !== undefined ? ` share=${l.share}` : l.link !== undefined ? ` link=${l.link}` : '';
      return `${e.v} -${l.type}-> ${e.w}${extra}`;
    })
    .sort();
}

describe('Model graph: nodes', () => {
  it('has one node per entity, typed, with its data', () => {
    const m = port();
    expect(entityGraph(m).isMultigraph()).toBe(true);
    expect(entityGraph(m).isDirected()).toBe(true);
    const types = Object.fromEntries(
      entityGraph(m)
        .nodes()
        .map((n) => [n, entityGraph(m).node(n)!.type]),
    );
    expect(types).toEqual({
      'jurisdiction:CN': 'jurisdiction',
      cnnc: 'organization',
      tongfang: 'organization',
      nuctech: 'organization',
      customs: 'organization',
      maasvlakte: 'site',
      'server-room': 'room',
      scan: 'zone',
      'scan-ot': 'zone',
      office: 'zone',
      'c-fw': 'conduit',
      'scanner-1': 'asset',
      'server-1': 'asset',
      'fw-1': 'asset',
      'ws-1': 'asset',
      'tech-1': 'person',
    });
    const scanner = entityGraph(m).node('scanner-1')!;
    expect(scanner.id).toBe('scanner-1');
    expect(scanner.data).toBe(m.assets.get('scanner-1'));
    expect(entityGraph(m).node(nodeKey('jurisdiction', 'CN'))!.id).toBe('CN');
    expect(nodeKey('asset', 'x')).toBe('x');
    expect(nodeKey('jurisdiction', 'NL')).toBe('jurisdiction:NL');
  });

  it('names the type of an entity by id', () => {
    const m = port();
    expect(
      ['cnnc', 'maasvlakte', 'server-room', 'scan', 'c-fw', 'fw-1', 'tech-1', 'l-1', 'CN'].map((id) => m.typeOf(id)),
    ).toEqual(['organization', 'site', 'room', 'zone', 'conduit', 'asset', 'person', undefined, undefined]);
  });

  it('indexes entities by id', () => {
    const m = port();
    expect([...m.assets.keys()]).toEqual(['scanner-1', 'server-1', 'fw-1', 'ws-1']);
    expect([...m.links.keys()]).toEqual(['l-1', 'l-2', 'l-3', 'l-4']);
    expect(m.organizations.get('nuctech')?.type).toBe('vendor');
    expect(m.people.get('tech-1')?.employer).toBe('nuctech');
    expect(m.jurisdictions.get('CN')?.intelligenceCooperationLaw).toBe(true);
    expect(m.conduits.get('c-fw')?.via).toEqual(['fw-1']);
  });
});

describe('Model graph: edges', () => {
  it('has exactly the expected typed edges', () => {
    expect(edgeList(port())).toEqual(
      [
        'c-fw -joins-> office',
        'c-fw -joins-> scan-ot',
        'c-fw -via-> fw-1',
        'cnnc -based-in-> jurisdiction:CN',
        'fw-1 -in-zone-> office',
        'fw-1 -in-zone-> scan-ot',
        'fw-1 -link-> ws-1 link=l-3',
        'fw-1 -link-> ws-1 link=l-4',
        'maasvlakte -operated-by-> customs',
        'nuctech -based-in-> jurisdiction:CN',
        'nuctech -employs-> tech-1',
        'nuctech -owned-by-> tongfang share=0.76',
        'scan -at-site-> maasvlakte',
        'scan-ot -child-of-> scan',
        'scanner-1 -at-site-> maasvlakte',
        'scanner-1 -in-zone-> scan-ot',
        'scanner-1 -link-> server-1 link=l-1',
        'scanner-1 -maintained-by-> nuctech',
        'scanner-1 -owned-by-> customs',
        'scanner-1 -supplied-by-> nuctech',
        'server-1 -in-room-> server-room',
        'server-1 -in-zone-> scan-ot',
        'server-1 -link-> fw-1 link=l-2',
        'server-room -at-site-> maasvlakte',
        'tech-1 -may-access-> scanner-1',
        'tech-1 -may-access-> server-room',
        'tongfang -based-in-> jurisdiction:CN',
        'tongfang -owned-by-> cnnc share=0.21',
        'ws-1 -in-zone-> office',
      ].sort(),
    );
  });

  it('names edges so that each can be looked up', () => {
    const m = port();
    expect(edgeLabel(m, 'scanner-1', 'scan-ot', 'in-zone:scan-ot')).toEqual({ type: 'in-zone' });
    expect(edgeLabel(m, 'server-1', 'server-room', 'in-room')).toEqual({ type: 'in-room' });
    expect(edgeLabel(m, 'server-room', 'maasvlakte', 'at-site')).toEqual({ type: 'at-site' });
    expect(edgeLabel(m, 'scanner-1', 'nuctech', 'supplied-by')).toEqual({ type: 'supplied-by' });
    expect(edgeLabel(m, 'scanner-1', 'nuctech', 'maintained-by')).toEqual({ type: 'maintained-by' });
    expect(edgeLabel(m, 'nuctech', 'tongfang', 'owned-by:tongfang')).toEqual({ type: 'owned-by', share: 0.76 });
    expect(edgeLabel(m, 'tongfang', 'cnnc', 'owned-by:cnnc')).toEqual({ type: 'owned-by', share: 0.21 });
    expect(edgeLabel(m, 'nuctech', 'tech-1', 'employs')).toEqual({ type: 'employs' });
    expect(edgeLabel(m, 'tech-1', 'server-room', 'may-access:server-room')).toEqual({ type: 'may-access' });
    expect(edgeLabel(m, 'c-fw', 'office', 'joins:office')).toEqual({ type: 'joins' });
    expect(edgeLabel(m, 'c-fw', 'fw-1', 'via:fw-1')).toEqual({ type: 'via' });
    // two links between the same pair of assets are two edges
    expect(edgeLabel(m, 'fw-1', 'ws-1', 'l-3')).toEqual({ type: 'link', link: 'l-3' });
    expect(edgeLabel(m, 'fw-1', 'ws-1', 'l-4')).toEqual({ type: 'link', link: 'l-4' });
    expect(entityGraph(m).outEdges('fw-1', 'ws-1')).toHaveLength(2);
  });

  it('skips edges to entities that are not in the inventory', () => {
    const m = new Model(
      inventory({
        assets: [asset('a', 'nowhere', { vendor: 'ghost' })],
        links: [link('l', 'a', 'missing')],
      }),
    );
    expect(entityGraph(m).edgeCount()).toBe(0);
    expect(entityGraph(m).nodes()).toEqual(['a']);
    expect(m.linksOf('a')).toEqual([]);
    expect(m.links.has('l')).toBe(true);
  });
});

describe('Model helpers', () => {
  it('zonesOf lists the zone and interface zones, sorted and without repeats', () => {
    const m = new Model(
      inventory({
        zones: [
          { id: 'z-b', trust: 'internal' },
          { id: 'z-a', trust: 'dmz' },
          { id: 'z-c', trust: 'closed' },
        ],
        assets: [
          asset('multi', 'z-b', { interfaces: [{ zone: 'z-c' }, { zone: 'z-a' }, { zone: 'z-b' }] }),
          asset('none'),
        ],
      }),
    );
    expect(m.zonesOf('multi')).toEqual(['z-a', 'z-b', 'z-c']);
    expect(m.zonesOf('none')).toEqual([]);
    expect(m.zonesOf('unknown')).toEqual([]);
    expect(m.trustOf('multi')).toBe('closed');
    expect(m.lowestTrustOf('multi')).toBe('dmz');
    expect(m.trustOf('none')).toBeUndefined();
    expect(m.assetsInZone('z-a').map((a) => a.id)).toEqual(['multi']);
    expect(m.assetsInZone('z-x')).toEqual([]);
  });

  it('assetsInZone keeps inventory order and counts interfaces', () => {
    const m = port();
    expect(m.assetsInZone('scan-ot').map((a) => a.id)).toEqual(['scanner-1', 'server-1', 'fw-1']);
    expect(m.assetsInZone('office').map((a) => a.id)).toEqual(['fw-1', 'ws-1']);
    // a parent zone holds no assets directly
    expect(m.assetsInZone('scan')).toEqual([]);
  });

  it('zoneAncestry walks parents innermost first and survives a parent cycle', () => {
    expect(port().zoneAncestry('scan-ot')).toEqual(['scan-ot', 'scan']);
    expect(port().zoneAncestry('office')).toEqual(['office']);
    expect(port().zoneAncestry('nope')).toEqual([]);
    const m = new Model(
      inventory({
        zones: [
          { id: 'a', trust: 'internal', parent: 'b' },
          { id: 'b', trust: 'internal', parent: 'c' },
          { id: 'c', trust: 'internal', parent: 'a' },
        ],
      }),
    );
    expect(m.zoneAncestry('a')).toEqual(['a', 'b', 'c']);
  });

  it('siteOf takes the asset site, else its room site', () => {
    const m = port();
    expect(m.siteOf(m.assets.get('scanner-1')!)).toBe('maasvlakte');
    expect(m.siteOf(m.assets.get('server-1')!)).toBe('maasvlakte');
    expect(m.siteOf(m.assets.get('ws-1')!)).toBeUndefined();
    const own = new Model(
      inventory({
        sites: [
          { id: 's1', kind: 'port' },
          { id: 's2', kind: 'airport' },
        ],
        rooms: [{ id: 'r', site: 's1', kind: 'server-room' }],
        assets: [asset('a', undefined, { room: 'r', site: 's2' })],
      }),
    );
    expect(own.siteOf(own.assets.get('a')!)).toBe('s2');
  });

  it('linksOf lists links at either end; conduitsVia lists conduits a filtering asset serves', () => {
    const m = port();
    expect(m.linksOf('fw-1').map((l) => l.id)).toEqual(['l-2', 'l-3', 'l-4']);
    expect(m.linksOf('scanner-1').map((l) => l.id)).toEqual(['l-1']);
    expect(m.conduitsVia('fw-1').map((c) => c.id)).toEqual(['c-fw']);
    expect(m.conduitsVia('ws-1')).toEqual([]);
  });
});

describe('Model from a loaded YAML inventory', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seglint-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds from loadInventory and carries source positions on nodes', () => {
    const file = path.join(dir, 'inv.yaml');
    writeFileSync(
      file,
      [
        'seglint: 1',
        'name: mini',
        'zones:',
        '  - id: ot',
        '    trust: closed',
        '  - id: it',
        '    trust: internal',
        'assets:',
        '  - id: plc',
        '    kind: plc',
        '    zone: ot',
        '  - id: hist',
        '    kind: server',
        '    zone: it',
        'links:',
        '  - id: l-1',
        '    from: plc',
        '    to: hist',
        '    medium: ethernet',
        '    direction: forward',
        '',
      ].join('\n'),
    );
    const { inventory: inv, positions } = loadInventory([file], { cwd: dir });
    const m = buildModel(inv, positions);
    expect(entityGraph(m).node('plc')!.location).toMatchObject({ line: 9, column: 5 });
    expect(entityGraph(m).node('hist')!.location).toMatchObject({ line: 12, column: 5 });
    expect(m.locate(m.links.get('l-1')!, 'direction')).toMatchObject({ line: 20, column: 5 });
    expect(m.shortestPath('plc', 'hist')?.hops.map((h) => h.link)).toEqual(['l-1']);
    expect(m.shortestPath('hist', 'plc')).toBeUndefined();
  });
});
