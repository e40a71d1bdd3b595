/** `seglint graph`: draws a view of an inventory as DOT, Mermaid or SVG, with its findings. */
import type { Argv } from 'yargs';
import { UsageError } from '../../source/errors.js';
import { SEVERITIES } from '../../findings/types.js';
import { check } from '../../check/check.js';
import { buildModel } from '../../graph/model.js';
import { loadInventory } from '../../inventory/load.js';
import { DIAGRAM_FORMATS, renderDiagram, VIEWS, type DiagramFormat, type View } from '../../diagram/index.js';
import { checkOutputs, outputTarget, writeOutputs } from '../output.js';
import { todayOption, wholeNumberOption } from '../options.js';
import { DIAGRAM_EXTENSIONS, pairOutputs } from '../pairing.js';
import {
  checkOptionsFrom,
  CONFIG_OPTION,
  inputsOf,
  namedInputs,
  NO_CONFIG_OPTION,
  outputOption,
  PATHS_POSITIONAL,
  RULE_OPTION,
  RULES_OPTION,
  sizeOptions,
  WAIVERS_OPTION,
  type Command,
} from '../shared.js';

/** graph's -f and -o: dot by default, or the format the output's extension names. */
const GRAPH_PAIRING = { defaultFormat: 'dot', extensions: DIAGRAM_EXTENSIONS };

const builder = (y: Argv): Argv => {
  const drawing = y
    .positional('paths', PATHS_POSITIONAL)
    .option('format', {
      alias: 'f',
      type: 'string',
      choices: [...DIAGRAM_FORMATS],
      defaultDescription: 'dot, or what the --output extension names (.dot .gv .mmd .mermaid .svg)',
      describe: 'Output format: Graphviz DOT, Mermaid flowchart (renders on GitHub) or SVG',
    })
    .option(
      'output',
      outputOption(
        'Output file: a regular file, replaced atomically and never an input of the run; - or none for stdout',
      ),
    )
    .option('view', {
      type: 'string',
      choices: [...VIEWS],
      default: 'network',
      describe:
        'network: zones, conduits, links; physical: sites, rooms, assets; supply-chain: vendors, owners, jurisdictions',
    })
    .option('focus', {
      type: 'string',
      describe: 'Draw only the neighbourhood of this entity id (asset, zone, room, organization, link, ...)',
    })
    .option(
      'depth',
      wholeNumberOption('depth', {
        describe: 'Hops around --focus (over every relation, in both directions)',
        min: 0,
        max: 1000,
        default: 2,
        unit: 'hops',
      }),
    )
    .option('findings', {
      type: 'boolean',
      default: true,
      describe: 'Run the rules and highlight entities and links with findings (--no-findings to skip)',
    });
  return sizeOptions(drawing)
    .option('config', CONFIG_OPTION)
    .option('no-config', NO_CONFIG_OPTION)
    .option('rules', RULES_OPTION)
    .option('rule', RULE_OPTION)
    .option('today', todayOption())
    .option('waivers', { ...WAIVERS_OPTION, describe: 'Apply waivers (waived findings are not drawn)' })
    .example('$0 graph inventories/port-of-rotterdam.yaml -f svg -o port.svg', 'network view as SVG')
    .example('$0 graph inv.yaml -f mermaid --view supply-chain', 'Mermaid for a README')
    .example('$0 graph inv.yaml --focus scanner-mv-1 --depth 1', 'one asset and its neighbours');
};

export const graphCommand: Command = {
  command: 'graph <paths..>',
  describe: `Draw the inventory: network, physical or supply-chain view, as DOT, Mermaid or SVG, findings highlighted by severity (${SEVERITIES.join(' > ')})`,
  builder,
  handler: async (args, io) => {
    const depth = args.depth as number;
    const options = checkOptionsFrom(args, io);
    if (Array.isArray(args.output)) throw new UsageError('graph writes one diagram: give --output once');
    const given = (x: unknown) => (typeof x === 'string' ? [x] : []);
    const [pair] = pairOutputs(given(args.format), given(args.output), GRAPH_PAIRING);
    const target = outputTarget('--output', pair!.output, options.cwd);
    checkOutputs([target], namedInputs(args, options.cwd));
    let model;
    let findings;
    let inputs;
    if (args.findings === false) {
      const load = loadInventory(options.paths, { ...options, cwd: options.cwd });
      model = buildModel(load.inventory);
      inputs = load.files.map((f) => ({ abs: f.abs, kind: 'inventory file' }));
    } else {
      const result = check(options);
      model = result.model;
      findings = result.findings;
      inputs = inputsOf(result, options.cwd);
    }
    const text = await renderDiagram(model, pair!.format as DiagramFormat, {
      view: args.view as View,
      findings,
      focus: args.focus as string | undefined,
      depth,
    });
    writeOutputs([{ target, content: text }], io, [...namedInputs(args, options.cwd), ...inputs]);
    return 0;
  },
};
