/** `seglint schema [--kind]`: prints a JSON Schema: the inventory format, rule files, the configuration or the JSON report. */
import { loadSchema, type SchemaKind } from '../../source/schema.js';
import type { Command } from '../shared.js';

export const schemaCommand: Command = {
  command: 'schema',
  describe: 'Print a JSON Schema: the inventory format (default), rule files, the configuration or the JSON report',
  builder: (y) =>
    y.option('kind', {
      type: 'string',
      choices: ['inventory', 'rule', 'config', 'report'],
      default: 'inventory',
      describe: 'Which schema',
    }),
  handler: async (args, io) => {
    io.stdout(JSON.stringify(loadSchema(args.kind as SchemaKind), null, 2) + '\n');
    return 0;
  },
};
