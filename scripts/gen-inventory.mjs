#!/usr/bin/env node
/**
 * Generates a valid, realistic seglint inventory of N assets, deterministic for a seed.
 *
 *   node scripts/gen-inventory.mjs --assets N --seed S [--split DIR] [-o FILE]
 *
 * Shape (for N assets): about 2N links, N/50 zones nested under one root zone per site,
 * N/2000 sites, N/20 rooms, vendors with ownership chains up to states and state enterprises,
 * jurisdictions, people with access grants, waivers (some expired), conduits through
 * firewalls and some data diodes, and forbidden flows. A realistic share of it breaks policy,
 * so that every rule of the pack has work: closed zones with mobile uplinks, links between
 * zones without a conduit, multi-vendor rooms without separation, zones without monitoring,
 * unvalidated updates, old or missing audits, unregistered or under-screened staff, vendor
 * concentration, state ownership, remote maintenance without approval, diodes pointing the
 * wrong way, conduits below their zones' security level, reachable forbidden flows.
 *
 * Without -o or --split the inventory goes to stdout. With --split DIR, DIR/inventory.yaml
 * includes organizations.yaml, people.yaml and one file per site (sites/<site>.yaml).
 *
 * The module also exports generate() and emit*() for tests (see gen-inventory.d.mts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---- seeded PRNG (sfc32 seeded by a string hash) ---------------------------------------

function hashSeed(str) {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

export function makeRng(seed) {
  const s = hashSeed(String(seed));
  let a = s(),
    b = s(),
    c = s(),
    d = s();
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  const rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    /** Picks with weights: [[value, weight], ...]. */
    weighted: (pairs) => {
      let total = 0;
      for (const [, w] of pairs) total += w;
      let r = next() * total;
      for (const [v, w] of pairs) if ((r -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
    shuffle: (xs) => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [xs[i], xs[j]] = [xs[j], xs[i]];
      }
      return xs;
    },
    date: (fromYear, toYear) =>
      `${rng.int(fromYear, toYear)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    // a day that has already happened at the TODAY the tests and the benchmark run with: seglint
    // refuses an audit, purchase or mitigation dated after today
    pastDate: (fromYear, toYear) => {
      const d = rng.date(fromYear, toYear);
      return d > PAST_LIMIT ? PAST_LIMIT : d;
    },
  };
  return rng;
}

// ---- the model ----------------------------------------------------------------------------

/** The TODAY of the tests and of the benchmark (scripts/bench.mjs): generated past dates end there. */
const PAST_LIMIT = '2026-11-29';
const pad = (n, w) => String(n).padStart(w, '0');

const JURISDICTIONS = [
  { country: 'NL', name: 'Netherlands', intelligenceCooperationLaw: false, offensiveProgrammeAgainst: [] },
  { country: 'DE', name: 'Germany', intelligenceCooperationLaw: false, offensiveProgrammeAgainst: [] },
  { country: 'BE', name: 'Belgium', intelligenceCooperationLaw: false, offensiveProgrammeAgainst: [] },
  { country: 'FR', name: 'France', intelligenceCooperationLaw: false, offensiveProgrammeAgainst: [] },
  { country: 'GB', name: 'United Kingdom', intelligenceCooperationLaw: false, offensiveProgrammeAgainst: [] },
  { country: 'US', name: 'United States', intelligenceCooperationLaw: false, offensiveProgrammeAgainst: [] },
  { country: 'JP', name: 'Japan', intelligenceCooperationLaw: false, offensiveProgrammeAgainst: [] },
  {
    country: 'CN',
    name: "People's Republic of China",
    intelligenceCooperationLaw: true,
    offensiveProgrammeAgainst: ['NL', 'DE', 'BE'],
    notes: 'National Intelligence Law 2017 (example assessment).',
  },
  {
    country: 'RU',
    name: 'Russian Federation',
    intelligenceCooperationLaw: true,
    offensiveProgrammeAgainst: ['NL', 'DE', 'BE', 'FR'],
    notes: 'Example assessment.',
  },
];
const VENDOR_COUNTRIES = [
  ['NL', 4],
  ['DE', 5],
  ['FR', 2],
  ['GB', 2],
  ['US', 5],
  ['JP', 2],
  ['CN', 3],
  ['RU', 1],
];
const SITE_KINDS = ['seaport', 'airport', 'plant', 'substation', 'datacenter', 'border-crossing'];
const SITE_COUNTRIES = [
  ['NL', 6],
  ['DE', 2],
  ['BE', 2],
];
const FUNCTIONS = [
  'cargo-scanning',
  'baggage-screening',
  'process-control',
  'video-surveillance',
  'access-control',
  'telemetry',
  'it-services',
  'storage',
];
/** Asset kinds for the ordinary members of a zone, with weights, per zone trust. */
const KINDS_BY_TRUST = {
  closed: [
    ['scanner', 3],
    ['server', 3],
    ['plc', 4],
    ['hmi', 2],
    ['sensor', 4],
    ['camera', 2],
    ['workstation', 1],
    ['storage', 1],
  ],
  restricted: [
    ['server', 3],
    ['plc', 3],
    ['hmi', 2],
    ['sensor', 3],
    ['camera', 3],
    ['workstation', 2],
    ['storage', 1],
  ],
  internal: [
    ['workstation', 5],
    ['server', 3],
    ['camera', 1],
    ['storage', 1],
    ['other', 1],
  ],
  dmz: [['server', 1]],
};
const FUNCTION_OF_KIND = {
  scanner: ['cargo-scanning', 'baggage-screening'],
  server: ['cargo-scanning', 'process-control', 'it-services', 'storage'],
  plc: ['process-control'],
  hmi: ['process-control'],
  sensor: ['telemetry', 'process-control'],
  camera: ['video-surveillance'],
  workstation: ['it-services', 'cargo-scanning'],
  storage: ['storage'],
  other: ['access-control'],
};
const MONITORING = ['log-collection', 'ids', 'alerting', 'edr', 'netflow', 'siem'];
/** Rule ids the waivers name: built-in rules of the pack, and `*`. */
const WAIVED_RULES = [
  'shared-room-multi-vendor',
  'mobile-uplink-in-closed-zone',
  'state-ownership',
  'unvalidated-updates',
  'external-audit-overdue',
  'zone-without-monitoring',
  '*',
];

/**
 * Generates the inventory as plain data: { name, description, jurisdictions, organizations,
 * sites, rooms, zones, conduits, assets, links, people, policy, waivers }. Each entity also
 * gets a non-enumerable `_site` (the id of the site whose file holds it in a split, or
 * undefined for the root file).
 */
export function generate({ assets: N = 1000, seed = 1 } = {}) {
  const rng = makeRng(`seglint-${seed}`);
  const inv = {
    name: `Generated inventory (${N} assets, seed ${seed})`,
    description: 'Generated by scripts/gen-inventory.mjs for benchmarks and property tests; every entity is fictional.',
    jurisdictions: JURISDICTIONS.map((j) => ({ ...j, offensiveProgrammeAgainst: [...j.offensiveProgrammeAgainst] })),
    organizations: [],
    sites: [],
    rooms: [],
    zones: [],
    conduits: [],
    assets: [],
    links: [],
    people: [],
    policy: { forbiddenFlows: [], requireMonitoringFor: ['restricted', 'closed'] },
    waivers: [],
  };
  const tag = (obj, site) => Object.defineProperty(obj, '_site', { value: site, enumerable: false });

  // ---- organizations: operator, states, state enterprises, holdings, vendors ---------------
  inv.organizations.push({ id: 'operator', name: 'Infrastructure Operator N.V.', type: 'operator', country: 'NL' });
  inv.organizations.push({
    id: 'operator-soc',
    name: 'Operator security operations centre',
    type: 'operator',
    country: 'NL',
  });
  const states = { CN: 'state-cn', RU: 'state-ru' };
  inv.organizations.push({ id: 'state-cn', name: 'State of CN (example)', type: 'state', country: 'CN' });
  inv.organizations.push({ id: 'state-ru', name: 'State of RU (example)', type: 'state', country: 'RU' });
  const nVendors = Math.max(6, Math.round(N / 250));
  const nEnterprises = Math.max(2, Math.round(nVendors / 20));
  const enterprises = [];
  for (let i = 1; i <= nEnterprises; i++) {
    const country = i % 3 === 0 ? 'RU' : 'CN';
    const id = `state-enterprise-${pad(i, 3)}`;
    enterprises.push(id);
    inv.organizations.push({
      id,
      name: `State enterprise ${i}`,
      type: 'state-enterprise',
      country,
      owners: [{ organization: states[country], share: 1, source: 'example' }],
    });
  }
  const holdings = [];
  const nHoldings = Math.max(2, Math.round(nVendors / 8));
  for (let i = 1; i <= nHoldings; i++) {
    const id = `holding-${pad(i, 3)}`;
    const country = rng.weighted(VENDOR_COUNTRIES);
    const h = { id, name: `Holding ${i}`, type: 'holding', country };
    if ((country === 'CN' || country === 'RU') && rng.chance(0.7)) {
      h.owners = [
        {
          organization: rng.pick(enterprises.filter((e) => e.length)),
          share: Math.round(rng.int(5, 60)) / 100,
          source: 'annual report (example)',
        },
      ];
    } else if (rng.chance(0.2) && holdings.length) {
      h.owners = [{ organization: rng.pick(holdings), share: Math.round(rng.int(10, 90)) / 100 }];
    }
    holdings.push(id);
    inv.organizations.push(h);
  }
  const vendors = [];
  for (let i = 1; i <= nVendors; i++) {
    const id = `vendor-${pad(i, 4)}`;
    const country = rng.weighted(VENDOR_COUNTRIES);
    const v = { id, name: `Vendor ${i} (${country})`, type: 'vendor', country };
    const owners = [];
    if (rng.chance(0.35))
      owners.push({
        organization: rng.pick(holdings),
        share: Math.round(rng.int(20, 90)) / 100,
        source: 'register (example)',
      });
    if ((country === 'CN' || country === 'RU') && rng.chance(0.3))
      owners.push({ organization: rng.pick(enterprises), share: Math.round(rng.int(5, 9)) / 100 });
    if (owners.length) v.owners = owners;
    if (rng.chance(0.15))
      v.mitigations = [
        { measure: 'Source code escrow and independent review', approvedBy: 'CISO', date: rng.date(2020, 2025) },
      ];
    vendors.push(v);
    inv.organizations.push(v);
  }
  const nMaint = Math.max(2, Math.round(nVendors / 10));
  const maintainers = [];
  for (let i = 1; i <= nMaint; i++) {
    const id = `maintainer-${pad(i, 3)}`;
    maintainers.push(id);
    inv.organizations.push({
      id,
      name: `Maintenance firm ${i}`,
      type: 'maintainer',
      country: rng.weighted([
        ['NL', 5],
        ['DE', 2],
        ['CN', 1],
      ]),
    });
  }
  // Vendors per function: a few dominate (vendor concentration).
  const vendorsByFunction = new Map();
  for (const f of FUNCTIONS) {
    const k = Math.min(vendors.length, rng.int(3, 8));
    const chosen = rng.shuffle([...vendors]).slice(0, k);
    vendorsByFunction.set(
      f,
      chosen.map((v, i) => [v, i === 0 ? 6 : i === 1 ? 3 : 1]),
    );
  }

  // ---- sites, rooms, zones ---------------------------------------------------------------
  const nSites = Math.max(2, Math.round(N / 2000));
  const nRooms = Math.max(nSites * 2, Math.round(N / 20));
  const nZonesTarget = Math.max(nSites * 2 + 4, Math.round(N / 50));
  const siteIds = [];
  for (let s = 1; s <= nSites; s++) {
    const id = `site-${pad(s, 3)}`;
    siteIds.push(id);
    const kind = SITE_KINDS[(s - 1) % SITE_KINDS.length];
    const site = tag(
      { id, name: `Site ${s} (${kind})`, kind, country: rng.weighted(SITE_COUNTRIES), operator: 'operator' },
      id,
    );
    site.requiredScreening = rng.weighted([
      ['certificate-of-conduct', 3],
      ['security-screening', 1],
    ]);
    inv.sites.push(site);
  }
  const roomsBySite = new Map(siteIds.map((s) => [s, []]));
  for (let r = 1; r <= nRooms; r++) {
    const site = siteIds[(r - 1) % nSites];
    const id = `room-${site.slice(5)}-${pad(r, 5)}`;
    const kind = rng.weighted([
      ['server-room', 3],
      ['technical-room', 3],
      ['control-room', 2],
      ['field', 2],
      ['office', 1],
      ['computer-room', 1],
    ]);
    const room = tag({ id, name: `Room ${r}`, site, kind }, site);
    if (rng.chance(0.93)) {
      room.accessControl = {
        badge: rng.chance(0.95),
        accessLog: rng.chance(0.85),
        grantedBy: rng.chance(0.6) ? 'operator-soc' : 'operator',
      };
      if (rng.chance(0.3)) room.accessControl.escort = true;
    }
    room.camera = rng.chance(0.8);
    room.separation = rng.weighted([
      ['none', 3],
      ['locked-racks', 4],
      ['cages', 2],
      ['separate-rooms', 1],
    ]);
    if (rng.chance(0.3))
      room.requiredScreening = rng.weighted([
        ['security-screening', 3],
        ['security-clearance', 1],
      ]);
    roomsBySite.get(site).push(room);
    inv.rooms.push(room);
  }
  // Global zones (root file).
  const zone = (z, site) => {
    inv.zones.push(tag(z, site));
    return z;
  };
  zone({
    id: 'corp-internal',
    name: 'Corporate network',
    trust: 'internal',
    securityLevel: 2,
    monitoring: ['log-collection', 'edr', 'siem'],
  });
  zone({
    id: 'corp-dmz',
    name: 'Corporate DMZ',
    trust: 'dmz',
    securityLevel: 2,
    parent: 'corp-internal',
    monitoring: ['ids', 'log-collection'],
  });
  zone({ id: 'internet', name: 'Internet', trust: 'internet' });
  zone({ id: 'vendor-remote', name: "Vendors' head offices", trust: 'external' });
  // Per site: a root zone and nested zones down to depth 3.
  const zonesPerSite = Math.max(2, Math.floor((nZonesTarget - 4) / nSites));
  const siteZones = new Map();
  for (const site of siteIds) {
    const sx = site.slice(5);
    const list = [];
    const root = zone(
      {
        id: `zone-${sx}-root`,
        name: `Site ${sx} OT network`,
        trust: 'internal',
        securityLevel: 2,
        site,
        monitoring: ['log-collection', 'ids'],
      },
      site,
    );
    list.push(root);
    for (let k = 1; k < zonesPerSite; k++) {
      const parent =
        k < 4 || list.length < 4
          ? root
          : rng.chance(0.6)
            ? root
            : rng.pick(list.slice(1).filter((z) => z.parent === root.id));
      const trust = rng.weighted([
        ['closed', 3],
        ['restricted', 4],
        ['internal', 2],
      ]);
      const z = {
        id: `zone-${sx}-${pad(k, 4)}`,
        name: `Site ${sx} zone ${k} (${trust})`,
        trust,
        securityLevel: trust === 'closed' ? 3 : trust === 'restricted' ? rng.int(2, 3) : 2,
        parent: parent.id,
        site,
      };
      if (rng.chance(0.3)) z.purdueLevel = rng.pick(['1', '2', '3']);
      // Most zones are monitored; some restricted or closed ones are not.
      z.monitoring = rng.chance(0.8)
        ? rng
            .shuffle([...MONITORING])
            .slice(0, rng.int(1, 3))
            .sort()
        : [];
      list.push(zone(z, site));
    }
    siteZones.set(site, list);
  }

  // ---- assets -----------------------------------------------------------------------------
  const assetsByZone = new Map();
  const addAsset = (a, site) => {
    inv.assets.push(tag(a, site));
    return a;
  };
  const zoneOfId = new Map(inv.zones.map((z) => [z.id, z]));
  let assetNo = 0;
  const nextId = (kind, sx) => `${kind === 'external-endpoint' ? 'ext' : kind}-${sx}-${pad(++assetNo, 6)}`;
  const auditOf = () => {
    const st = rng.weighted([
      ['completed', 7],
      ['in-progress', 1],
      ['planned', 1],
      ['none', 1],
    ]);
    const au = { status: st };
    if (st === 'completed') au.lastCompleted = rng.pastDate(2018, 2026);
    if (st !== 'none' && rng.chance(0.2)) au.by = 'External auditor (example)';
    return au;
  };
  // Infrastructure first: a core switch per zone, a firewall (or diode) per nested zone.
  const coreOf = new Map();
  const fwOf = new Map();
  const infra = [];
  for (const site of siteIds) {
    const sx = site.slice(5);
    const serverRooms = roomsBySite.get(site);
    for (const z of siteZones.get(site)) {
      const room = rng.pick(serverRooms);
      const sw = addAsset(
        {
          id: nextId('switch', sx),
          name: `Core switch of ${z.id}`,
          kind: 'switch',
          owner: 'operator',
          maintainer: 'operator',
          site,
          room: room.id,
          zone: z.id,
          criticality: 'high',
        },
        site,
      );
      coreOf.set(z.id, sw);
      const parent = z.parent ?? 'corp-internal';
      const diode = z.trust === 'closed' && rng.chance(0.3);
      const fw = addAsset(
        {
          id: nextId(diode ? 'data-diode' : 'firewall', sx),
          name: `${diode ? 'Data diode' : 'Firewall'} between ${z.id} and ${parent}`,
          kind: diode ? 'data-diode' : 'firewall',
          vendor: rng.pick(vendors).id,
          owner: 'operator',
          maintainer: 'operator',
          site,
          room: room.id,
          interfaces: [
            { name: 'inside', zone: z.id },
            { name: 'outside', zone: parent },
          ],
          criticality: 'high',
          updates: { validated: rng.chance(0.85) },
          audit: auditOf(),
        },
        site,
      );
      fwOf.set(z.id, fw);
      infra.push(sw.id, fw.id);
      const pz = zoneOfId.get(parent);
      const slMax = Math.max(z.securityLevel ?? 0, pz.securityLevel ?? 0);
      const c = {
        id: `cd-${z.id.slice(5)}`,
        name: `Conduit ${z.id} to ${parent}`,
        zones: [z.id, parent],
        via: [fw.id],
        securityLevel: rng.chance(0.9) ? slMax : Math.max(1, slMax - 1),
      };
      if (diode) c.direction = rng.chance(0.85) ? { from: z.id, to: parent } : { from: parent, to: z.id };
      inv.conduits.push(tag(c, site));
    }
  }
  // Global infrastructure: corporate core, DMZ, internet, vendor endpoints.
  const corpCore = addAsset({
    id: 'switch-corp-core',
    name: 'Corporate core switch',
    kind: 'switch',
    owner: 'operator',
    maintainer: 'operator',
    zone: 'corp-internal',
    criticality: 'high',
  });
  const dmzFw = addAsset({
    id: 'firewall-corp-dmz',
    name: 'Corporate DMZ firewall',
    kind: 'firewall',
    owner: 'operator',
    maintainer: 'operator',
    interfaces: [
      { name: 'inside', zone: 'corp-internal' },
      { name: 'dmz', zone: 'corp-dmz' },
    ],
    criticality: 'high',
  });
  const edgeFw = addAsset({
    id: 'firewall-internet-edge',
    name: 'Internet edge firewall',
    kind: 'firewall',
    owner: 'operator',
    maintainer: 'operator',
    interfaces: [
      { name: 'dmz', zone: 'corp-dmz' },
      { name: 'outside', zone: 'internet' },
      { name: 'vendors', zone: 'vendor-remote' },
    ],
    criticality: 'high',
  });
  const jump = addAsset({
    id: 'server-jump-host',
    name: 'Remote maintenance jump host',
    kind: 'server',
    function: 'it-services',
    owner: 'operator',
    maintainer: 'operator',
    zone: 'corp-dmz',
    criticality: 'high',
    monitoring: ['log-collection'],
    updates: { validated: true },
  });
  const inet = addAsset({ id: 'ext-internet', name: 'The Internet', kind: 'external-endpoint', zone: 'internet' });
  inv.conduits.push(
    tag({
      id: 'cd-corp-dmz',
      name: 'Corporate network to DMZ',
      zones: ['corp-internal', 'corp-dmz'],
      via: [dmzFw.id],
      securityLevel: 2,
    }),
  );
  inv.conduits.push(
    tag({
      id: 'cd-dmz-edge',
      name: 'DMZ to the Internet and the vendors',
      zones: ['corp-dmz', 'internet', 'vendor-remote'],
      via: [edgeFw.id],
      securityLevel: 2,
    }),
  );
  const vendorHq = new Map();
  const hqOf = (vendorId) => {
    let a = vendorHq.get(vendorId);
    if (!a) {
      a = addAsset({
        id: `ext-hq-${vendorId}`,
        name: `Head office of ${vendorId}`,
        kind: 'external-endpoint',
        owner: vendorId,
        zone: 'vendor-remote',
      });
      vendorHq.set(vendorId, a);
    }
    return a;
  };

  // Ordinary assets, spread over the zones.
  const allSiteZones = siteIds.flatMap((s) => siteZones.get(s));
  const budget = Math.max(0, N - inv.assets.length - Math.round(N * 0.01));
  const corpShare = Math.round(budget * 0.03);
  const placeZones = [];
  for (let i = 0; i < budget - corpShare; i++) placeZones.push(allSiteZones[i % allSiteZones.length]);
  for (let i = 0; i < corpShare; i++) placeZones.push(zoneOfId.get('corp-internal'));
  rng.shuffle(placeZones);
  for (const z of placeZones) {
    const site = z.site;
    const sx = site ? site.slice(5) : 'corp';
    const kind = rng.weighted(KINDS_BY_TRUST[z.trust] ?? KINDS_BY_TRUST.internal);
    const fn = rng.pick(FUNCTION_OF_KIND[kind]);
    const vendor = rng.weighted(vendorsByFunction.get(fn));
    const a = { id: nextId(kind, sx) };
    if (rng.chance(0.4)) a.name = `${kind} ${assetNo}`;
    a.kind = kind;
    a.function = fn;
    if (rng.chance(0.25)) a.model = `${vendor.id.toUpperCase()}-${kind.slice(0, 2).toUpperCase()}${rng.int(100, 999)}`;
    a.vendor = vendor.id;
    a.maintainer = rng.chance(0.7) ? vendor.id : rng.chance(0.5) ? rng.pick(maintainers) : 'operator';
    if (rng.chance(0.97)) a.owner = 'operator';
    if (site) {
      if (rng.chance(0.4)) a.site = site; // otherwise implied by the room
      a.room = rng.pick(roomsBySite.get(site)).id;
    }
    a.zone = z.id;
    a.criticality = rng.weighted([
      ['critical', 2],
      ['high', 3],
      ['medium', 4],
      ['low', 2],
    ]);
    if (rng.chance(0.25))
      a.monitoring = rng
        .shuffle([...MONITORING])
        .slice(0, rng.int(1, 2))
        .sort();
    if (rng.chance(0.8)) a.updates = { validated: rng.chance(0.8) };
    if (a.updates && rng.chance(0.1))
      a.updates.process = rng.chance(0.5)
        ? 'Vendor patch bundle, tested on the acceptance system'
        : 'Installed by the vendor on site';
    if (a.criticality === 'critical' || a.criticality === 'high' || rng.chance(0.2)) a.audit = auditOf();
    if (rng.chance(0.7)) a.procurement = { securityAssessment: rng.chance(0.75), date: rng.pastDate(2012, 2026) };
    if (kind === 'scanner' || kind === 'camera') a.cameraCoverage = rng.chance(0.9);
    if (rng.chance(0.15))
      a.requiredScreening = rng.weighted([
        ['security-screening', 3],
        ['security-clearance', 1],
      ]);
    addAsset(a, site);
    let list = assetsByZone.get(z.id);
    if (!list) assetsByZone.set(z.id, (list = []));
    list.push(a);
  }

  // ---- links ------------------------------------------------------------------------------
  let linkNo = 0;
  const link = (l, site) => {
    inv.links.push(tag({ id: `link-${pad(++linkNo, 7)}`, ...l }, site));
  };
  const siteOfAsset = (a) => a._site;
  // zone cores to their firewalls, firewalls to the parent's core (through the conduit)
  for (const z of allSiteZones) {
    const parent = z.parent ?? 'corp-internal';
    const fw = fwOf.get(z.id);
    const parentCore = parent === 'corp-internal' ? corpCore : coreOf.get(parent);
    const cid = `cd-${z.id.slice(5)}`;
    link({ from: coreOf.get(z.id).id, to: fw.id, medium: 'fiber', purpose: 'data', conduit: cid }, z.site);
    link({ from: fw.id, to: parentCore.id, medium: 'fiber', purpose: 'data', conduit: cid }, z.site);
  }
  link({ from: corpCore.id, to: dmzFw.id, medium: 'fiber', purpose: 'data', conduit: 'cd-corp-dmz' });
  link({ from: dmzFw.id, to: jump.id, medium: 'ethernet', purpose: 'management', conduit: 'cd-corp-dmz' });
  link({ from: jump.id, to: edgeFw.id, medium: 'ethernet', purpose: 'data', conduit: 'cd-dmz-edge' });
  link({ from: edgeFw.id, to: inet.id, medium: 'fiber', purpose: 'data', conduit: 'cd-dmz-edge' });
  // every asset to its zone's core switch, and about one more link inside the zone
  const zoneAssets = [...assetsByZone.entries()];
  for (const [zid, list] of zoneAssets) {
    const core = zid === 'corp-internal' ? corpCore : coreOf.get(zid);
    for (const a of list)
      link(
        {
          from: a.id,
          to: core.id,
          medium: rng.weighted([
            ['ethernet', 6],
            ['fiber', 3],
            ['wifi', 1],
          ]),
          purpose: 'data',
        },
        siteOfAsset(a),
      );
    for (const a of list) {
      if (list.length < 2) break;
      let b = rng.pick(list);
      if (b === a) b = list[(list.indexOf(a) + 1) % list.length];
      const l = {
        from: a.id,
        to: b.id,
        medium: rng.weighted([
          ['ethernet', 8],
          ['serial', 1],
          ['wifi', 1],
        ]),
        purpose: rng.weighted([
          ['data', 8],
          ['management', 1],
          ['monitoring', 1],
        ]),
      };
      if (rng.chance(0.05)) l.direction = 'forward';
      link(l, siteOfAsset(a));
    }
  }
  // links between zones without a conduit (about 0.3% of assets)
  const ordinary = inv.assets.filter(
    (a) => a.zone && a.kind !== 'switch' && a.kind !== 'external-endpoint' && a.zone !== 'corp-internal',
  );
  const crossCount = Math.max(2, Math.round(N * 0.003));
  for (let i = 0; i < crossCount && ordinary.length > 1; i++) {
    const a = rng.pick(ordinary);
    const b = rng.pick(ordinary);
    if (a.zone === b.zone) continue;
    link(
      {
        from: a.id,
        to: b.id,
        medium: 'ethernet',
        purpose: rng.pick(['data', 'management']),
        notes: 'Patch cable found during walkdown (example).',
      },
      siteOfAsset(a),
    );
  }
  // remote maintenance: modems in closed zones with mobile uplinks to the vendor's head office
  const closedZones = allSiteZones.filter((z) => z.trust === 'closed' && (assetsByZone.get(z.id)?.length ?? 0) > 0);
  const modemCount = Math.max(2, Math.round(N * 0.004));
  for (let i = 0; i < modemCount && closedZones.length; i++) {
    const z = rng.pick(closedZones);
    const target = rng.pick(assetsByZone.get(z.id));
    const sx = z.site.slice(5);
    const modem = addAsset(
      {
        id: nextId('modem', sx),
        name: `Mobile modem at ${target.id}`,
        kind: 'modem',
        vendor: target.vendor,
        maintainer: target.vendor,
        owner: 'operator',
        site: z.site,
        room: target.room,
        zone: z.id,
        criticality: 'high',
      },
      z.site,
    );
    link({ from: target.id, to: modem.id, medium: 'ethernet', purpose: 'remote-maintenance' }, z.site);
    const hq = hqOf(target.vendor);
    const up = {
      from: modem.id,
      to: hq.id,
      medium: rng.weighted([
        ['mobile', 5],
        ['satellite', 1],
      ]),
      purpose: 'remote-maintenance',
      mode: rng.chance(0.7) ? 'always-on' : 'on-demand',
      encrypted: rng.chance(0.8),
      sessionLogging: rng.chance(0.3),
    };
    if (rng.chance(0.4)) up.approval = true;
    link(up, z.site);
  }
  // remote maintenance through the jump host (the proper way), with varying controls
  for (const v of vendors) {
    if (!rng.chance(0.3)) continue;
    const hq = hqOf(v.id);
    link({
      from: hq.id,
      to: edgeFw.id,
      medium: 'vpn',
      purpose: 'remote-maintenance',
      conduit: 'cd-dmz-edge',
      mode: rng.pick(['always-on', 'on-demand']),
      encrypted: true,
      mfa: rng.chance(0.7),
      sessionLogging: rng.chance(0.7),
      approval: rng.chance(0.6),
    });
  }
  // fill to N assets with workstations in the corporate network
  while (inv.assets.length < N) {
    const a = addAsset({
      id: nextId('workstation', 'corp'),
      name: `Office workstation ${assetNo}`,
      kind: 'workstation',
      function: 'it-services',
      vendor: rng.pick(vendors).id,
      owner: 'operator',
      maintainer: 'operator',
      zone: 'corp-internal',
      criticality: 'low',
    });
    link({ from: a.id, to: corpCore.id, medium: 'ethernet', purpose: 'data' });
  }

  // ---- people ------------------------------------------------------------------------------
  const nPeople = Math.max(5, Math.round(N / 25));
  const siteAssets = new Map(siteIds.map((s) => [s, []]));
  for (const a of inv.assets) if (a.site && a.kind !== 'switch') siteAssets.get(a.site).push(a);
  for (let p = 1; p <= nPeople; p++) {
    const vendorStaff = rng.chance(0.6);
    const employer = vendorStaff ? (rng.chance(0.8) ? rng.pick(vendors).id : rng.pick(maintainers)) : 'operator';
    const person = {
      id: `person-${pad(p, 6)}`,
      name: vendorStaff ? `${employer} technician ${p}` : `Operator staff ${p}`,
      role: vendorStaff
        ? rng.weighted([
            ['technician', 4],
            ['engineer', 2],
          ])
        : rng.weighted([
            ['operator', 4],
            ['administrator', 2],
            ['security', 1],
            ['auditor', 1],
          ]),
      employer,
      screening: rng.weighted([
        ['certificate-of-conduct', 5],
        ['security-screening', 3],
        ['security-clearance', 1],
        ['none', 1],
      ]),
      registered: rng.chance(vendorStaff ? 0.92 : 0.98),
    };
    const site = rng.pick(siteIds);
    const grants = [];
    const seen = new Set();
    const k = rng.int(1, 5);
    for (let g = 0; g < k; g++) {
      const r = rng.next();
      const target =
        r < 0.4
          ? rng.pick(roomsBySite.get(site)).id
          : r < 0.9 && siteAssets.get(site).length
            ? rng.pick(siteAssets.get(site)).id
            : site;
      if (seen.has(target)) continue;
      seen.add(target);
      const gr = { target, escorted: rng.chance(0.3), permit: rng.chance(0.6) };
      if (rng.chance(0.05)) gr.remote = true;
      grants.push(gr);
    }
    person.access = grants;
    inv.people.push(tag(person));
  }

  // ---- policy and waivers ------------------------------------------------------------------
  const closedIds = allSiteZones.filter((z) => z.trust === 'closed').map((z) => z.id);
  const nFlows = Math.max(2, Math.round(closedIds.length / 25));
  const flowSeen = new Set();
  for (let i = 0; i < nFlows && closedIds.length; i++) {
    const z = rng.pick(closedIds);
    const pair = rng.chance(0.5) ? [z, 'vendor-remote'] : ['internet', z];
    const key = pair.join('>');
    if (flowSeen.has(key)) continue;
    flowSeen.add(key);
    inv.policy.forbiddenFlows.push({
      from: pair[0],
      to: pair[1],
      reason:
        pair[0] === 'internet'
          ? 'No path from the Internet into a closed zone.'
          : 'Closed zone data must not leave for a vendor.',
    });
  }
  const nWaivers = Math.max(4, Math.round(N / 500));
  for (let i = 1; i <= nWaivers; i++) {
    const rule = rng.pick(WAIVED_RULES);
    const r = rng.next();
    const target =
      r < 0.4
        ? rng.pick(inv.rooms).id
        : r < 0.7
          ? rng.pick(inv.assets).id
          : r < 0.85
            ? `${rng.pick(inv.zones).id}*`
            : rng.pick(vendors).id;
    const expired = rng.chance(0.35);
    inv.waivers.push({
      id: `waiver-${pad(i, 4)}`,
      rule,
      target,
      reason: expired ? 'Planned fix, not delivered yet (example).' : 'Accepted risk pending replacement (example).',
      approver: 'Head of security (example)',
      ticket: `RISK-${1000 + i}`,
      expires: expired ? rng.date(2021, 2025) : rng.date(2027, 2029),
    });
  }
  return inv;
}

// ---- YAML emission ----------------------------------------------------------------------------

const PLAIN_RE = /^[A-Za-z][A-Za-z0-9 ._()/'-]*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|~|y|n)$/i;
/** A scalar as YAML: plain when safe, JSON-quoted otherwise (a JSON string is a YAML string). */
export function scalar(v) {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  const s = String(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s; // dates stay plain (seglint reads them as strings)
  if (PLAIN_RE.test(s) && !RESERVED.test(s) && !s.endsWith(' ') && !/ #|: /.test(s)) return s;
  return JSON.stringify(s);
}

const isScalar = (v) => v === null || typeof v !== 'object';
/** A flow collection on one line (for links, grants, small maps). */
function flow(v, keyOrder) {
  if (isScalar(v)) return scalar(v);
  if (Array.isArray(v)) return `[${v.map((x) => flow(x, keyOrder)).join(', ')}]`;
  return `{ ${entriesOf(v, keyOrder)
    .map(([k, x]) => `${k}: ${flow(x, keyOrder)}`)
    .join(', ')} }`;
}

/**
 * Writes `value` as block YAML lines at `indent`. Mappings whose values are all scalars or
 * scalar lists, and lists of such mappings under `flowItems`, go in flow style.
 */
function block(out, value, indent, keyOrder) {
  const sp = ' '.repeat(indent);
  for (const [k, v] of entriesOf(value, keyOrder)) {
    if (isScalar(v)) out.push(`${sp}${k}: ${scalar(v)}`);
    else if (Array.isArray(v)) {
      if (v.length === 0 || v.every(isScalar)) out.push(`${sp}${k}: ${flow(v, keyOrder)}`);
      else {
        out.push(`${sp}${k}:`);
        for (const item of v) out.push(`${sp}  - ${flow(item, keyOrder)}`);
      }
    } else if (Object.values(v).every(isScalar)) out.push(`${sp}${k}: ${flow(v, keyOrder)}`);
    else {
      out.push(`${sp}${k}:`);
      block(out, v, indent + 2, keyOrder);
    }
  }
}

function entriesOf(obj, keyOrder) {
  const e = Object.entries(obj).filter(([, v]) => v !== undefined);
  return keyOrder ? keyOrder(e) : e;
}

/** One list item in block style: `- k: v` then the other keys indented. */
function blockItem(out, obj, indent, keyOrder) {
  const lines = [];
  block(lines, obj, indent + 2, keyOrder);
  const sp = ' '.repeat(indent);
  if (lines.length) lines[0] = `${sp}- ${lines[0].slice(indent + 2)}`;
  for (const l of lines) out.push(l);
}

const FLOW_SECTIONS = new Set(['links']);
export const SECTION_ORDER = [
  'jurisdictions',
  'organizations',
  'sites',
  'rooms',
  'zones',
  'conduits',
  'assets',
  'links',
  'people',
];

/**
 * Emits one inventory file. `doc` holds any of the sections, plus name, description,
 * include, policy and waivers. Options: `keyOrder(entries)` reorders keys of every mapping
 * (default: as built), `header` adds a comment line.
 */
export function emitFile(doc, { keyOrder, header } = {}) {
  const out = [];
  out.push('# yaml-language-server: $schema=https://seglint.dev/schemas/inventory.schema.json');
  if (header) out.push(`# ${header}`);
  out.push('seglint: 1');
  if (doc.name) out.push(`name: ${scalar(doc.name)}`);
  if (doc.description) out.push(`description: ${scalar(doc.description)}`);
  if (doc.include?.length) {
    out.push('include:');
    for (const i of doc.include) out.push(`  - ${scalar(i)}`);
  }
  const sections = keyOrder ? keyOrder(SECTION_ORDER.map((s) => [s, doc[s]])).map(([s]) => s) : SECTION_ORDER;
  for (const s of sections) {
    const list = doc[s];
    if (!list || list.length === 0) continue;
    out.push('', `${s}:`);
    for (const item of list) {
      if (FLOW_SECTIONS.has(s)) out.push(`  - ${flow(item, keyOrder)}`);
      else blockItem(out, item, 2, keyOrder);
    }
  }
  const pol = doc.policy;
  if (pol && (pol.forbiddenFlows?.length || pol.requireMonitoringFor?.length)) {
    out.push('', 'policy:');
    if (pol.requireMonitoringFor?.length) out.push(`  requireMonitoringFor: ${flow(pol.requireMonitoringFor)}`);
    if (pol.forbiddenFlows?.length) {
      out.push('  forbiddenFlows:');
      for (const f of pol.forbiddenFlows) blockItem(out, f, 4, keyOrder);
    }
  }
  if (doc.waivers?.length) {
    out.push('', 'waivers:');
    for (const w of doc.waivers) blockItem(out, w, 2, keyOrder);
  }
  return out.join('\n') + '\n';
}

