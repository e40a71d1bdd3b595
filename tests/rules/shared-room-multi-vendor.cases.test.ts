/**
 * shared-room-multi-vendor: what a rule test file cannot state about a finding, its waiver
 * status (kept and marked expired, or active while the waiver is in force) and the assets it
 * names as related. The rule's own cases (entities, lines, counts, vendors) are in
 * rules/shared-room-multi-vendor.test.yaml.
 */
import { describe, expect, it } from 'vitest';
import { runRule, yaml } from '../helpers.js';

const RULE = 'shared-room-multi-vendor';

const inventory = (extra = '') => yaml`
  seglint: 1
  organizations:
    - { id: vendor-a, type: vendor }
    - { id: vendor-b, type: vendor }
    - { id: vendor-c, type: vendor }
  sites:
    - { id: port, kind: seaport }
  rooms:
    - id: server-room
      site: port
      kind: server-room
      separation: none
  assets:
    - { id: srv-a, kind: server, vendor: vendor-a, room: server-room }
    - { id: srv-b, kind: server, vendor: vendor-b, room: server-room }
    - { id: srv-c, kind: server, vendor: vendor-c, room: server-room }
` + extra;

describe(`${RULE}: waivers and related assets`, () => {
  it('names the assets of every vendor as related, and carries no waiver without one', () => {
    const { findings } = runRule(RULE, inventory());
    expect(findings.map((f) => [f.messageId, f.entity.id, f.related.map((r) => r.id), f.waiver])).toEqual([[RULE, 'server-room', ['srv-a', 'srv-b', 'srv-c'], undefined]]);
  });

  it('keeps the finding with waiver status expired when the waiver has run out (answer 11)', () => {
    const waiver = yaml`
      waivers:
        - id: waiver-room
          rule: shared-room-multi-vendor
          target: server-room
          reason: room rebuilt into a computer room in 2021
          expires: 2021-12-31
    `;
    const { findings } = runRule(RULE, inventory(waiver));
    expect(findings.map((f) => [f.entity.id, f.waiver?.status, f.waiver?.id, f.waiver?.expires])).toEqual([['server-room', 'expired', 'waiver-room', '2021-12-31']]);
  });

  it('marks the finding as waived while the waiver is in force', () => {
    const waiver = 'waivers:\n  - { rule: shared-room-multi-vendor, target: server-room, reason: rebuild planned, expires: 2027-06-30 }\n';
    const { findings } = runRule(RULE, inventory(waiver));
    expect(findings.map((f) => [f.entity.id, f.waiver?.status])).toEqual([['server-room', 'active']]);
  });
});
