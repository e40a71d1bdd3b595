/** Formatters are pure: the report in, text out. Everything else comes in through the context. */
import type { Report } from '../findings/report.js';
import type { Rule } from '../rules/load.js';
import type { Severity } from '../findings/types.js';

export interface FormatContext {
  version: string;
  /** Colour escapes allowed (a terminal, and NO_COLOR unset). */
  color: boolean;
  /** Rule metadata by id. */
  rules: ReadonlyMap<string, Rule>;
  /** Lowest severity that fails the run, or none. */
  failOn: Severity | 'none';
  /** Base URL or path of the rule docs, for help links. */
  docsBase: string;
  /** Whether this is a diff (findings carry baselineState new/unchanged/absent). */
  diff?: boolean;
  /**
   * SARIF of a diff: keep resolved findings as results with baselineState absent. Off by
   * default, since a code scanning service may open such a result as an alert.
   */
  includeResolved?: boolean;
}

export type Formatter = (report: Report, ctx: FormatContext) => string;
