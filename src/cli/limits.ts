/** The load limits on the command line: --max-files and --max-total-size. */
import { UsageError } from '../errors/index.js';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_TOTAL_SIZE } from '../inventory/load.js';

/** For yargs' `.options(...)`; read as text and checked by limitsFrom. */
export const LIMIT_OPTIONS = {
  'max-files': { type: 'string', describe: 'Most files an inventory may have, includes and all', default: String(DEFAULT_MAX_FILES), defaultDescription: String(DEFAULT_MAX_FILES) },
  'max-total-size': { type: 'string', describe: 'Most bytes all files of an inventory may hold together', default: String(DEFAULT_MAX_TOTAL_SIZE), defaultDescription: `${DEFAULT_MAX_TOTAL_SIZE} (256 MiB)` },
} as const;

/** A whole number of 1 or more, written in digits only; anything else is a usage error. */
export function positiveInteger(value: unknown, option: string): number {
  if (Array.isArray(value)) throw new UsageError(`--${option} is given more than once`);
  const text = String(value);
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${option} must be a whole number, 1 or more; found "${text}"`);
  return n;
}

export function limitsFrom(args: Record<string, unknown>): { maxFiles: number; maxTotalSize: number } {
  return {
    maxFiles: positiveInteger(args['max-files'] ?? DEFAULT_MAX_FILES, 'max-files'),
    maxTotalSize: positiveInteger(args['max-total-size'] ?? DEFAULT_MAX_TOTAL_SIZE, 'max-total-size'),
  };
}
