/**
 * Types of inventory format v1, as documented in docs/inventory-format.md, and the loaded file
 * that load.ts reads and resolve.ts merges (here, so that neither of the two imports the other).
 */
import type { SourceFile } from '../source/location.js';

export type Trust = 'internet' | 'external' | 'dmz' | 'internal' | 'restricted' | 'closed';
/** Trust levels, lowest first. */
export const TRUST_ORDER: readonly Trust[] = ['internet', 'external', 'dmz', 'internal', 'restricted', 'closed'];
export type Screening = 'none' | 'certificate-of-conduct' | 'security-screening' | 'security-clearance';
/** Screening levels, lowest first. */
export const SCREENING_ORDER: readonly Screening[] = [
  'none',
  'certificate-of-conduct',
  'security-screening',
  'security-clearance',
];
export type Criticality = 'critical' | 'high' | 'medium' | 'low';
export const CRITICALITY_ORDER: readonly Criticality[] = ['low', 'medium', 'high', 'critical'];

/**
 * The organization types that are a state holder: a state, or an enterprise a state owns. Their
 * holdings make a supplier state-owned: the default holders of the ownership rules, and what the
 * supply-chain diagram marks as state (one definition, so the picture and the rules agree).
 */
export const STATE_HOLDER_TYPES = ['state', 'state-enterprise'] as const;

/** Is the organization a state holder (a state, or a state enterprise)? */
export function isStateHolder(o: { type: string }): boolean {
  return (STATE_HOLDER_TYPES as readonly string[]).includes(o.type);
}
export type Monitoring = 'log-collection' | 'ids' | 'alerting' | 'edr' | 'netflow' | 'siem';

export interface Jurisdiction {
  country: string;
  name?: string;
  intelligenceCooperationLaw?: boolean;
  offensiveProgrammeAgainst?: string[];
  notes?: string;
}

export interface Owner {
  organization: string;
  share: number;
  source?: string;
}

export interface Organization {
  id: string;
  name?: string;
  type: 'vendor' | 'maintainer' | 'operator' | 'holding' | 'company' | 'state' | 'state-enterprise' | 'external';
  country?: string;
  owners?: Owner[];
  mitigations?: { measure: string; approvedBy?: string; date?: string }[];
  notes?: string;
}

export interface Site {
  id: string;
  name?: string;
  kind: string;
  country?: string;
  operator?: string;
  requiredScreening?: Screening;
  notes?: string;
}

export interface Room {
  id: string;
  name?: string;
  site: string;
  kind: string;
  accessControl?: { badge?: boolean; escort?: boolean; accessLog?: boolean; grantedBy?: string };
  camera?: boolean;
  separation?: 'none' | 'locked-racks' | 'cages' | 'separate-rooms';
  requiredScreening?: Screening;
  notes?: string;
}

export interface Zone {
  id: string;
  name?: string;
  trust: Trust;
  securityLevel?: number;
  parent?: string;
  site?: string;
  purdueLevel?: string;
  monitoring?: Monitoring[];
  notes?: string;
}

export interface Conduit {
  id: string;
  name?: string;
  zones: string[];
  via: string[];
  securityLevel?: number;
  direction?: { from: string; to: string };
  notes?: string;
}

export interface Asset {
  id: string;
  name?: string;
  kind: string;
  function?: string;
  model?: string;
  vendor?: string;
  maintainer?: string;
  owner?: string;
  site?: string;
  room?: string;
  zone?: string;
  interfaces?: { name?: string; zone: string; address?: string }[];
  criticality?: Criticality;
  monitoring?: Monitoring[];
  updates?: { validated?: boolean; process?: string };
  audit?: { status?: 'none' | 'planned' | 'in-progress' | 'completed'; lastCompleted?: string; by?: string };
  procurement?: { securityAssessment?: boolean; date?: string; reference?: string };
  cameraCoverage?: boolean;
  requiredScreening?: Screening;
  notes?: string;
}

