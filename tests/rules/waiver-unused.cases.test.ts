/**
 * waiver-unused beside the rule its waivers name: a glob waiver that matches a finding of
 * asset-without-owner is used, one that matches none is reported. This case stays in
 * TypeScript because a rule test file runs its rule alone, so every waiver of another rule is
 * unused there; rules/waiver-unused.test.yaml has the rule's cases on its own.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { lineOf, tempDir, TODAY, yaml } from '../helpers.js';

const inv = yaml`
  seglint: 1
  sites:
    - { id: port, kind: seaport }
  assets:
    - { id: cam-1, kind: camera }
    - { id: cam-2, kind: camera, owner: port-authority }
  organizations:
    - { id: port-authority, type: operator }
  waivers:
    - rule: asset-without-owner
      target: cam-*
      reason: cameras are being handed over
      expires: 2099-01-01
    - rule: asset-without-owner
      target: scanner-*
      reason: a stale waiver
      expires: 2099-01-01
`;

describe('waiver-unused', () => {
  it('reports a waiver in force that matches no finding, and not one that does (glob target)', () => {
    const dir = tempDir({ 'inv.yaml': inv });
    const r = check({ paths: ['inv.yaml'], cwd: dir, config: false, only: ['asset-without-owner', 'waiver-unused'], today: TODAY });
    const unused = r.findings.filter((f) => f.ruleId === 'waiver-unused');
    expect(unused.map((f) => [f.messageId, f.entity, f.data.$status])).toEqual([['waiver-unused', { type: 'waiver', id: 'asset-without-owner:scanner-*' }, 'unused']]);
    expect(unused[0]!.location.line).toBe(lineOf(inv, '- rule: asset-without-owner', lineOf(inv, 'target: cam-*')));
    expect(unused[0]!.severity).toBe('info');
    const owner = r.findings.filter((f) => f.ruleId === 'asset-without-owner');
    expect(owner.map((f) => [f.entity.id, f.waiver?.status])).toEqual([['cam-1', 'active']]);
  });
});
