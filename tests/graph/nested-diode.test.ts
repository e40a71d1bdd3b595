import { describe, expect, it } from 'vitest';
import { Model } from '../../src/graph/model.js';
import { asset, inventory, link } from './helpers.js';

/** A diode from `plant` to `office`, with the PLC in `plant-cell`, a zone nested in `plant`. */
function model(): Model {
  return new Model(
    inventory({
      zones: [
        { id: 'plant', trust: 'restricted' },
        { id: 'plant-cell', trust: 'restricted', parent: 'plant' },
        { id: 'office', trust: 'internal' },
      ],
      conduits: [
        { id: 'cd-diode', zones: ['plant', 'office'], via: ['diode'], direction: { from: 'plant', to: 'office' } },
      ],
      assets: [
        asset('plc', 'plant-cell'),
        asset('diode', undefined, { kind: 'data-diode', interfaces: [{ zone: 'plant' }, { zone: 'office' }] }),
        asset('pc', 'office'),
      ],
      links: [link('l1', 'plc', 'diode'), link('l2', 'diode', 'pc')],
    }),
  );
}

describe('a diode and nested zones', () => {
  it('an asset in a zone nested in the sending zone is on the sending side', () => {
    const m = model();
    expect(m.flowOf(m.links.get('l1')!)).toEqual({ forward: true, backward: false });
    expect(m.shortestPath('plc', 'pc')?.assets).toEqual(['plc', 'diode', 'pc']);
    expect(m.shortestPath('pc', 'plc')).toBeUndefined();
  });
});
