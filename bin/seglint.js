#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// stdout and stderr are written synchronously by the process Io (src/cli/io.ts), which turns
// a failed stdout into a one-line error with exit code 2 and a closed pipe into quiet; nothing
// is pending when the process exits, so the exit code is set, never forced with process.exit.
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
