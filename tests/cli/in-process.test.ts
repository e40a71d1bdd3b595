/** The in-process runner gives what the spawned binary gives. */
import { describe, expect, it } from 'vitest';
import { cli, run, TODAY } from '../helpers.js';

describe('run (in-process main) and cli (spawned binary)', () => {
  it('agree on stdout, stderr and the exit code of a check', async () => {
    const args = ['check', 'inventories/port-of-rotterdam.yaml', '--today', TODAY];
    const inProcess = await run(args);
    const spawned = cli(args);
    expect(inProcess.status).toBe(1);
    expect(inProcess).toEqual(spawned);
  });

  it('agree on a usage error', async () => {
    const inProcess = await run(['check', '--no-such-flag', 'x.yaml']);
    expect(inProcess.status).toBe(2);
    expect(inProcess).toEqual(cli(['check', '--no-such-flag', 'x.yaml']));
  });
});
