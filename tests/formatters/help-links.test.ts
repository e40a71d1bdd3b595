/**
 * Help links point only at pages that exist: a user rule's own `helpUri`, or a built-in rule's
 * page under the repository package.json names. Without either, no link is made up (the
 * package names no repository today): the help travels as text in every format.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsBaseOf } from '../../src/source/package.js';
import { ROOT, run, tempDir, TODAY } from '../helpers.js';

const ARGS = [
  'check',
  'inventories/port-of-rotterdam.yaml',
  '--today',
  TODAY,
  '--rules',
  'tests/fixtures/user-rules/good',
  '--no-config',
];

describe('docsBaseOf', () => {
  it.each([
    [{ repository: 'https://github.com/acme/seglint' }, 'https://github.com/acme/seglint/blob/main/docs/rules/'],
    [
      { repository: { url: 'git+https://github.com/acme/seglint.git' } },
      'https://github.com/acme/seglint/blob/main/docs/rules/',
    ],
    [{ repository: 'github:acme/seglint' }, 'https://github.com/acme/seglint/blob/main/docs/rules/'],
    [{ repository: 'acme/seglint' }, 'https://github.com/acme/seglint/blob/main/docs/rules/'],
    [{ repository: 'https://gitlab.com/acme/seglint.git' }, 'https://gitlab.com/acme/seglint/-/blob/main/docs/rules/'],
    [
      { repository: { url: 'https://github.com/acme/tools', directory: 'packages/seglint' } },
      'https://github.com/acme/tools/blob/main/packages/seglint/docs/rules/',
    ],
    [{ repository: 'https://example.invalid/acme/seglint' }, ''],
    [{}, ''],
  ])('%j -> %j', (pkg, base) => {
    expect(docsBaseOf(pkg)).toBe(base);
  });
});

describe('no link to a page that may not exist', () => {
  it.each(['sarif', 'junit', 'markdown', 'html', 'json', 'text'])(
    '%s names no made-up documentation URL',
    async (format) => {
      const r = await run([...ARGS, '-f', format]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).not.toContain('github.com/seglint');
      expect(r.stdout).not.toMatch(/undefined/);
    },
  );

  it('SARIF: no helpUri, the help travels as text and markdown', async () => {
    const log = JSON.parse((await run([...ARGS, '-f', 'sarif'])).stdout);
    const rules = log.runs[0].tool.driver.rules as {
      id: string;
      helpUri?: string;
      help: { text: string; markdown: string };
    }[];
    const user = rules.find((r) => r.id.startsWith('acme-'));
    expect(user).toBeDefined();
    for (const r of rules) {
      expect(r.helpUri, r.id).toBeUndefined();
      expect(r.help.markdown).not.toContain('Rule documentation');
      expect(r.help.text.length).toBeGreaterThan(0);
    }
    expect(log.runs[0].tool.driver.informationUri).toBeUndefined();
  });

  it('JUnit: no help property', async () => {
    const xml = (await run([...ARGS, '-f', 'junit'])).stdout;
    expect(xml).not.toContain('name="help"');
    expect(xml).not.toMatch(/^help: /m);
  });
});

describe("a rule's own helpUri", () => {
  it('is kept in SARIF, JUnit and markdown', async () => {
    const rule = readFileSync(path.join(ROOT, 'tests/fixtures/user-rules/good/acme-no-wifi.yaml'), 'utf8');
    const dir = tempDir({
      'rules/acme-no-wifi.yaml': `${rule.trimEnd()}\nhelpUri: https://wiki.example.invalid/acme-no-wifi\n`,
    });
    const args = [
      'check',
      path.join(ROOT, 'inventories/port-of-rotterdam.yaml'),
      '--today',
      TODAY,
      '--rules',
      path.join(dir, 'rules'),
      '--no-config',
      '--rule',
      'acme-no-wifi',
      '--fail-on',
      'none',
    ];
    const log = JSON.parse((await run([...args, '-f', 'sarif'])).stdout);
    expect(log.runs[0].tool.driver.rules.map((r: { helpUri?: string }) => r.helpUri)).toEqual([
      'https://wiki.example.invalid/acme-no-wifi',
    ]);
    expect((await run([...args, '-f', 'junit'])).stdout).toContain(
      'name="help" value="https://wiki.example.invalid/acme-no-wifi"',
    );
    expect((await run([...args, '-f', 'markdown'])).stdout).toContain('](<https://wiki.example.invalid/acme-no-wifi>)');
  });
});
