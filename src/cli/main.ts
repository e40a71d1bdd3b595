/**
 * The seglint command line. Parses arguments (yargs), calls the programmatic API, picks
 * formatters, writes output files atomically, renders errors, and returns the exit code:
 * 0 nothing at or above the fail threshold, 1 findings at or above it, 2 usage or input error.
 */
import yargs, { type Argv } from 'yargs';
import { UsageError } from '../source/errors.js';
import { VERSION } from '../source/package.js';
import { COMMANDS } from './commands/index.js';
import { renderError } from './errors.js';
import type { Io } from './io.js';
import { checkArguments, positionalNames } from './options.js';
import { processIo } from './io.js';

/** Options whose value may be `-` (stdout). */
const STDOUT_OPTIONS = new Set(['--output', '--output-file', '--write-baseline']);

/** yargs reads `--output -` as an empty value and a positional `-`: keeps `-` with its option. */
function keepStdoutValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return [...out, ...argv.slice(i)];
    if (STDOUT_OPTIONS.has(argv[i]!) && argv[i + 1] === '-') out.push(`${argv[i++]}=-`);
    else out.push(argv[i]!);
  }
  return out;
}

export async function main(rawArgv: string[], io: Io = processIo()): Promise<number> {
  const argv = keepStdoutValues(rawArgv);
  const debug = argv.includes('--debug');
  let exitCode = 0;
  let parser: Argv = yargs(argv)
    .scriptName('seglint')
    .usage(
      '$0 <command> [options]\n\nChecks that an inventory of critical equipment is segmented, inventoried and supplied the way policy says.',
    )
    .version(VERSION)
    .option('debug', { type: 'boolean', describe: 'Show stack traces for errors', default: false, global: true })
    .option('cwd', { type: 'string', describe: 'Working directory for relative paths', hidden: true, global: true })
    .strict()
    .demandCommand(1, 'Give a command; see seglint --help')
    .recommendCommands()
    .wrap(Math.min(110, io.columns ?? 100))
    .exitProcess(false)
    .showHelpOnFail(false)
    .fail((msg, err) => {
      // yargs' own parse errors, and errors thrown by an option's coerce (options.ts), come as a YError
      if (err && err.name !== 'YError') throw err;
      throw new UsageError(msg ?? err?.message ?? 'invalid arguments');
    });
  for (const c of COMMANDS) {
    parser = parser.command(
      c.command,
      c.describe,
      (y) => checkArguments(c.builder(y), argv, positionalNames(c.command)),
      async (args) => {
        exitCode = await c.handler(args, io);
      },
    );
  }
  let helpShown = false;
  try {
    await parser.parseAsync(argv, {}, (err, _argv, output) => {
      if (output && !err) {
        io.stdout(output.endsWith('\n') ? output : output + '\n');
        helpShown = true;
      }
    });
    return helpShown ? 0 : exitCode;
  } catch (err) {
    return renderError(err, io, { debug });
  }
}
