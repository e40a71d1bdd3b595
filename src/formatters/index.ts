/** The explicit map of output formats. */
import type { Formatter } from './types.js';
import { json } from './json.js';
import { text } from './text.js';

export const FORMATTERS: ReadonlyMap<string, Formatter> = new Map<string, Formatter>([
  ['text', text],
  ['json', json],
]);

export type { Formatter, FormatContext } from './types.js';
