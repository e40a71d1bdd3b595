import { describe, expect, it } from 'vitest';
import { lineOf, runRule, yaml } from '../helpers.js';

const RULE = 'zone-policy-violation';

/** Office -> firewall -> plant, with `extraLinks` and a policy of forbidden flows. */
const plant = (opts: { diode?: boolean; extraLinks?: string; flows: string }) =>
  yaml`
  seglint: 1
  zones:
    - { id: plant, trust: restricted }
    - { id: plant-cell, trust: restricted, parent: plant }
    - { id: office, trust: internal }
    - { id: cloud, trust: internet }
  conduits:
    - id: cd-1
      zones: [plant, office]
      via: [fw-1]
  ${opts.diode ? '    direction: { from: plant, to: office }' : ''}
  assets:
    - { id: plc-1, kind: plc, zone: plant-cell }
    - { id: fw-1, kind: ${opts.diode ? 'data-diode' : 'firewall'}, interfaces: [{ zone: plant }, { zone: office }] }
    - { id: ws-1, kind: workstation, zone: office }
    - { id: router-1, kind: router, zone: office }
    - { id: cloud-1, kind: server, zone: cloud }
  links:
    - { id: l-plc-fw, from: plc-1, to: fw-1, medium: ethernet, conduit: cd-1 }
    - { id: l-fw-ws, from: fw-1, to: ws-1, medium: ethernet, conduit: cd-1 }
    - { id: l-ws-router, from: ws-1, to: router-1, medium: ethernet }
`.concat(opts.extraLinks ?? '', 'policy:\n  forbiddenFlows:\n', opts.flows);

type Ev = { source: string; target: string; path: { assets: string[]; hops: { link: string; from: string; to: string; medium: string }[]; zones: string[]; conduits: string[] } };

describe(RULE, () => {
  it('reports a forbidden flow with one shortest path, hop by hop, at the policy entry', () => {
    const text = plant({ flows: '    - from: office\n      to: plant\n      reason: the office must not reach the plant\n' });
    const { findings } = runRule(RULE, text);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.ruleId).toBe(RULE);
    expect(f.entity).toEqual({ type: 'forbidden-flow', id: 'office->plant' });
    expect(f.location.line).toBe(lineOf(text, 'from: office', lineOf(text, 'forbiddenFlows:')));
    const ev = f.evidence as Ev;
    // the firewall has an interface in the office, so the shortest path starts there
    expect(ev.source).toBe('fw-1');
    expect(ev.target).toBe('plc-1');
    expect(ev.path.hops).toEqual([{ link: 'l-plc-fw', from: 'fw-1', to: 'plc-1', medium: 'ethernet', conduit: 'cd-1' }]);
    expect(f.data).toMatchObject({ sourceZone: 'office', targetZone: 'plant-cell', hops: 1 });
    expect(f.message).toBe('forbidden flow office->plant is possible: fw-1 (office) reaches plc-1 (plant-cell) in 1 hop(s): fw-1 -[l-plc-fw ethernet]-> plc-1');
  });

  it('follows many hops to a zone nested in the forbidden target', () => {
    const text = plant({
      extraLinks: '  - { id: l-router-cloud, from: router-1, to: cloud-1, medium: vpn }\n',
      flows: '    - { from: plant, to: cloud, reason: no plant data on the internet }\n',
    });
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => f.entity.id)).toEqual(['plant->cloud']);
    const ev = findings[0]!.evidence as Ev;
    expect(ev.path.assets).toEqual(['fw-1', 'ws-1', 'router-1', 'cloud-1']);
    expect(ev.path.hops.map((h) => h.link)).toEqual(['l-fw-ws', 'l-ws-router', 'l-router-cloud']);
    expect(findings[0]!.data.hops).toBe(3);
  });

  it('honours a one-way conduit: the diode lets plant data out, never office data in', () => {
    const flows = '    - { from: office, to: plant }\n    - { from: plant, to: office }\n';
    // plc-1 directly in the plant zone (see the report: diode direction and nested zones)
    const text = plant({ diode: true, flows }).replace('{ id: plc-1, kind: plc, zone: plant-cell }', '{ id: plc-1, kind: plc, zone: plant }');
    const { findings } = runRule(RULE, text);
    expect(findings.map((f) => f.entity.id)).toEqual(['plant->office']);
    expect(findings[0]!.location.line).toBe(lineOf(text, '{ from: plant, to: office }', lineOf(text, 'forbiddenFlows:')));
  });

  it('stays silent when no path exists', () => {
    const text = plant({ flows: '    - { from: cloud, to: plant }\n    - { from: office, to: cloud }\n' });
    expect(runRule(RULE, text).findings).toEqual([]);
  });

  it('stays silent without forbidden flows', () => {
    const text = plant({ flows: '' }).replace('policy:\n  forbiddenFlows:\n', '');
    expect(runRule(RULE, text).findings).toEqual([]);
  });
});
