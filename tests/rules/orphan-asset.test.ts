import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

describe('orphan-asset', () => {
  const inv = yaml`
    seglint: 1
    zones:
      - { id: scan, trust: closed }
    assets:
      - { id: scanner-1, kind: scanner, zone: scan }
      - { id: sw-1, kind: switch, zone: scan }
      - id: fw-spare
        kind: firewall
        zone: scan
      - { id: cam-1, kind: camera }
      - { id: sensor-1, kind: sensor }
      - { id: other-1, kind: other }
    links:
      - { id: l-1, from: scanner-1, to: sw-1, medium: fiber }
  `;

  it('reports an asset of a networked kind with no link at all', () => {
    const { findings } = runRule('orphan-asset', inv);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe('orphan-asset');
    expect(f.entity).toEqual({ type: 'asset', id: 'fw-spare' });
    expect(f.location.line).toBe(lineOf(inv, 'id: fw-spare'));
    expect(f.evidence).toEqual({ attributes: { kind: 'firewall', $linkCount: 0 } });
    expect(f.message).toBe('firewall fw-spare has no link: its network connections are not recorded');
  });

  it('lets the inventory policy choose the kinds that need a link', () => {
    const text = inv + 'policy:\n  params:\n    orphan-asset: { kinds: [camera, sensor] }\n';
    expect(runRule('orphan-asset', text).findings.map((f) => f.entity.id)).toEqual(['cam-1', 'sensor-1']);
  });

  it('stays silent when every asset of a networked kind has a link', () => {
    const text = yaml`
      seglint: 1
      assets:
        - { id: scanner-1, kind: scanner }
        - { id: sw-1, kind: switch }
        - { id: cam-1, kind: camera }
      links:
        - { id: l-1, from: scanner-1, to: sw-1, medium: fiber }
    `;
    expect(runRule('orphan-asset', text).findings).toEqual([]);
  });
});
