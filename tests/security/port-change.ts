/**
 * The change of issue 9's "disarming the gate" attack, shared by the gate tests and the test of
 * docs/security.md: a mobile modem added to the port's closed scanner network, and the policy
 * disarmed in the same change. Also a real git repository to commit it in.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { tempDir } from '../helpers.js';

/** The head: a mobile modem in the closed scanner network, with a link to the vendor's head office. */
export function withModem(text: string): string {
  const assets = '\nassets:\n';
  const links = '\nlinks:\n';
  let out = text.replace(
    assets,
    `${assets}  - { id: modem-mv-5, kind: modem, vendor: smiths-detection, owner: douane, zone: scanner-network, site: port-of-rotterdam, room: scan-lanes, criticality: high }\n`,
  );
  out = out.replace(
    links,
    `${links}  - { id: link-scanner-mv-5-modem, from: scanner-mv-5, to: modem-mv-5, medium: ethernet, purpose: remote-maintenance }\n  - { id: link-modem-mv-5-hq, from: modem-mv-5, to: nuctech-hq-beijing, medium: mobile, purpose: remote-maintenance, mode: always-on }\n`,
  );
  expect(out).not.toBe(text);
  return out;
}

/** ... and the disarming: four rules' lists emptied, everything waived for ever. */
export function disarmed(text: string): string {
  const policy = '\npolicy:\n';
  const waivers = '\nwaivers:\n';
  expect(text).toContain(policy);
  return text
    .replace(
      policy,
      `${policy}  params:\n    mobile-uplink-in-closed-zone: { media: [] }\n    remote-access-not-via-dmz: { purposes: [] }\n    remote-access-unmonitored: { purposes: [] }\n    closed-zone-external-path: { trusts: [] }\n`,
    )
    .replace(waivers, `${waivers}  - { rule: "*", target: "*", reason: temporary, expires: 9999-12-31 }\n`);
}

export interface Repo {
  dir: string;
  git: (...args: string[]) => string;
}

export function gitRepo(files: Record<string, string>): Repo {
  const dir = tempDir(files);
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir, stdio: 'pipe' },
    ).toString('utf8');
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  return { dir, git };
}

export function write(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
}