/** The whole inventory as one file. */
export function emitSingle(inv, options = {}) {
  return emitFile(inv, options);
}

/**
 * The inventory split over files: inventory.yaml (global zones, assets, links, policy,
 * waivers; includes the rest), organizations.yaml, people.yaml and sites/<site>.yaml.
 * Returns { relativePath: content }.
 */
export function emitSplit(inv, options = {}) {
  const files = {};
  const bySite = new Map();
  const root = {
    name: inv.name,
    description: inv.description,
    include: ['organizations.yaml', 'people.yaml', 'sites/*.yaml'],
    policy: inv.policy,
    waivers: inv.waivers,
  };
  for (const s of ['sites', 'rooms', 'zones', 'conduits', 'assets', 'links']) {
    for (const e of inv[s]) {
      const site = e._site;
      const target = site ? (bySite.get(site) ?? bySite.set(site, {}).get(site)) : root;
      (target[s] ??= []).push(e);
    }
  }
  files['inventory.yaml'] = emitFile(root, {
    ...options,
    header: 'Root of a generated split inventory; sites/*.yaml hold one site each.',
  });
  files['organizations.yaml'] = emitFile(
    { jurisdictions: inv.jurisdictions, organizations: inv.organizations },
    options,
  );
  files['people.yaml'] = emitFile({ people: inv.people }, options);
  for (const [site, doc] of [...bySite.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    files[`sites/${site}.yaml`] = emitFile(doc, options);
  return files;
}

// ---- command line -------------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { assets: 1000, seed: '1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--assets' || a === '-n') args.assets = Number(val());
    else if (a === '--seed' || a === '-s') args.seed = val();
    else if (a === '--split') args.split = val();
    else if (a === '-o' || a === '--output') args.output = val();
    else if (a === '-h' || a === '--help') args.help = true;
    else throw new Error(`unknown argument "${a}"`);
  }
  if (!Number.isInteger(args.assets) || args.assets < 50) throw new Error('--assets must be an integer of at least 50');
  return args;
}

function cliMain() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(
      `gen-inventory: ${err.message}\nusage: node scripts/gen-inventory.mjs --assets N --seed S [--split DIR] [-o FILE]\n`,
    );
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write('usage: node scripts/gen-inventory.mjs --assets N --seed S [--split DIR] [-o FILE]\n');
    return;
  }
  const inv = generate({ assets: args.assets, seed: args.seed });
  if (args.split) {
    const files = emitSplit(inv);
    for (const [rel, content] of Object.entries(files)) {
      const f = path.join(args.split, rel);
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, content);
    }
    process.stderr.write(
      `gen-inventory: ${inv.assets.length} assets, ${inv.links.length} links in ${Object.keys(files).length} files under ${args.split}/\n`,
    );
  }
  if (args.output || !args.split) {
    const text = emitSingle(inv);
    if (args.output) writeFileSync(args.output, text);
    else process.stdout.write(text);
    if (args.output)
      process.stderr.write(
        `gen-inventory: ${inv.assets.length} assets, ${inv.links.length} links, ${(text.length / 1e6).toFixed(1)} MB in ${args.output}\n`,
      );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) cliMain();
