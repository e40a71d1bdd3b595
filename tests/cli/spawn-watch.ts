/** Spawns `seglint check --watch` and waits on what it prints (for the watch tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, yaml } from '../helpers.js';

/** An inventory where the vendor is `share` owned by a state enterprise (state-ownership fires from 0.1). */
export const ownedInventory = (share: number) => yaml`
  seglint: 1
  organizations:
    - { id: state, type: state-enterprise }
    - id: vendor
      type: vendor
      owners: [{ organization: state, share: ${share} }]
`;

export interface WatchProcess {
  child: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves once `pred` holds; rejects after 15 s with everything printed so far. */
  waitFor(pred: () => boolean, what: string): Promise<void>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function spawnWatch(args: string[], cwd: string): WatchProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return {
    child,
    out: () => out,
    err: () => err,
    waitFor: async (pred, what) => {
      const t0 = Date.now();
      while (!pred()) {
        if (Date.now() - t0 > 15_000)
          throw new Error(`timed out waiting for ${what}\nstdout:\n${out}\nstderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** How many times `re` (global) matches `s`. */
export const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
