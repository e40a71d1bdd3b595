import { describe, expect, it } from 'vitest';
import { cli } from '../helpers.js';

const PORT = 'inventories/port-of-rotterdam.yaml';
const PLANT = 'inventories/reference-plant.yaml';

describe('seglint path', () => {
  it("shows how a scanner reaches the vendor head office over the modem's mobile link", () => {
    const r = cli(['path', 'scanner-mv-1', 'nuctech-hq-beijing', PORT]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('scanner-mv-1 -> nuctech-hq-beijing: reachable in 2 hops');
    // hop by hop: each asset with its zone, each link with medium and purpose
    expect(lines.slice(1, 6).map((l) => l.trim())).toEqual([
      '1. scanner-mv-1 (scanner)  zone: scanner-network',
      '-> via link-scanner-mv-1-modem: ethernet, remote-maintenance',
      '2. modem-mv-1 (modem)  zone: scanner-network',
      '-> via link-modem-mv-1-hq: mobile, remote-maintenance',
      '3. nuctech-hq-beijing (external-endpoint)  zone: vendor-head-offices',
    ]);
    expect(r.stdout).toContain('zones crossed:   scanner-network > vendor-head-offices');
    expect(r.stdout).toContain('conduits passed: none');
  });

  it('gives the same path as JSON', () => {
    const r = cli(['path', 'scanner-mv-1', 'nuctech-hq-beijing', PORT, '--format', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.reachable).toBe(true);
    expect(j.from).toEqual({ id: 'scanner-mv-1', type: 'asset' });
    expect(j.paths).toHaveLength(1);
    expect(j.paths[0].assets.map((a: { id: string }) => a.id)).toEqual([
      'scanner-mv-1',
      'modem-mv-1',
      'nuctech-hq-beijing',
    ]);
    expect(j.paths[0].hops.map((h: { link: string; medium: string }) => [h.link, h.medium])).toEqual([
      ['link-scanner-mv-1-modem', 'ethernet'],
      ['link-modem-mv-1-hq', 'mobile'],
    ]);
    expect(j.paths[0].zones).toEqual(['scanner-network', 'vendor-head-offices']);
  });

  it('answers for zones: from every asset of the closed network to any asset of the vendor zone', () => {
    const r = cli(['path', 'scanner-network', 'vendor-head-offices', PORT, '-f', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.from.type).toBe('zone');
    // the shortest: a modem, one hop over its mobile link
    expect(j.paths[0].hopCount).toBe(1);
    expect(j.paths[0].assets.map((a: { id: string }) => a.id)).toEqual(['modem-mv-1', 'nuctech-hq-beijing']);
  });

  it('lists every simple path with --all, shortest first, up to --limit', () => {
    const r = cli(['path', 'scanner-network', 'vendor-head-offices', PORT, '--all', '--limit', '6', '-f', 'json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.paths).toHaveLength(6);
    expect(j.truncated).toBe(true);
    const hops = j.paths.map((p: { hopCount: number }) => p.hopCount);
    expect(hops).toEqual([...hops].sort((a, b) => a - b));
    expect(j.paths.slice(0, 4).map((p: { hops: { link: string }[] }) => p.hops[0]!.link)).toEqual([
      'link-modem-mv-1-hq',
      'link-modem-mv-2-hq',
      'link-modem-mv-3-hq',
      'link-modem-mv-4-hq',
    ]);
    const text = cli(['path', 'scanner-mv-1', 'nuctech-hq-beijing', PORT, '--all', '--max-hops', '3']);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe('scanner-mv-1 -> nuctech-hq-beijing: reachable, 1 path of at most 3 hops');
  });

  it('says "not reachable" (exit 1) where the data diode points the other way', () => {
    const r = cli(['path', 'z-dmz', 'z-l3-operations', PLANT]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^zone z-dmz -> zone z-l3-operations: not reachable/);
    const asset = cli(['path', 'historian-replica-351', 'historian-301', PLANT]);
    expect(asset.status).toBe(1);
    expect(asset.stdout).toContain('not reachable');
    // and the other way round, data does pass the diode
    const ok = cli(['path', 'historian-301', 'historian-replica-351', PLANT]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('-> via l-historian-diode: fiber, data, conduit cd-l3-dmz');
    expect(ok.stdout).toContain('conduits passed: cd-l3-dmz');
  });

  it('rejects an unknown id with exit 2 and a suggestion', () => {
    const r = cli(['path', 'scaner-mv-1', 'nuctech-hq-beijing', PORT]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no asset or zone "scaner-mv-1"');
    expect(r.stderr).toContain('did you mean "scanner-mv-1"?');
  });

  it('rejects an entity that is neither an asset nor a zone', () => {
    const r = cli(['path', 'mv-server-room', 'nuctech-hq-beijing', PORT]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"mv-server-room" is a room; give an asset or a zone');
  });
});
