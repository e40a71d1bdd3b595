/**
 * `seglint path <from> <to>`: can `from` (an asset or a zone) reach `to` over links, in the
 * direction data can flow (link direction, one-way conduits and data diodes honoured)? Prints
 * the shortest path hop by hop, or with --all every simple path up to --max-hops.
 * Exit 0 reachable, 1 not reachable, 2 on error.
 */
import type { Argv } from 'yargs';
import { buildModel } from '../../graph/model.js';
import { loadInventory } from '../../inventory/load.js';
import { findPaths, resolveEndpoint } from '../../check/path.js';
import { renderPathJson, renderPathText } from '../../diagram/path.js';
import { jsonSafe, visibleLines } from '../../base/sanitize.js';
import { todayOption, wholeNumberOption } from '../options.js';
import { loadOptionsFrom, PATHS_POSITIONAL, sizeOptions, TEXT_OR_JSON_OPTION, type Command } from '../shared.js';

export const pathCommand: Command = {
  command: 'path <from> <to> <paths..>',
  describe:
    'Can <from> reach <to> over links (assets or zones; direction, one-way conduits and data diodes honoured)? Prints the path hop by hop; exit 0 reachable, 1 not',
  builder: (y: Argv) =>
    sizeOptions(
      y
        .positional('from', { type: 'string', describe: 'Asset or zone id where data starts', demandOption: true })
        .positional('to', { type: 'string', describe: 'Asset or zone id it should (not) reach', demandOption: true })
        .positional('paths', PATHS_POSITIONAL)
        .option('all', {
          type: 'boolean',
          default: false,
          describe: 'Every simple path up to --max-hops (shortest first), not only the shortest',
        })
        .option(
          'max-hops',
          wholeNumberOption('max-hops', {
            describe: 'With --all: most links on a path',
            min: 1,
            max: 1000,
            default: 8,
          }),
        )
        .option(
          'limit',
          wholeNumberOption('limit', { describe: 'With --all: most paths shown', min: 1, max: 100_000, default: 20 }),
        )
        .option('format', TEXT_OR_JSON_OPTION),
    )
      .option('today', todayOption())
      .example(
        '$0 path scanner-mv-1 nuctech-hq-beijing inventories/port-of-rotterdam.yaml',
        'how does a scanner reach the vendor?',
      )
      .example('$0 path z-dmz z-l3-operations inventories/reference-plant.yaml', 'exit 1: the diode stops it'),
  handler: async (args, io) => {
    const maxHops = args['max-hops'] as number;
    const limit = args.limit as number;
    const { inventory, positions } = loadInventory(args.paths as string[], loadOptionsFrom(args, io));
    const model = buildModel(inventory, positions);
    const from = resolveEndpoint(model, String(args.from), 'from');
    const to = resolveEndpoint(model, String(args.to), 'to');
    const answer = findPaths(model, from, to, { all: args.all as boolean, maxHops, limit });
    // ids and enumerated values only (the inventory is valid), but kept to one line each all the same
    io.stdout(
      args.format === 'json' ? jsonSafe(renderPathJson(model, answer)) : visibleLines(renderPathText(model, answer)),
    );
    return answer.reachable ? 0 : 1;
  },
};
