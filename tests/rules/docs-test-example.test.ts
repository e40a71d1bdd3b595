/** The rule-test example of docs/rules/README.md runs and passes against the example user rule there. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../helpers.js';

describe('docs/rules/README.md "Testing your rules"', () => {
  it('its test file passes with seglint test-rules', () => {
    const md = readFileSync(path.join(ROOT, 'docs', 'rules', 'README.md'), 'utf8');
    const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const rule = blocks.find((b) => /^(# [^\n]*\n)?id: acme-no-wifi-in-protected-zones$/m.test(b.split('\n').slice(0, 2).join('\n')));
    const test = blocks.find((b) => b.startsWith('rule: acme-no-wifi-in-protected-zones'));
    expect(rule).toBeDefined();
    expect(test).toBeDefined();
    const dir = tempDir({ 'acme-no-wifi-in-protected-zones.yaml': rule!, 'acme-no-wifi-in-protected-zones.test.yaml': test! });
    const r = cli(['test-rules', dir]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n').pop()).toBe('3 passed, 0 failed');
    expect(r.status).toBe(0);
  });
});
