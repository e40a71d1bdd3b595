/**
 * `seglint init [dir]`: writes a commented starter inventory and a seglint.config.yaml, each
 * with a yaml-language-server modeline pointing at seglint's schema, so that an editor
 * completes and explains every key from the first keystroke. Never overwrites a file.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../../source/errors.js';
import { SCHEMA_DIR } from '../../source/schema.js';
import { createFiles, OutputError, reasonOf } from '../output.js';
import { visible } from '../../base/sanitize.js';
import { cwdOf, type Command } from '../shared.js';

export const STARTER_INVENTORY = 'inventory.yaml';
export const STARTER_CONFIG = 'seglint.config.yaml';

/** Where a file in `dir` should point for a schema: a relative path (or a URL given as-is). */
export function schemaRef(dir: string, kind: 'inventory' | 'config', base?: string): string {
  if (base && /^[a-z][a-z0-9+.-]*:\/\//i.test(base)) return `${base.replace(/\/$/, '')}/${kind}.schema.json`;
  const schemaDir = base ? path.resolve(dir, base) : SCHEMA_DIR;
  const rel = path
    .relative(dir, path.join(schemaDir, `${kind}.schema.json`))
    .split(path.sep)
    .join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** The starter inventory: one template, the file as the user gets it (long, and kept whole so that it reads as that file). */
// eslint-disable-next-line max-lines-per-function -- one template literal, the file as the user gets it: split, it would no longer read as that file
export function starterInventory(schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# A starter seglint inventory. Replace the examples with your own equipment, then run
#   seglint check ${STARTER_INVENTORY}
# The format is described in docs/inventory-format.md; with the modeline above, an editor
# that runs the YAML language server completes every key and shows its description on hover.
seglint: 1 # format version
name: My site
description: What this inventory covers (one site, one network, one function...).

# Countries the organizations below are based in, and how the government assesses them.
jurisdictions:
  - country: NL
    name: Netherlands
    intelligenceCooperationLaw: false # does law oblige firms to help intelligence services?
    offensiveProgrammeAgainst: [] # countries it runs an offensive programme against

# Who supplies, maintains, owns and operates the equipment; owners with their shares.
organizations:
  - id: my-company
    name: My Company B.V.
    type: operator # vendor | maintainer | operator | holding | company | state | state-enterprise | external
    country: NL
  - id: example-vendor
    name: Example Vendor B.V.
    type: vendor
    country: NL

# Physical places: sites, and the rooms in them.
sites:
  - id: main-site
    name: Main site
    kind: plant
    country: NL
    operator: my-company
rooms:
  - id: server-room
    name: Server room
    site: main-site
    kind: server-room
    camera: true
    accessControl: { badge: true, accessLog: true, grantedBy: my-company }

# Network zones (IEC 62443): trust is internet | external | dmz | internal | restricted | closed.
zones:
  - id: office
    name: Office network
    trust: internal
    securityLevel: 2
    monitoring: [ids, log-collection]
  - id: control
    name: Control network
    trust: restricted
    securityLevel: 3
    site: main-site
    monitoring: [ids, log-collection, alerting]

# Conduits: the only way between zones, through filtering assets (firewalls, data diodes).
conduits:
  - id: cd-office-control
    name: Office to control network
    zones: [office, control]
    via: [fw-control]
    securityLevel: 3

# The equipment. An asset sits in one zone, or has an interface in several (a firewall).
assets:
  - id: fw-control
    name: Control network firewall
    kind: firewall
    vendor: example-vendor
    maintainer: my-company
    owner: my-company
    room: server-room
    interfaces:
      - { name: office, zone: office }
      - { name: control, zone: control }
    criticality: high
    monitoring: [log-collection]
  - id: plc-1
    name: Example PLC
    kind: plc
    vendor: example-vendor
    maintainer: my-company
    owner: my-company
    room: server-room
    zone: control
    criticality: high # critical | high | medium | low; critical assets also need an external audit:
    # audit: { status: completed, lastCompleted: 2026-01-31, by: Example Auditors }
    monitoring: [log-collection]
    updates: { validated: true }
    procurement: { securityAssessment: true }
  - id: ws-1
    name: Office workstation
    kind: workstation
    owner: my-company
    maintainer: my-company
    zone: office
    criticality: low

# Links between assets: medium is ethernet | fiber | wifi | mobile | satellite | serial | vpn.
links:
  - { id: l-ws-fw, from: ws-1, to: fw-control, medium: ethernet, purpose: data, conduit: cd-office-control }
  - { id: l-fw-plc, from: fw-control, to: plc-1, medium: ethernet, purpose: data, conduit: cd-office-control }

# People who may touch the equipment, with their screening and access.
people: []

# What must never happen, checked by the segmentation rules.
# A flow is "possible" when links (in the direction data can flow) join the zones, whatever
# firewall is on the way; a data diode or one-way conduit is what stops it.
policy:
  forbiddenFlows: []
  # - { from: office, to: control, reason: Office hosts must not reach the control network. }

# Accepted exceptions: rule, target, reason and an expiry date (an expired waiver is reported).
waivers: []
`;
}

export function starterConfig(schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# seglint configuration, found next to the inventory (or given with --config).
# List the rules with \`seglint rules\`; read one with \`seglint explain <rule>\`.

# Lowest severity that fails a run (exit code 1): critical | high | medium | low | info | none
failOn: low

# Per-rule settings: off, on, a severity, or { enabled, severity, params }.
rules: {}
#   vendor-concentration: { params: { maxShare: 0.5 } }
#   asset-without-camera: off

# Directories of your own rules, relative to this file.
rulesDirs: []
`;
}

/**
 * Creates `dir` and its missing parents one by one (Node's `mkdirSync(dir, {recursive: true})`
 * loops for ever under /proc), refusing a path where a file stands.
 */
function makeDirectory(dir: string, display: (abs: string) => string): void {
  const shown = display(dir);
  const missing: string[] = [];
  let cur = dir;
  for (;;) {
    let st;
    try {
      st = statSync(cur);
    } catch {
      missing.unshift(cur);
      const parent = path.dirname(cur);
      if (parent === cur) break;
      cur = parent;
      continue;
    }
    if (!st.isDirectory()) {
      throw new UsageError(
        cur === dir
          ? `"${shown}" is not a directory; init writes into a directory (give a directory, or none for the current one)`
          : `cannot create directory "${shown}": "${display(cur)}" is not a directory`,
        { dir: shown },
      );
    }
    break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(d).isDirectory()) continue;
      throw new OutputError(`cannot create directory "${shown}": ${reasonOf(err)}`, { file: shown });
    }
  }
}

