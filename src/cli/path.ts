/**
 * `seglint path <from> <to>`: can `from` (an asset or a zone) reach `to` over links, in the
 * direction data can flow (link direction, one-way conduits and data diodes honoured)? Prints
 * the shortest path hop by hop, or with --all every simple path up to --max-hops.
 * Exit 0 reachable, 1 not reachable, 2 on error.
 */
import type { Argv } from 'yargs';
import { didYouMean, UsageError } from '../source/errors.js';
import { buildModel, type Model, type PathEvidence } from '../graph/model.js';
import { loadInventory } from '../inventory/load.js';
import { renderPathJson, renderPathText, type Endpoint, type PathAnswer } from '../diagram/path.js';
import type { Command } from './commands.js';
import { jsonSafe, visibleLines } from '../base/sanitize.js';
import { LIMIT_OPTIONS, limitsFrom } from './limits.js';
import { maxFileSizeOption, todayOption, wholeNumberOption } from './options.js';

/** The asset, or every asset in the zone and its sub-zones. */
export function resolveEndpoint(model: Model, id: string, which: 'from' | 'to'): Endpoint {
  if (model.assets.has(id)) return { id, type: 'asset', assets: [id] };
  if (model.zones.has(id)) return { id, type: 'zone', assets: model.assetsInZones(model.zoneAndDescendants(id)) };
  const type = model.typeOf(id);
  if (type) throw new UsageError(`<${which}> "${id}" is a ${type}; give an asset or a zone`, { id, type });
  const hint = didYouMean(id, [...model.assets.keys(), ...model.zones.keys()]);
  throw new UsageError(`<${which}>: no asset or zone "${id}" in the inventory${hint ? ` (did you mean "${hint}"?)` : ''}`, { id, suggestion: hint });
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function cmpPath(a: PathEvidence, b: PathEvidence): number {
  if (a.hops.length !== b.hops.length) return a.hops.length - b.hops.length;
  for (let i = 0; i < a.assets.length; i++) if (a.assets[i] !== b.assets[i]) return cmpStr(a.assets[i]!, b.assets[i]!);
  for (let i = 0; i < a.hops.length; i++) if (a.hops[i]!.link !== b.hops[i]!.link) return cmpStr(a.hops[i]!.link, b.hops[i]!.link);
  return 0;
}

export interface PathQuery {
  all?: boolean;
  maxHops?: number;
  limit?: number;
}

/**
 * Answers a path query. Between zones, an asset that sits in both (a firewall or diode with an
 * interface on each side) is the boundary itself: it is neither a start nor an end, so that a
 * diode does not "reach" its own receiving side in zero hops.
 */
export function findPaths(model: Model, from: Endpoint, to: Endpoint, q: PathQuery = {}): PathAnswer {
  let sources = from.assets;
  let targets = to.assets;
  const inTo = new Set(targets);
  const inFrom = new Set(sources);
  const s2 = sources.filter((a) => !inTo.has(a));
  const t2 = targets.filter((a) => !inFrom.has(a));
  if (s2.length && t2.length) {
    sources = s2;
    targets = t2;
  }
  const reach = model.reach(sources);
  let best: string | undefined;
  for (const t of targets) {
    const d = reach.distance(t);
    if (d === -1) continue;
    if (best === undefined || d < reach.distance(best) || (d === reach.distance(best) && t < best)) best = t;
  }
  if (best === undefined) return { from, to, reachable: false, paths: [] };
  if (!q.all) return { from, to, reachable: true, paths: [reach.pathTo(best)!] };
  const maxHops = q.maxHops ?? 8;
  const limit = q.limit ?? 20;
  const found: PathEvidence[] = [];
  let truncated = false;
  for (const s of sources) {
    for (const t of targets) {
      if (!reach.reached(t)) continue;
      const ps = model.allPaths(s, t, maxHops, limit + 1);
      found.push(...ps);
    }
  }
  found.sort(cmpPath);
  if (found.length > limit) {
    truncated = true;
    found.length = limit;
  }
  const answer: PathAnswer = { from, to, reachable: true, paths: found, all: { maxHops, limit, truncated } };
  if (!found.length) answer.shortestHops = reach.distance(best);
  return answer;
}

export const pathCommand: Command = {
  command: 'path <from> <to> <paths..>',
  describe: 'Can <from> reach <to> over links (assets or zones; direction, one-way conduits and data diodes honoured)? Prints the path hop by hop; exit 0 reachable, 1 not',
  builder: (y: Argv) =>
    y
      .positional('from', { type: 'string', describe: 'Asset or zone id where data starts', demandOption: true })
      .positional('to', { type: 'string', describe: 'Asset or zone id it should (not) reach', demandOption: true })
      .positional('paths', { type: 'string', array: true, describe: 'Inventory files or directories', demandOption: true })
      .option('all', { type: 'boolean', default: false, describe: 'Every simple path up to --max-hops (shortest first), not only the shortest' })
      .option('max-hops', wholeNumberOption('max-hops', { describe: 'With --all: most links on a path', min: 1, max: 1000, default: 8 }))
      .option('limit', wholeNumberOption('limit', { describe: 'With --all: most paths shown', min: 1, max: 100_000, default: 20 }))
      .option('format', { alias: 'f', type: 'string', choices: ['text', 'json'], default: 'text', describe: 'Output format' })
      .option('max-file-size', maxFileSizeOption)
      .options(LIMIT_OPTIONS)
      .option('today', todayOption())
      .example('$0 path scanner-mv-1 nuctech-hq-beijing inventories/port-of-rotterdam.yaml', 'how does a scanner reach the vendor?')
      .example('$0 path z-dmz z-l3-operations inventories/reference-plant.yaml', 'exit 1: the diode stops it'),
  handler: async (args, io) => {
    // loaded lazily: commands.ts imports this file, so a static import would be a cycle
    const { cwdOf } = await import('./commands.js');
    const maxHops = args['max-hops'] as number;
    const limit = args.limit as number;
    const { inventory, positions } = loadInventory(args.paths as string[], { cwd: cwdOf(args, io), maxFileSize: args['max-file-size'] as number, ...limitsFrom(args), today: args.today as string | undefined });
    const model = buildModel(inventory, positions);
    const from = resolveEndpoint(model, String(args.from), 'from');
    const to = resolveEndpoint(model, String(args.to), 'to');
    const answer = findPaths(model, from, to, { all: args.all as boolean, maxHops, limit });
    // ids and enumerated values only (the inventory is valid), but kept to one line each all the same
    io.stdout(args.format === 'json' ? jsonSafe(renderPathJson(model, answer)) : visibleLines(renderPathText(model, answer)));
    return answer.reachable ? 0 : 1;
  },
};
