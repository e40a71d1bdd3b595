/** Unit test of the computed attributes asset `$room`, zone `$conduits` and zone `$monitoringRequired` (src/rules/attributes.ts). */
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/graph/model.js';
import { EntityView, computedNames } from '../../src/rules/attributes.js';
import type { Inventory } from '../../src/inventory/types.js';
import { asset, inventory } from '../graph/helpers.js';

function model(policy: Partial<Inventory['policy']> = {}): Model {
  return new Model(
    inventory({
      sites: [{ id: 'port', kind: 'seaport' }],
      rooms: [
        { id: 'lanes', site: 'port', kind: 'field', camera: true, accessControl: { badge: true } },
        { id: 'yard', site: 'port', kind: 'field' },
      ],
      zones: [
        { id: 'closed-net', trust: 'closed' },
        { id: 'plant', trust: 'restricted' },
        { id: 'office', trust: 'internal' },
        { id: 'dmz', trust: 'dmz' },
        { id: 'lab', trust: 'restricted' },
      ],
      conduits: [
        { id: 'c-plant-office', zones: ['plant', 'office'], via: ['fw-1'] },
        { id: 'c-closed-office', zones: ['office', 'closed-net'], via: ['fw-2'] },
        { id: 'c-dmz-office', zones: ['dmz', 'office'], via: ['fw-3'] },
      ],
      assets: [
        asset('scanner-1', 'closed-net', { kind: 'scanner', room: 'lanes' }),
        asset('scanner-2', 'closed-net', { kind: 'scanner', room: 'yard' }),
        asset('srv-1', 'office'),
        asset('fw-1', undefined, { kind: 'firewall', interfaces: [{ zone: 'plant' }, { zone: 'office' }] }),
        asset('fw-2', undefined, { kind: 'firewall', interfaces: [{ zone: 'office' }, { zone: 'closed-net' }] }),
        asset('fw-3', undefined, { kind: 'firewall', interfaces: [{ zone: 'dmz' }, { zone: 'office' }] }),
      ],
      policy: { forbiddenFlows: [], params: {}, ...policy },
    }),
  );
}

const assetAttr = (m: Model, id: string, path: string) =>
  new EntityView({ type: 'asset', id, obj: m.assets.get(id)! }, m).get(path);
const zoneAttr = (m: Model, id: string, path: string) =>
  new EntityView({ type: 'zone', id, obj: m.zones.get(id)! }, m).get(path);

describe('asset $room', () => {
  it('is listed among the asset attributes', () => {
    expect(computedNames('asset')).toContain('$room');
  });
  it('gives the room object, whose fields a dotted path reads', () => {
    const m = model();
    expect(assetAttr(m, 'scanner-1', '$room')).toMatchObject({ id: 'lanes', camera: true });
    expect(assetAttr(m, 'scanner-1', '$room.camera')).toBe(true);
    expect(assetAttr(m, 'scanner-1', '$room.accessControl.badge')).toBe(true);
    expect(assetAttr(m, 'scanner-2', '$room.kind')).toBe('field');
    expect(assetAttr(m, 'scanner-2', '$room.camera')).toBeUndefined();
  });
  it('is undefined for an asset in no room', () => {
    const m = model();
    expect(assetAttr(m, 'srv-1', '$room')).toBeUndefined();
    expect(assetAttr(m, 'srv-1', '$room.camera')).toBeUndefined();
  });
});

describe('zone $conduits', () => {
  it('lists the conduits joining the zone, sorted', () => {
    const m = model();
    expect(zoneAttr(m, 'office', '$conduits')).toEqual(['c-closed-office', 'c-dmz-office', 'c-plant-office']);
    expect(zoneAttr(m, 'plant', '$conduits')).toEqual(['c-plant-office']);
    expect(zoneAttr(m, 'lab', '$conduits')).toEqual([]);
  });
});

describe('zone $monitoringRequired', () => {
  it('defaults to restricted and closed zones', () => {
    const m = model();
    expect(['closed-net', 'plant', 'office', 'dmz', 'lab'].map((z) => zoneAttr(m, z, '$monitoringRequired'))).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
  });
  it('follows policy.requireMonitoringFor when the inventory sets it', () => {
    const m = model({ requireMonitoringFor: ['dmz', 'internal'] });
    expect(['closed-net', 'plant', 'office', 'dmz', 'lab'].map((z) => zoneAttr(m, z, '$monitoringRequired'))).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
  });
  it('is false for every zone when the policy lists none', () => {
    const m = model({ requireMonitoringFor: [] });
    expect(zoneAttr(m, 'closed-net', '$monitoringRequired')).toBe(false);
  });
});
