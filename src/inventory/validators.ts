/**
 * Compiled validators, precompiled at build time when possible. Compiling the inventory schema
 * with ajv takes 40 to 70 ms at every start; `npm run build` also runs
 * scripts/build-validators.mjs, which writes ajv's standalone code for seglint's schemas and
 * the rule functions' option schemas to dist/validators/. Each file records a hash of the
 * schema it was made from: a file that does not match (a schema edited since the build) is
 * ignored and the schema compiled at run time, so the result is always the current schema's.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type Options, type ValidateFunction } from 'ajv';

/** ajv options, the same at build time and at run time. verbose: errors carry `parentSchema`. */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true, validateSchema: false, code: { optimize: false } };

export function schemaHash(schema: object): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

const require = createRequire(import.meta.url);
let ajv: Ajv | undefined;

/**
 * The validator for `schema`, from `dir/<name>.cjs` when it was built from this very schema,
 * else compiled now.
 */
export function compiledValidator(dir: string, name: string, schema: object): ValidateFunction {
  const file = path.join(dir, `${name}.cjs`);
  if (existsSync(file)) {
    const mod = require(file) as { validate: ValidateFunction; schemaHash: string };
    if (mod.schemaHash === schemaHash(schema)) return mod.validate;
  }
  ajv ??= new Ajv(AJV_OPTIONS);
  return ajv.compile(schema);
}
