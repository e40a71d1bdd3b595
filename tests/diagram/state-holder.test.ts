/**
 * One definition of a state holder (a state or a state enterprise): the supply-chain diagram
 * labels the same effective state share the ownership rules compute, and a state enterprise
 * shows what the state holders among its owners hold of it (not 100% by definition).
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/graph/model.js';
import { buildScene } from '../../src/diagram/views.js';
import { isStateHolder, STATE_HOLDER_TYPES, type Organization } from '../../src/inventory/types.js';
import { inventory } from '../graph/helpers.js';

const orgs: Organization[] = [
  { id: 'land', type: 'state', owners: [] },
  { id: 'soe', type: 'state-enterprise', owners: [{ organization: 'land', share: 0.6 }] },
  { id: 'vendor', type: 'vendor', owners: [{ organization: 'soe', share: 0.5 }] },
];

function stateLine(id: string): string | undefined {
  const scene = buildScene(buildModel(inventory({ organizations: orgs })), { view: 'supply-chain' });
  return scene.nodes.find((n) => n.id === id)?.label.find((l) => l.startsWith('state-owned'));
}

describe('state holder', () => {
  it('is a state or a state enterprise, nothing else', () => {
    expect([...STATE_HOLDER_TYPES]).toEqual(['state', 'state-enterprise']);
    expect(['state', 'state-enterprise', 'vendor', 'holding'].map((type) => isStateHolder({ type }))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('the diagram labels a supplier with the share the ownership rules compute (the chain stops at the state enterprise)', () => {
    const m = buildModel(inventory({ organizations: orgs }));
    expect(m.effectiveOwnership('vendor', isStateHolder, false).share).toBe(0.5);
    expect(stateLine('vendor')).toBe('state-owned 50% (effective)');
  });

  it('a state enterprise shows what its state owners hold of it, not 100% by definition', () => {
    expect(stateLine('soe')).toBe('state-owned 60% (effective)');
    expect(stateLine('land')).toBeUndefined();
  });
});
