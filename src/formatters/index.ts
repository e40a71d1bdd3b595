/**
 * The explicit map of output formats, and the one place where what they print is made safe.
 *
 * Formats for people and CI logs (text, markdown, csv, junit, html, checkstyle) get the report
 * with every string made `visible` (control, bidirectional and invisible characters escaped
 * as `\u001b`, CI command markers at the start of a value neutralised; see
 * src/base/sanitize.ts), and the rules' texts likewise (multi-line prose keeps its line
 * breaks). The data formats (json, sarif, gitlab) keep the data exact and write every such character as
 * a JSON `\uXXXX` escape, so that the file holds none raw; SARIF's messages for people are
 * made `visible` in its formatter, and so are GitLab's descriptions. The `github` annotations make their values visible
 * themselves, because the file property must become a slash path before it is escaped.
 */
import type { Rule } from '../rules/load.js';
import { jsonSafe, visible, visibleDeep, visibleLines } from '../base/sanitize.js';
import type { FormatContext, Formatter } from './types.js';
import { checkstyle } from './checkstyle.js';
import { csv } from './csv.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { text } from './text.js';

/** The texts of a rule that formatters print, made visible; its logic is left as it is. */
function displayRule(r: Rule): Rule {
  return {
    ...r,
    title: visible(r.title),
    rationale: visibleLines(r.rationale),
    remediation: visibleLines(r.remediation),
    message: visible(r.message),
    references: visibleDeep(r.references),
    tags: visibleDeep(r.tags),
    ...(r.helpUri !== undefined ? { helpUri: visible(r.helpUri) } : {}),
    source: { ...r.source, file: visible(r.source.file) },
  };
}

/** The context with the rules' texts made visible. */
export function displayContext(ctx: FormatContext): FormatContext {
  return { ...ctx, rules: new Map([...ctx.rules].map(([id, r]) => [id, displayRule(r)])) };
}

/** A format for people: the report's strings and the rules' texts made visible first. */
const forPeople =
  (f: Formatter): Formatter =>
  (report, ctx) =>
    f(visibleDeep(report), displayContext(ctx));

/** A data format: exact data, no raw unsafe character in the output. */
const asData =
  (f: Formatter): Formatter =>
  (report, ctx) =>
    jsonSafe(f(report, displayContext(ctx)));

export const FORMATTERS: ReadonlyMap<string, Formatter> = new Map<string, Formatter>([
  ['text', forPeople(text)],
  ['json', asData(json)],
  ['sarif', asData(sarif)],
  ['junit', forPeople(junit)],
  ['github', github],
  ['markdown', forPeople(markdown)],
  ['csv', forPeople(csv)],
  ['html', forPeople(html)],
  ['gitlab', asData(gitlab)],
  ['checkstyle', forPeople(checkstyle)],
]);

export type { Formatter, FormatContext } from './types.js';
