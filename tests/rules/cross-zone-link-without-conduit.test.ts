import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'cross-zone-link-without-conduit';

/** A plant and an office joined by firewall fw-1 in conduit cd-1; `links` are extra link lines. */
const plant = (links: string, opts: { officeTrust?: string; tail?: string } = {}) =>
  yaml`
  seglint: 1
  zones:
    - { id: plant, trust: restricted }
    - { id: office, trust: ${opts.officeTrust ?? 'internal'} }
    - { id: guest, trust: internet }
  conduits:
    - { id: cd-1, zones: [plant, office], via: [fw-1] }
  assets:
    - { id: plc-1, kind: plc, zone: plant }
    - { id: sw-plant, kind: switch, zone: plant }
    - { id: fw-1, kind: firewall, interfaces: [{ zone: plant }, { zone: office }] }
    - { id: ws-1, kind: workstation, zone: office }
    - { id: laptop-1, kind: workstation, zone: guest }
    - { id: spare-1, kind: server }
  links:
    - { id: l-plc-fw, from: plc-1, to: fw-1, medium: ethernet, conduit: cd-1 }
    - { id: l-fw-ws, from: fw-1, to: ws-1, medium: ethernet, conduit: cd-1 }
`.concat(links, opts.tail ?? '');

describe(RULE, () => {
  it('reports a link that joins two zones directly, with both ends\' zones as evidence', () => {
    const text = plant('  - { id: l-bypass, from: sw-plant, to: ws-1, medium: ethernet }\n');
    const { findings } = runRule(RULE, text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe(RULE);
    expect(f.entity).toEqual({ type: 'link', id: 'l-bypass' });
    expect(f.location.line).toBe(lineOf(text, 'id: l-bypass'));
    expect(f.evidence).toMatchObject({ attributes: { $crossZone: true, $filteredBy: [], $fromZones: ['plant'], $toZones: ['office'] } });
    expect(f.message).toBe('link l-bypass joins sw-plant (plant) to ws-1 (office) without passing the firewall or data diode of a declared conduit');
  });

  it('reports a link that names a conduit but does not end at its firewall', () => {
    const text = plant('  - { id: l-named, from: sw-plant, to: ws-1, medium: fiber, conduit: cd-1 }\n');
    expect(runRule(RULE, text).findings.map((f) => [f.entity.id, f.location.line])).toEqual([['l-named', lineOf(text, 'id: l-named')]]);
  });

  it('reports a link from a firewall into a zone its conduit does not join', () => {
    const text = plant('  - { id: l-fw-guest, from: fw-1, to: laptop-1, medium: wifi }\n');
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => f.entity.id)).toEqual(['l-fw-guest']);
    expect(findings[0]!.evidence).toMatchObject({ attributes: { $fromZones: ['office', 'plant'], $toZones: ['guest'] } });
  });

  it('stays silent on links through the conduit\'s firewall, inside one zone, or to an asset in no zone', () => {
    const text = plant('  - { id: l-inside, from: plc-1, to: sw-plant, medium: ethernet }\n  - { id: l-nozone, from: plc-1, to: spare-1, medium: serial }\n');
    expect(runRule(RULE, text).findings).toEqual([]);
  });

  it('accepts a firewall of a conduit that joins a parent of the far end\'s zone', () => {
    const text = plant('  - { id: l-fw-cell, from: fw-1, to: plc-cell, medium: ethernet }\n')
      .replace('  - { id: guest, trust: internet }', '  - { id: guest, trust: internet }\n  - { id: cell, trust: restricted, parent: plant }')
      .replace('  - { id: spare-1, kind: server }', '  - { id: spare-1, kind: server }\n  - { id: plc-cell, kind: plc, zone: cell }');
    expect(runRule(RULE, text).findings).toEqual([]);
  });

  it('with `ignoreSameTrust`, skips links between zones of one trust but still reports the others', () => {
    const links = '  - { id: l-same, from: sw-plant, to: ws-1, medium: ethernet }\n  - { id: l-diff, from: plc-1, to: laptop-1, medium: wifi }\n';
    // office made restricted: l-same joins two restricted zones
    expect(runRule(RULE, plant(links, { officeTrust: 'restricted' })).findings.map((f) => f.entity.id)).toEqual(['l-same', 'l-diff']);
    const text = plant(links, { officeTrust: 'restricted', tail: 'policy:\n  params:\n    cross-zone-link-without-conduit: { ignoreSameTrust: true }\n' });
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => [f.entity.id, f.location.line])).toEqual([['l-diff', lineOf(text, 'id: l-diff')]]);
  });
});
