/** What the CLI needs from the process, passed in so that tests can run it in-process. */
import { isatty } from 'node:tty';
import { OutputError, reasonOf, writeAll, type WriteOps } from './output.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout / stderr are terminals. */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  columns?: number;
  /** Replaces the file-system calls that write output files (tests inject failures with it). */
  writeOps?: Partial<WriteOps>;
}

/**
 * Writes to a file descriptor of the process synchronously and whole, so that nothing is
 * pending when the process exits (a large report to a pipe is never cut short). A reader that
 * went away (EPIPE: `seglint check ... | head`) is not an error: later output is dropped and
 * the run ends with its own exit code. Any other failure of stdout (a full disk, /dev/full)
 * throws an OutputError, reported on stderr in one line with exit code 2; failures of stderr
 * itself cannot be reported and are ignored.
 */
function fdWriter(fd: 1 | 2): (text: string) => void {
  let closed = false;
  return (text) => {
    if (closed || text === '') return;
    try {
      writeAll(fd, Buffer.from(text, 'utf8'));
    } catch (err) {
      closed = true;
      const code = (err as NodeJS.ErrnoException).code;
      if (fd === 2 || code === 'EPIPE') return;
      throw new OutputError(`cannot write to stdout: ${reasonOf(err)}`, { file: '-', code });
    }
  };
}

export function processIo(): Io {
  const stdoutIsTTY = isatty(1);
  return {
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY,
    stderrIsTTY: isatty(2),
    // process.stdout is only touched for a terminal: opening it sets a pipe non-blocking
    columns: stdoutIsTTY ? process.stdout.columns : undefined,
  };
}