export const initCommand: Command = {
  command: 'init [dir]',
  describe: `Write a commented starter ${STARTER_INVENTORY} and ${STARTER_CONFIG} (with editor schema modelines); never overwrites`,
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', describe: 'Directory to write into (created if missing)', default: '.' })
      .option('schema-base', {
        type: 'string',
        describe: "Directory or URL holding the schemas, for the modelines (default: the installed seglint's schemas/)",
      })
      .example('$0 init', 'in the current directory')
      .example('$0 init plant --schema-base https://example.org/seglint/schemas', 'modelines pointing at a URL'),
  handler: async (args, io) => {
    const dir = path.resolve(cwdOf(args, io), (args.dir as string | undefined) ?? '.');
    const base = args['schema-base'] as string | undefined;
    const files: [string, string][] = [
      [STARTER_INVENTORY, starterInventory(schemaRef(dir, 'inventory', base))],
      [STARTER_CONFIG, starterConfig(schemaRef(dir, 'config', base))],
    ];
    const shown = (name: string) => visible(path.relative(cwdOf(args, io), path.join(dir, name)) || name);
    makeDirectory(dir, (abs) => visible(path.relative(cwdOf(args, io), abs) || '.'));
    const existing = files.filter(([name]) => existsSync(path.join(dir, name))).map(([name]) => shown(name));
    if (existing.length)
      throw new UsageError(
        `${existing.map((f) => `"${f}"`).join(' and ')} already exist${existing.length === 1 ? 's' : ''}; init never overwrites (remove ${existing.length === 1 ? 'it' : 'them'} or pick another directory)`,
        { files: existing },
      );
    // written whole and flushed, then linked into place: never overwrites, even in a race
    createFiles(
      files.map(([name, content]) => ({
        target: { option: 'init', given: shown(name), stdout: false, abs: path.join(dir, name) },
        content,
      })),
      io,
    );
    for (const [name] of files) io.stdout(`wrote ${shown(name)}\n`);
    io.stdout(`next: seglint check ${shown(STARTER_INVENTORY)}\n`);
    return 0;
  },
};
