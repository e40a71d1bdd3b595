/** Unit test of the link attribute `$filteredBy` (src/rules/attributes.ts). */
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/graph/model.js';
import { EntityView } from '../../src/rules/attributes.js';
import { asset, inventory, link } from '../graph/helpers.js';

function model(): Model {
  return new Model(
    inventory({
      zones: [
        { id: 'plant', trust: 'restricted' },
        { id: 'plant-cell', trust: 'restricted', parent: 'plant' },
        { id: 'office', trust: 'internal' },
        { id: 'guest', trust: 'internet' },
      ],
      conduits: [
        { id: 'c-plant-office', zones: ['plant', 'office'], via: ['fw-1'] },
        { id: 'c-spare', zones: ['plant', 'office'], via: ['fw-2'] },
      ],
      assets: [
        asset('plc-1', 'plant-cell', { kind: 'plc' }),
        asset('fw-1', undefined, { kind: 'firewall', interfaces: [{ zone: 'plant' }, { zone: 'office' }] }),
        asset('fw-2', 'plant', { kind: 'firewall' }),
        asset('ws-1', 'office'),
        asset('laptop-1', 'guest'),
        asset('sw-1', 'plant'),
      ],
      links: [
        link('l-plc-fw', 'plc-1', 'fw-1'),
        link('l-fw-ws', 'fw-1', 'ws-1'),
        link('l-ws-fw2', 'ws-1', 'fw-2'),
        link('l-fw-guest', 'fw-1', 'laptop-1'),
        link('l-sw-ws', 'sw-1', 'ws-1', { conduit: 'c-plant-office' }),
      ],
    }),
  );
}

const filteredBy = (m: Model, id: string) =>
  new EntityView({ type: 'link', id, obj: m.links.get(id)! }, m).get('$filteredBy');

describe('link $filteredBy', () => {
  const m = model();
  it("lists the conduit whose filtering asset is an end and which joins the other end's zone", () => {
    expect(filteredBy(m, 'l-fw-ws')).toEqual(['c-plant-office']);
    // the other end is either end: the filter may be the `to` asset
    expect(filteredBy(m, 'l-ws-fw2')).toEqual(['c-spare']);
  });
  it('counts a zone nested in a joined zone', () => {
    expect(filteredBy(m, 'l-plc-fw')).toEqual(['c-plant-office']);
  });
  it("is empty when the conduit does not join the other end's zone", () => {
    expect(filteredBy(m, 'l-fw-guest')).toEqual([]);
  });
  it('is empty when the link only names a conduit but ends at no filtering asset', () => {
    expect(filteredBy(m, 'l-sw-ws')).toEqual([]);
  });
});
