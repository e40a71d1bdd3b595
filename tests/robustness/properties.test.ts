/**
 * Property-based tests over generated inventories (scripts/gen-inventory.mjs with random seeds
 * and sizes), with a fixed fast-check seed and a bounded number of runs:
 *
 * - check() never throws on a valid inventory;
 * - the JSON report does not depend on how the inventory is written: shuffling the entries of
 *   every list, reordering the keys of every mapping, or splitting the file with `include:`
 *   gives the same report, except `inventory.files` (paths and hashes) and source locations.
 *   Findings are compared without their locations (sorted by rule and fingerprint, since the
 *   report sorts them by place), and their fingerprints separately;
 * - every finding points into its entity: the nearest line at or above the finding's line
 *   that names an id (`id: X` as a key of a block or flow mapping) names the finding's entity.
 *   A forbidden flow, which has no id, is pointed at by its `from:` line, followed by `to:`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  emitSingle,
  emitSplit,
  generate,
  makeRng,
  type GeneratedInventory,
  type Rng,
} from '../../scripts/gen-inventory.mjs';
import { check } from '../../src/index.js';
import { buildReport, type Report } from '../../src/findings/report.js';
import { reportInput } from '../../src/check/report.js';
import { tempDir, TODAY } from '../helpers.js';

const SEED = 20261129;
const RUNS = 30;

function runCheck(files: Record<string, string>, entry: string): Report {
  const dir = tempDir(files);
  const result = check({ paths: [entry], cwd: dir, config: false, today: TODAY });
  return buildReport(reportInput(result), '0.0.0-test', () => true);
}

/** The report without what legitimately depends on the file layout. */
function normalized(report: Report): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (k !== 'location') out[k] = strip(x);
      return out;
    }
    return v;
  };
  const { inventory, findings, ...rest } = report;
  const sorted = [...findings].sort((a, b) =>
    a.ruleId < b.ruleId
      ? -1
      : a.ruleId > b.ruleId
        ? 1
        : a.fingerprint < b.fingerprint
          ? -1
          : a.fingerprint > b.fingerprint
            ? 1
            : 0,
  );
  return strip({ ...rest, inventory: { ...inventory, files: inventory.files.length > 0 }, findings: sorted });
}

const fingerprints = (r: Report) => r.findings.map((f) => f.fingerprint).sort();

/** A deep copy with the items of every list shuffled. */
function shuffled(value: unknown, rng: Rng): unknown {
  if (Array.isArray(value)) return rng.shuffle(value.map((v) => shuffled(v, rng)));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shuffled(v, rng)]));
  return value;
}

const inventoryArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  assets: fc.integer({ min: 50, max: 160 }),
  shuffleSeed: fc.integer(),
});
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true };

describe('properties of check() over generated inventories', () => {
  it('never throws, and gives the same report however the inventory is written', () => {
    fc.assert(
      fc.property(inventoryArb, ({ seed, assets, shuffleSeed }) => {
        const inv = generate({ assets, seed });
        const base = runCheck({ 'inventory.yaml': emitSingle(inv) }, 'inventory.yaml');
        expect(base.findings.length).toBeGreaterThan(0);
        const want = JSON.stringify(normalized(base));
        /** Same report: first as objects (for a readable diff), then byte for byte. */
        const same = (r: Report) => {
          const got = JSON.stringify(normalized(r));
          if (got !== want) expect(JSON.parse(got)).toEqual(JSON.parse(want));
          expect(got).toBe(want);
        };

        const rng = makeRng(shuffleSeed);
        const lists = shuffled(inv, rng) as GeneratedInventory;
        const shuffledReport = runCheck({ 'inventory.yaml': emitSingle(lists) }, 'inventory.yaml');
        same(shuffledReport);
        expect(fingerprints(shuffledReport)).toEqual(fingerprints(base));

        const keys = runCheck(
          { 'inventory.yaml': emitSingle(inv, { keyOrder: (entries) => rng.shuffle([...entries]) }) },
          'inventory.yaml',
        );
        same(keys);
        expect(fingerprints(keys)).toEqual(fingerprints(base));

        const split = runCheck(emitSplit(inv), 'inventory.yaml');
        expect(split.inventory.files.length).toBeGreaterThan(1);
        same(split);
        expect(fingerprints(split)).toEqual(fingerprints(base));
      }),
      params,
    );
  });

  it('points every finding at a line inside its entity', () => {
    fc.assert(
      fc.property(inventoryArb, ({ seed, assets }) => {
        const inv = generate({ assets, seed });
        const files = emitSplit(inv);
        const dir = tempDir(files);
        const result = check({ paths: ['inventory.yaml'], cwd: dir, config: false, today: TODAY });
        const lines = new Map<string, string[]>();
        const linesOf = (file: string) => {
          let l = lines.get(file);
          if (!l) lines.set(file, (l = readFileSync(path.join(dir, file), 'utf8').split('\n')));
          return l;
        };
        const ID_KEY = /(?:^|[\s{,])id: ([^\s,}]+)/;
        for (const f of result.findings) {
          const text = linesOf(f.location.file);
          const at = f.location.line - 1;
          expect(at, `${f.ruleId} ${f.entity.id}`).toBeGreaterThanOrEqual(0);
          if (f.entity.type === 'forbidden-flow') {
            const [from, to] = f.entity.id.split('->');
            expect(text[at]).toContain(`from: ${from}`);
            expect(text[at + 1]).toContain(`to: ${to}`);
            continue;
          }
          let named: string | undefined;
          for (let i = at; i >= 0 && i > at - 60; i--) {
            const m = ID_KEY.exec(text[i]!);
            if (m) {
              named = m[1];
              break;
            }
          }
          expect(
            named,
            `${f.ruleId} on ${f.entity.type} ${f.entity.id} at ${f.location.file}:${f.location.line}: ${text[at]}`,
          ).toBe(f.entity.id);
        }
      }),
      params,
    );
  });
});
