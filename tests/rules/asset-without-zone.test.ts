import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

describe('asset-without-zone', () => {
  const inv = yaml`
    seglint: 1
    zones:
      - { id: scan, trust: closed }
      - { id: office, trust: internal }
    assets:
      - { id: scanner-1, kind: scanner, zone: scan }
      - id: fw-1
        kind: firewall
        interfaces:
          - { zone: scan }
          - { zone: office }
      - id: modem-1
        kind: modem
      - { id: sensor-1, kind: sensor }
      - { id: sensor-2, kind: sensor }
      - { id: server-1, kind: server }
    links:
      - { id: l-1, from: scanner-1, to: modem-1, medium: ethernet }
      - { id: l-2, from: scanner-1, to: sensor-2, medium: serial }
  `;

  it('reports networked kinds and linked assets that are in no zone', () => {
    const { findings } = runRule('asset-without-zone', inv);
    expect(findings.map((f) => [f.ruleId, f.entity, f.location.line])).toEqual([
      ['asset-without-zone', { type: 'asset', id: 'modem-1' }, lineOf(inv, 'id: modem-1')],
      ['asset-without-zone', { type: 'asset', id: 'sensor-2' }, lineOf(inv, 'id: sensor-2')],
      ['asset-without-zone', { type: 'asset', id: 'server-1' }, lineOf(inv, 'id: server-1')],
    ]);
    expect(findings[0]!.evidence).toEqual({ attributes: { kind: 'modem', $linkCount: 1, $zones: [] } });
    expect(findings[0]!.message).toBe('modem modem-1 is networked (1 link(s)) but in no zone');
    expect(findings[2]!.message).toBe('server server-1 is networked (0 link(s)) but in no zone');
  });

  it('lets the inventory policy narrow the networked kinds (a linked asset still counts)', () => {
    const text = inv + 'policy:\n  params:\n    asset-without-zone: { kinds: [] }\n';
    expect(runRule('asset-without-zone', text).findings.map((f) => f.entity.id)).toEqual(['modem-1', 'sensor-2']);
  });

  it('stays silent when every networked asset has a zone or a zoned interface', () => {
    const text = yaml`
      seglint: 1
      zones:
        - { id: scan, trust: closed }
      assets:
        - { id: scanner-1, kind: scanner, zone: scan }
        - { id: fw-1, kind: firewall, interfaces: [{ zone: scan }] }
        - { id: sensor-1, kind: sensor }
      links:
        - { id: l-1, from: scanner-1, to: fw-1, medium: ethernet }
    `;
    expect(runRule('asset-without-zone', text).findings).toEqual([]);
  });
});
