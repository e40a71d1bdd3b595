/** `seglint rules`: lists the rules (built-in and user rules) or, with --functions, the built-in functions rules can call. */
import { prepare } from '../../check/check.js';
import { FUNCTIONS } from '../../functions/index.js';
import type { Rule } from '../../rules/load.js';
import { jsonSafe, visible } from '../../base/sanitize.js';
import type { Io } from '../io.js';
import { cwdOf, CONFIG_OPTION, RULES_OPTION, TEXT_OR_JSON_OPTION, type Command } from '../shared.js';
import { compareBy } from '../../base/compare.js';

function listFunctions(json: boolean, io: Io): void {
  const fns = [...FUNCTIONS.values()].sort(compareBy((f) => f.name));
  if (json)
    io.stdout(
      JSON.stringify(
        fns.map((f) => ({
          name: f.name,
          description: f.description,
          appliesTo: f.appliesTo,
          options: f.optionsSchema,
          defaults: f.defaults,
          data: f.dataKeys,
        })),
        null,
        2,
      ) + '\n',
    );
  else for (const f of fns) io.stdout(`${f.name.padEnd(22)} ${f.appliesTo.join(',').padEnd(34)} ${f.description}\n`);
}

export const rulesCommand: Command = {
  command: 'rules',
  describe: 'List the rules (built-in and user rules): id, severity, category, title',
  builder: (y) =>
    y
      .option('format', TEXT_OR_JSON_OPTION)
      .option('config', { ...CONFIG_OPTION, describe: 'Configuration file' })
      .option('rules', RULES_OPTION)
      .option('functions', { type: 'boolean', describe: 'List the built-in functions rules can call instead' }),
  handler: async (args, io) => {
    const cwd = cwdOf(args, io);
    if (args.functions) {
      listFunctions(args.format === 'json', io);
      return 0;
    }
    const { rules, config } = prepare({
      paths: [],
      cwd,
      config: args.config as string | undefined,
      rulesDirs: args.rules as string[] | undefined,
    });
    const eff = (r: Rule) => config.settings[r.id];
    if (args.format === 'json') {
      io.stdout(
        jsonSafe(
          JSON.stringify(
            rules.map((r) => ({
              id: r.id,
              severity: eff(r)?.severity ?? r.severity,
              category: r.category,
              title: r.title,
              enabled: eff(r)?.enabled !== false,
              source: r.source.builtin ? 'builtin' : r.source.file,
              params: Object.fromEntries(
                Object.entries(r.params).map(([k, d]) => [k, { default: d.default, description: d.description }]),
              ),
              references: r.references,
            })),
            null,
            2,
          ),
        ) + '\n',
      );
      return 0;
    }
    for (const r of rules) {
      const off = eff(r)?.enabled === false ? ' (off)' : '';
      io.stdout(
        `${r.id.padEnd(40)} ${(eff(r)?.severity ?? r.severity).padEnd(8)} ${r.category.padEnd(13)} ${visible(r.title)}${off}${r.source.builtin ? '' : `  [${visible(r.source.file)}]`}\n`,
      );
    }
    io.stdout(`${rules.length} rules\n`);
    return 0;
  },
};
