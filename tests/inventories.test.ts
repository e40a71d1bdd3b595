/**
 * Acceptance test of the bundled inventories with the full built-in pack (today = 2026-11-29):
 *
 * - every bundled inventory (inventories/*.yaml and the split inventory) validates;
 * - the reference plant, a clean Purdue design, gives no finding from any rule;
 * - the port of Rotterdam, the seed case, gives at least the findings the seed's answers
 *   predict (vendor concentration 4 of 7, 15.96% state ownership with its chain, the high-risk
 *   vendor, the shared server room with its expired 2021 waiver, the mobile uplinks and the path
 *   to the vendor's head office, missing monitoring, the screening gap, unvalidated updates,
 *   the pending audit, procurement without assessment), and none of the true negatives
 *   (cameras cover every scanner, technicians are registered).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../src/index.js';
import { loadInventory } from '../src/inventory/load.js';
import { isCounted } from '../src/findings/waivers.js';
import { ROOT, runPack } from './helpers.js';

const BUNDLED = [
  ...readdirSync(path.join(ROOT, 'inventories'))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `inventories/${f}`),
  'inventories/split',
];

describe('bundled inventories', () => {
  it('are the port, the reference plant and the split inventory', () => {
    expect(BUNDLED).toEqual(
      expect.arrayContaining([
        'inventories/port-of-rotterdam.yaml',
        'inventories/reference-plant.yaml',
        'inventories/split',
      ]),
    );
  });

  for (const inv of BUNDLED) {
    it(`${inv} validates`, () => {
      const load = loadInventory([inv], { cwd: ROOT });
      expect(load.inventory.assets.length).toBeGreaterThan(0);
    });
  }

  it('the split inventory loads all its included files', () => {
    const load = loadInventory(['inventories/split'], { cwd: ROOT });
    expect(load.files.map((f) => f.display).sort()).toEqual([
      'inventories/split/inventory.yaml',
      'inventories/split/organizations.yaml',
      'inventories/split/sites/pumping-station.yaml',
      'inventories/split/sites/treatment-plant.yaml',
      'inventories/split/teams/ot-maintenance.yaml',
    ]);
  });
});

describe('the clean examples with the full pack', () => {
  it('the reference plant gives no finding from any rule', () => {
    const result = runPack(['inventories/reference-plant.yaml']);
    expect(result.rules.length).toBeGreaterThan(0);
    expect(result.findings.map((f) => `${f.ruleId} ${f.entity.type}:${f.entity.id}: ${f.message}`)).toEqual([]);
  });

  it('the split example gives no finding either', () => {
    const result = runPack(['inventories/split']);
    expect(result.findings.map((f) => `${f.ruleId} ${f.entity.type}:${f.entity.id}: ${f.message}`)).toEqual([]);
  });
});

describe('port of Rotterdam with the full pack', () => {
  let result: CheckResult;
  beforeAll(() => {
    result = runPack(['inventories/port-of-rotterdam.yaml']);
  });
  const of = (ruleId: string): Finding[] => result.findings.filter((f) => f.ruleId === ruleId);
  const entities = (ruleId: string): string[] => of(ruleId).map((f) => `${f.entity.type}:${f.entity.id}`);
  const one = (ruleId: string, type: string, id: string): Finding => {
    const found = of(ruleId).filter((f) => f.entity.type === type && f.entity.id === id);
    expect(found, `${ruleId} on ${type}:${id}`).toHaveLength(1);
    return found[0]!;
  };
  const scanners = [1, 2, 3, 4, 5, 6, 7].map((i) => `asset:scanner-mv-${i}`);
  const nuctechScanners = [1, 2, 3, 4].map((i) => `asset:scanner-mv-${i}`);
  const servers = ['asset:server-nuctech-1', 'asset:server-smiths-1', 'asset:server-rapiscan-1'];

  it('Q4: one vendor supplies 4 of the 7 cargo scanners', () => {
    const f = one('vendor-concentration', 'organization', 'nuctech');
    expect(f.evidence).toMatchObject({
      value: 'nuctech',
      count: 4,
      total: 7,
      share: 0.5714,
      assets: ['scanner-mv-1', 'scanner-mv-2', 'scanner-mv-3', 'scanner-mv-4'],
    });
    expect(f.message).toContain('4 of 7');
    expect(entities('vendor-concentration')).toEqual(['organization:nuctech']);
  });

  it('Q7: Nuctech is 15.96% owned by the state enterprise CNNC, with the chain as evidence', () => {
    const f = one('state-ownership', 'organization', 'nuctech');
    expect(f.evidence).toMatchObject({
      share: 0.1596,
      chains: [{ organizations: ['nuctech', 'tongfang', 'cnnc'], shares: [0.76, 0.21], product: 0.1596 }],
    });
    expect(f.message).toContain('15.96%');
    expect(entities('state-ownership')).toEqual(['organization:nuctech']);
  });

  it('Q6: Nuctech is a high-risk supplier with extensive access and no recorded mitigation', () => {
    const f = one('high-risk-vendor-critical-asset', 'organization', 'nuctech');
    expect(f.severity).toBe('critical');
    expect(f.evidence).toMatchObject({
      criterion1: expect.arrayContaining([
        'CN law obliges cooperation with intelligence services',
        '15.96% state-owned',
      ]),
      criterion2: ['CN runs an offensive intelligence programme against NL'],
      access: {
        remoteLinks: expect.arrayContaining([
          'link-modem-mv-1-hq',
          'link-modem-mv-2-hq',
          'link-modem-mv-3-hq',
          'link-modem-mv-4-hq',
        ]),
        staff: ['tech-nuctech-1', 'tech-nuctech-2'],
      },
      mitigations: [],
    });
    // the other two vendors (GB, US) meet neither criterion 1 nor 2
    expect(entities('high-risk-vendor-critical-asset')).toEqual(['organization:nuctech']);
  });

  it('Q11: servers of three vendors share one room; the 2021 waiver has expired, so the finding counts', () => {
    const f = one('shared-room-multi-vendor', 'room', 'mv-server-room');
    expect(f.waiver).toMatchObject({ status: 'expired', id: 'waiver-mv-server-room', expires: '2021-12-31' });
    expect(isCounted(f)).toBe(true);
    expect(f.related.map((r) => r.id)).toEqual(
      expect.arrayContaining(['server-nuctech-1', 'server-smiths-1', 'server-rapiscan-1']),
    );
    const w = one('waiver-expired', 'waiver', 'waiver-mv-server-room');
    expect(w.message).toContain('2021-12-31');
  });

  it('Q10: mobile uplinks out of the closed scanner network', () => {
    expect(entities('mobile-uplink-in-closed-zone').sort()).toEqual([
      'link:link-modem-mv-1-hq',
      'link:link-modem-mv-2-hq',
      'link:link-modem-mv-3-hq',
      'link:link-modem-mv-4-hq',
    ]);
  });

  it('Q9, Q10: the closed scanner network reaches the vendor head office, with the path as evidence', () => {
    const hop = {
      from: 'modem-mv-1',
      to: 'nuctech-hq-beijing',
      link: 'link-modem-mv-1-hq',
      medium: 'mobile',
      purpose: 'remote-maintenance',
    };
    const flow = one('zone-policy-violation', 'forbidden-flow', 'scanner-network->vendor-head-offices');
    expect(flow.evidence).toMatchObject({
      source: 'modem-mv-1',
      target: 'nuctech-hq-beijing',
      targetZone: 'vendor-head-offices',
      path: { assets: ['modem-mv-1', 'nuctech-hq-beijing'], hops: [hop], conduits: [] },
    });
    expect(flow.message).toContain('modem-mv-1 -[link-modem-mv-1-hq mobile remote-maintenance]-> nuctech-hq-beijing');
    // and the other way: the head office reaches into the closed network
    const back = one('zone-policy-violation', 'forbidden-flow', 'vendor-head-offices->scanner-network');
    expect(back.evidence).toMatchObject({ source: 'nuctech-hq-beijing', targetZone: 'scanner-network' });
    const closed = one('closed-zone-external-path', 'zone', 'scanner-network');
    expect(closed.evidence).toMatchObject({ targetZone: 'vendor-head-offices', path: { hops: [hop] } });
  });

  it('Q9: the closed network and its critical assets have no monitoring', () => {
    expect(entities('missing-monitoring')).toEqual(
      expect.arrayContaining(['zone:scanner-network', ...scanners, ...servers]),
    );
  });

  it('Q13: technicians hold a certificate of conduct where a security screening is required', () => {
    const people = new Set(of('maintenance-screening').map((f) => f.entity.id));
    expect([...people].sort()).toEqual(['tech-nuctech-1', 'tech-nuctech-2', 'tech-rapiscan-1', 'tech-smiths-1']);
    for (const f of of('maintenance-screening'))
      expect(f.evidence).toMatchObject({ held: 'certificate-of-conduct', required: 'security-screening' });
  });

  it('Q15: updates of the critical scanners and servers are not validated', () => {
    expect(entities('unvalidated-updates').sort()).toEqual([...scanners, ...servers].sort());
  });

  it('Q4, Q9: the external audit is still pending: no completed audit', () => {
    expect(entities('audit-overdue').sort()).toEqual([...scanners, ...servers].sort());
    for (const f of of('audit-overdue'))
      expect(f.evidence).toMatchObject({ field: 'audit.lastCompleted', date: null, maxMonths: 24 });
  });

  it('Q14: the Nuctech equipment was bought without a recorded security assessment', () => {
    expect(entities('procurement-without-security-assessment').sort()).toEqual(
      [...nuctechScanners, 'asset:server-nuctech-1'].sort(),
    );
  });

  it('Q12: true negatives: cameras cover every scanner and technicians are registered', () => {
    const ran = result.rules.map((r) => r.id);
    expect(ran, 'rule asset-without-camera is in the pack').toContain('asset-without-camera');
    expect(ran, 'rule unregistered-maintenance-access is in the pack').toContain('unregistered-maintenance-access');
    expect(of('asset-without-camera')).toEqual([]);
    expect(of('unregistered-maintenance-access')).toEqual([]);
  });

  it('the inventory itself is complete: no inventory-hygiene findings', () => {
    for (const id of ['asset-without-owner', 'asset-without-zone', 'orphan-asset'])
      expect(entities(id), id).toEqual([]);
  });
});
