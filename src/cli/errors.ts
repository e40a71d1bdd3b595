/**
 * How the command line renders an error on stderr, in one place for a run (main.ts) and for a
 * watch (check --watch), which goes on after an error and so words the end differently. File
 * names, arguments and inventory text an error quotes are made `visible`: one line, no raw
 * control characters.
 */
import { InputError, SeglintError, UsageError, formatDiagnostic, sortDiagnostics } from '../source/errors.js';
import { visible, visibleLines } from '../base/sanitize.js';
import type { Io } from './io.js';

export interface ErrorStyle {
  /** Show stack traces. */
  debug: boolean;
  /**
   * A watch: input errors end with "fix and save to check again" instead of "nothing was
   * checked", and no message points at --help or --debug (the watch goes on).
   */
  watching?: boolean;
}

/** Renders `err` on stderr; returns the exit code (2: a usage, input or internal error). */
export function renderError(err: unknown, io: Io, style: ErrorStyle): number {
  const { debug, watching = false } = style;
  const stack = (e: unknown) => {
    const s = (e as Error | undefined)?.stack;
    if (debug && s) io.stderr(visibleLines(s) + '\n');
  };
  if (err instanceof InputError) {
    for (const d of sortDiagnostics(err.diagnostics)) io.stderr(formatDiagnostic(d) + '\n');
    const n = err.diagnostics.length;
    io.stderr(
      `seglint: ${n} error${n === 1 ? '' : 's'}; ${watching ? 'fix and save to check again' : 'nothing was checked'}\n`,
    );
  } else if (err instanceof UsageError) {
    io.stderr(`seglint: error: ${visible(err.message)}${watching ? '' : ' (see seglint --help)'}\n`);
  } else if (err instanceof SeglintError) {
    io.stderr(`seglint: error: ${visible(err.message)}\n`);
  } else {
    const e = err as Error;
    io.stderr(
      `seglint: internal error: ${visible(String(e?.message ?? err))}${debug || watching ? '' : ' (run with --debug for details)'}\n`,
    );
  }
  stack(err);
  return 2;
}
