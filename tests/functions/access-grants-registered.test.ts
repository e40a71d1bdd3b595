/** Unit test of the `registered` data key of the access-grants function (src/functions/access-grants.ts). */
import { describe, expect, it } from 'vitest';
import { accessGrants } from '../../src/functions/access-grants.js';
import { Model } from '../../src/graph/model.js';
import { EntityView, type Entity } from '../../src/rules/attributes.js';
import { evaluate } from '../../src/rules/conditions.js';
import type { FunctionContext } from '../../src/rules/function.js';
import { inventory } from '../graph/helpers.js';

const m = new Model(
  inventory({
    sites: [{ id: 'port', kind: 'seaport' }],
    people: [
      { id: 'p-registered', registered: true, access: [{ target: 'port' }] },
      { id: 'p-unregistered', registered: false, access: [{ target: 'port', escorted: true }] },
      { id: 'p-unknown', access: [{ target: 'port', permit: true }] },
    ],
  }),
);

const ctx: FunctionContext = {
  model: m,
  params: {},
  today: '2026-11-29',
  matches: () => true,
  evaluate: (cond, view) => evaluate(cond, view, {}),
  view: (e: Entity) => new EntityView(e, m),
  entity: () => undefined,
  inputs: {},
};
const people: Entity[] = [...m.inventory.people].map((p) => ({ type: 'person', id: p.id, obj: p }));

describe('access-grants data key registered', () => {
  it('is declared for message templates', () => {
    expect(accessGrants.dataKeys).toContain('registered');
  });
  it('is true only for a person recorded as registered', () => {
    const out = accessGrants.run(people, {}, ctx);
    expect(out.map((r) => [r.entity.id, r.data.registered, r.evidence.registered])).toEqual([
      ['p-registered', true, true],
      ['p-unregistered', false, false],
      ['p-unknown', false, false],
    ]);
  });
  it('agrees with the grant attribute $registered', () => {
    const out = accessGrants.run(people, { where: { path: '$registered', equals: false } }, ctx);
    expect(out.map((r) => r.entity.id)).toEqual(['p-unregistered', 'p-unknown']);
    expect(out.every((r) => r.data.registered === false)).toBe(true);
  });
});
