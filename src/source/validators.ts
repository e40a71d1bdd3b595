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

/**
 * ajv's generated code collects the errors of a referenced definition with
 * `vErrors = vErrors.concat(ref.errors)`, copying every error found so far once per list item
 * in error: 40,000 invalid assets took 18 s, 300,000 more than an hour. This rewrites that
 * statement to append in place, which makes collecting errors linear. Applied to the code
 * compiled at run time (ajv's code.process) and to the precompiled code (build-validators).
 */
export function linearErrors(code: string): string {
  return code.replace(
    /vErrors = vErrors === null \? ([\w$]+)\.errors : vErrors\.concat\(\1\.errors\);/g,
    'if (vErrors === null) { vErrors = $1.errors; } else { for (const e of $1.errors) vErrors.push(e); }',
  );
}

/** ajv options, the same at build time and at run time. verbose: errors carry `parentSchema`. */
export const AJV_OPTIONS: Options = {
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  verbose: true,
  validateSchema: false,
  code: { optimize: false, process: linearErrors },
};

/** Changes whenever the code generated from a schema changes for another reason than the schema. */
const CODEGEN = 'linear-errors-1';

export function schemaHash(schema: object): string {
  return createHash('sha256').update(CODEGEN).update(JSON.stringify(schema)).digest('hex');
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