export interface Link {
  id: string;
  name?: string;
  from: string;
  to: string;
  medium: 'ethernet' | 'fiber' | 'wifi' | 'mobile' | 'satellite' | 'serial' | 'vpn';
  purpose?: 'data' | 'management' | 'remote-maintenance' | 'monitoring';
  conduit?: string;
  direction?: 'both' | 'forward' | 'reverse';
  encrypted?: boolean;
  mfa?: boolean;
  mode?: 'always-on' | 'on-demand';
  sessionLogging?: boolean;
  approval?: boolean;
  notes?: string;
}

export interface AccessGrant {
  target: string;
  escorted?: boolean;
  permit?: boolean;
  remote?: boolean;
}

export interface Person {
  id: string;
  name?: string;
  role?: string;
  employer?: string;
  screening?: Screening;
  registered?: boolean;
  access?: AccessGrant[];
  notes?: string;
}

export interface ForbiddenFlow {
  from: string;
  to: string;
  reason?: string;
}

export interface Policy {
  forbiddenFlows?: ForbiddenFlow[];
  requireMonitoringFor?: Trust[];
  params?: Record<string, Record<string, unknown>>;
}

/** Zone trusts that must have monitoring when the inventory's policy.requireMonitoringFor is not set. */
export const DEFAULT_REQUIRE_MONITORING: readonly Trust[] = ['restricted', 'closed'];

export interface Waiver {
  id?: string;
  rule: string;
  target: string;
  reason: string;
  approver?: string;
  ticket?: string;
  expires: string;
}

/** One inventory file as written (after schema validation). */
export interface InventoryFileDoc {
  seglint: 1;
  name?: string;
  description?: string;
  include?: string[];
  jurisdictions?: Jurisdiction[];
  organizations?: Organization[];
  sites?: Site[];
  rooms?: Room[];
  zones?: Zone[];
  conduits?: Conduit[];
  assets?: Asset[];
  links?: Link[];
  people?: Person[];
  policy?: Policy;
  waivers?: Waiver[];
}

/** Entity collections that hold objects with an `id`, keyed by their name in the file. */
export const ENTITY_COLLECTIONS = {
  organizations: 'organization',
  sites: 'site',
  rooms: 'room',
  zones: 'zone',
  conduits: 'conduit',
  assets: 'asset',
  links: 'link',
  people: 'person',
} as const;
export type CollectionName = keyof typeof ENTITY_COLLECTIONS;
export type EntityType =
  (typeof ENTITY_COLLECTIONS)[CollectionName] | 'jurisdiction' | 'waiver' | 'policy' | 'inventory';

export interface EntityMap {
  organization: Organization;
  site: Site;
  room: Room;
  zone: Zone;
  conduit: Conduit;
  asset: Asset;
  link: Link;
  person: Person;
}

/** A file that took part in the inventory. */
export interface InventoryFile {
  /** Path relative to the working directory, with forward slashes. */
  path: string;
  /** SHA-256 of the file's bytes. */
  sha256: string;
}

/** The merged, validated and resolved inventory. */
export interface Inventory {
  name: string;
  description?: string;
  files: InventoryFile[];
  jurisdictions: Jurisdiction[];
  organizations: Organization[];
  sites: Site[];
  rooms: Room[];
  zones: Zone[];
  conduits: Conduit[];
  assets: Asset[];
  links: Link[];
  people: Person[];
  policy: Required<Pick<Policy, 'forbiddenFlows' | 'params'>> & Policy;
  waivers: Waiver[];
}

/** One inventory file as read and validated, before the files are merged. */
export interface LoadedFile {
  abs: string;
  display: string;
  source: SourceFile;
  doc: InventoryFileDoc;
  sha256: string;
  /** Position in load order (inputs in order, includes depth first); the first named file names the inventory. */
  order: number;
}

/**
 * An inventory with nothing in it: every list empty, no name. The merge starts from it, and so
 * do tests that build an inventory by hand. The policy's maps have a null prototype: their keys
 * come from files, and `__proto__` must stay an ordinary key.
 */
export function emptyInventory(): Inventory {
  return {
    name: '',
    files: [],
    jurisdictions: [],
    organizations: [],
    sites: [],
    rooms: [],
    zones: [],
    conduits: [],
    assets: [],
    links: [],
    people: [],
    policy: { forbiddenFlows: [], params: Object.create(null) as Record<string, Record<string, unknown>> },
    waivers: [],
  };
}
