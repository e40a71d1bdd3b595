/** The explicit map of output formats. */
import type { Formatter } from './types.js';
import { csv } from './csv.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { text } from './text.js';

export const FORMATTERS: ReadonlyMap<string, Formatter> = new Map<string, Formatter>([
  ['text', text],
  ['json', json],
  ['sarif', sarif],
  ['junit', junit],
  ['github', github],
  ['markdown', markdown],
  ['csv', csv],
  ['html', html],
]);

export type { Formatter, FormatContext } from './types.js';
