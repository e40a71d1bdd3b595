/** Precompiled validators are used only when they were built from the schema in force. */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledValidator, schemaHash } from '../../src/source/validators.js';
import { VALIDATORS_DIR, loadSchema } from '../../src/source/schema.js';
import { tempDir } from '../helpers.js';

const schema = { type: 'object', properties: { a: { type: 'string', description: 'a' } }, additionalProperties: false };

/** A fake precompiled validator that accepts everything and says so. */
function fake(dir: string, hash: string): void {
  writeFileSync(
    path.join(dir, 'x.cjs'),
    `module.exports.validate = Object.assign(() => true, { fake: true });\nmodule.exports.schemaHash = ${JSON.stringify(hash)};\n`,
  );
}

describe('precompiled validators', () => {
  it('are used when their hash matches the schema', () => {
    const dir = tempDir();
    fake(dir, schemaHash(schema));
    const v = compiledValidator(dir, 'x', schema) as unknown as { fake?: boolean };
    expect(v.fake).toBe(true);
  });

  it('are ignored when the schema changed since the build, or missing: the schema is compiled', () => {
    const dir = tempDir();
    fake(dir, 'stale');
    const v = compiledValidator(dir, 'x', schema);
    expect((v as unknown as { fake?: boolean }).fake).toBeUndefined();
    expect(v({ a: 1 })).toBe(false);
    expect(v.errors?.[0]?.keyword).toBe('type');
    expect(compiledValidator(tempDir(), 'x', schema)({ b: 1 })).toBe(false);
  });

  it('the build made one for each schema, matching the schemas in schemas/', () => {
    for (const kind of ['inventory', 'rule', 'config', 'report', 'rule-test'] as const) {
      const file = path.join(VALIDATORS_DIR, `${kind}.cjs`);
      expect(existsSync(file), file).toBe(true);
      const v = compiledValidator(VALIDATORS_DIR, kind, loadSchema(kind));
      // a precompiled validator keeps verbose errors: parentSchema lists the allowed names
      if (kind === 'inventory') {
        expect(v({ seglint: 1, assets: [{ id: 'a', kind: 'server', zonee: 'z' }] })).toBe(false);
        expect(Object.keys((v.errors![0]!.parentSchema as { properties: object }).properties)).toContain('zone');
      }
    }
  });
});
