/**
 * waiver-expired together with the rule a waiver covers: an expired waiver no longer waives,
 * an active one does, and --no-waivers ignores them, as the waiver register shows. These cases
 * stay in TypeScript because a rule test file runs its rule alone and sees neither the other
 * rule's findings nor the register; the rule's own cases are in rules/waiver-expired.test.yaml.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { tempDir, TODAY, yaml } from '../helpers.js';

const inv = (expires: string) => yaml`
  seglint: 1
  sites:
    - { id: port, kind: seaport }
  rooms:
    - id: server-room
      site: port
      kind: server-room
      separation: none
  assets:
    - { id: s1, kind: server, vendor: v1, room: server-room }
    - { id: s2, kind: server, vendor: v2, room: server-room }
  organizations:
    - { id: v1, type: vendor }
    - { id: v2, type: vendor }
  waivers:
    - id: w-room
      rule: shared-room-multi-vendor
      target: server-room
      reason: room rebuilt into a computer room in 2021
      approver: CISO
      ticket: RISK-11
      expires: ${expires}
`;

describe('waiver-expired with the rule it waives', () => {
  it('an expired waiver no longer waives: the finding it covered is back and says so', () => {
    const dir = tempDir({ 'inv.yaml': inv('2021-12-31') });
    const r = check({ paths: ['inv.yaml'], cwd: dir, config: false, only: ['shared-room-multi-vendor', 'waiver-expired'], today: TODAY });
    const room = r.findings.find((f) => f.ruleId === 'shared-room-multi-vendor')!;
    expect(room.waiver).toMatchObject({ status: 'expired', expires: '2021-12-31', ticket: 'RISK-11' });
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['shared-room-multi-vendor', 'waiver-expired']);
    expect(r.waivers.map((w) => w.status)).toEqual(['expired']);
  });

  it('an active waiver waives: kept and marked, and the register says active', () => {
    const dir = tempDir({ 'inv.yaml': inv('2099-01-01') });
    const r = check({ paths: ['inv.yaml'], cwd: dir, config: false, only: ['shared-room-multi-vendor', 'waiver-expired', 'waiver-unused'], today: TODAY });
    expect(r.findings.map((f) => [f.ruleId, f.waiver?.status])).toEqual([['shared-room-multi-vendor', 'active']]);
    expect(r.waivers.map((w) => [w.status, w.matched])).toEqual([['active', 1]]);
  });

  it('--no-waivers ignores every waiver', () => {
    const dir = tempDir({ 'inv.yaml': inv('2099-01-01') });
    const r = check({ paths: ['inv.yaml'], cwd: dir, config: false, only: ['shared-room-multi-vendor', 'waiver-expired', 'waiver-unused'], today: TODAY, noWaivers: true });
    expect(r.findings.map((f) => [f.ruleId, f.waiver])).toEqual([['shared-room-multi-vendor', undefined]]);
  });
});
