#!/usr/bin/env node
/**
 * Part of `npm run build`: writes ajv's standalone code for seglint's JSON Schemas and for the
 * option schemas of the rule functions to dist/validators/<name>.cjs, each with the hash of
 * the schema it was made from (see src/source/validators.ts). Saves compiling them at
 * every start.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { Ajv } = require('ajv');
const standalone = require('ajv/dist/standalone').default;
const { AJV_OPTIONS, linearErrors, schemaHash } = await import(path.join(root, 'dist', 'source', 'validators.js'));
const { FUNCTIONS } = await import(path.join(root, 'dist', 'functions', 'index.js'));

const out = path.join(root, 'dist', 'validators');
mkdirSync(out, { recursive: true });

function write(name, schema) {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { ...AJV_OPTIONS.code, source: true } });
  const validate = ajv.compile(schema);
  const code = linearErrors(standalone(ajv, validate));
  writeFileSync(
    path.join(out, `${name}.cjs`),
    `${code}\nmodule.exports.validate = module.exports;\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schema))};\n`,
  );
}

let n = 0;
for (const f of readdirSync(path.join(root, 'schemas'))
  .filter((f) => f.endsWith('.schema.json'))
  .sort()) {
  write(f.replace(/\.schema\.json$/, ''), JSON.parse(readFileSync(path.join(root, 'schemas', f), 'utf8')));
  n++;
}
for (const fn of FUNCTIONS.values()) {
  write(`function-${fn.name}`, fn.optionsSchema);
  n++;
}
console.log(`build-validators: ${n} validators in ${path.relative(root, out)}/`);
