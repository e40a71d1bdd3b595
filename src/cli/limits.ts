/** The load limits on the command line: --max-files and --max-total-size, checked at parse time. */
import type { Options } from 'yargs';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_TOTAL_SIZE } from '../inventory/load.js';
import { wholeNumberOption } from './options.js';

/** For yargs' `.options(...)`: whole numbers from their text (options.ts), with their defaults. */
export const LIMIT_OPTIONS: Record<'max-files' | 'max-total-size', Options> = {
  'max-files': wholeNumberOption('max-files', {
    describe: 'Most files an inventory may have, includes and all',
    min: 1,
    max: 1_000_000_000,
    default: DEFAULT_MAX_FILES,
    unit: 'files',
  }),
  'max-total-size': wholeNumberOption('max-total-size', {
    describe: 'Most bytes all files of an inventory may hold together (default 256 MiB)',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    default: DEFAULT_MAX_TOTAL_SIZE,
    unit: 'bytes',
  }),
};

export function limitsFrom(args: Record<string, unknown>): { maxFiles: number; maxTotalSize: number } {
  return {
    maxFiles: (args['max-files'] as number | undefined) ?? DEFAULT_MAX_FILES,
    maxTotalSize: (args['max-total-size'] as number | undefined) ?? DEFAULT_MAX_TOTAL_SIZE,
  };
}
