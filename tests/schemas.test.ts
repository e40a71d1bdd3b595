/**
 * The JSON Schemas are real schemas: valid against the JSON Schema meta-schema (seglint
 * compiles them without that check at run time, to start faster), with an $id, and with a
 * description on every property so that an editor can show help.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const dir = path.join(ROOT, 'schemas');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.schema.json'))
  .sort();

/** Every `properties` entry below `node`, with its JSON pointer. */
function properties(node: unknown, pointer = '#'): { pointer: string; schema: Record<string, unknown> }[] {
  const out: { pointer: string; schema: Record<string, unknown> }[] = [];
  if (Array.isArray(node)) node.forEach((n, i) => out.push(...properties(n, `${pointer}/${i}`)));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' && v && typeof v === 'object') {
        for (const [name, schema] of Object.entries(v))
          out.push({ pointer: `${pointer}/properties/${name}`, schema: schema as Record<string, unknown> });
      }
      out.push(...properties(v, `${pointer}/${k}`));
    }
  }
  return out;
}

describe('schemas', () => {
  it('are the inventory, rule, config, report and rule-test schemas', () => {
    expect(files).toEqual([
      'config.schema.json',
      'inventory.schema.json',
      'report.schema.json',
      'rule-test.schema.json',
      'rule.schema.json',
    ]);
  });

  for (const f of files) {
    const schema = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>;
    it(`${f} is valid against the meta-schema and compiles strictly`, () => {
      const ajv = new Ajv({ strict: true, allowUnionTypes: true, validateSchema: true });
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
      expect(() => ajv.compile(schema)).not.toThrow();
      expect(schema.$id).toBe(`https://seglint.dev/schemas/${f}`);
    });
    if (f === 'inventory.schema.json' || f === 'rule.schema.json' || f === 'config.schema.json') {
      it(`${f} describes every property`, () => {
        const missing = properties(schema).filter(
          ({ schema: s }) => typeof s.description !== 'string' && !('$ref' in s && typeof s.description === 'string'),
        );
        // a $ref to a described definition counts as described
        const defs = (schema.definitions ?? {}) as Record<string, { description?: string }>;
        const really = missing.filter(
          ({ schema: s }) => !(typeof s.$ref === 'string' && defs[String(s.$ref).split('/').pop()!]?.description),
        );
        expect(really.map((m) => m.pointer)).toEqual([]);
      });
    }
  }
});
