/**
 * Fingerprints are stable: shuffling the entries of the port inventory, reindenting it, or
 * splitting it over included files leaves the set of fingerprints unchanged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { ROOT, tempDir, TODAY } from '../helpers.js';

const PORT = readFileSync(path.join(ROOT, 'inventories/port-of-rotterdam.yaml'), 'utf8');

/** A small seeded PRNG (mulberry32), so the shuffles are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(list: T[], rand: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Shuffles every list and the keys of every mapping, recursively. */
function scramble(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value))
    return shuffled(
      value.map((v) => scramble(v, rand)),
      rand,
    );
  if (value && typeof value === 'object') {
    const entries = shuffled(Object.entries(value), rand);
    return Object.fromEntries(entries.map(([k, v]) => [k, scramble(v, rand)]));
  }
  return value;
}

function run(files: Record<string, string>, entry: string) {
  const dir = tempDir(files);
  return check({ paths: [entry], cwd: dir, config: false, today: TODAY });
}

function fingerprints(files: Record<string, string>, entry: string): string[] {
  return run(files, entry)
    .findings.map((f) => `${f.ruleId} ${f.entity.type}:${f.entity.id} ${f.fingerprint}`)
    .sort();
}

/** Everything a finding says except where it is: messages, evidence, related entities, waivers. */
function contents(files: Record<string, string>, entry: string): string[] {
  return run(files, entry)
    .findings.map((f) =>
      JSON.stringify({
        ...f,
        location: undefined,
        related: f.related.map((r) => ({ ...r, location: undefined })),
        waiver: f.waiver && { ...f.waiver, location: undefined },
      }),
    )
    .sort();
}

describe('fingerprints', () => {
  const doc = load(PORT) as Record<string, unknown>;
  const original = fingerprints({ 'port.yaml': PORT }, 'port.yaml');

  it('the port inventory has findings to compare', () => {
    expect(original.length).toBeGreaterThan(10);
    expect(new Set(original).size).toBe(original.length);
  });

  it('survive shuffling every list and every mapping, and so does everything else findings say', () => {
    const originalContents = contents({ 'port.yaml': PORT }, 'port.yaml');
    for (const seed of [1, 2, 3]) {
      const text = dump(scramble(doc, rng(seed)), { lineWidth: -1 });
      expect(fingerprints({ 'port.yaml': text }, 'port.yaml')).toEqual(original);
      expect(contents({ 'port.yaml': text }, 'port.yaml')).toEqual(originalContents);
    }
  });

  it('survive reindenting and flow style', () => {
    expect(fingerprints({ 'port.yaml': dump(doc, { indent: 4, lineWidth: -1 }) }, 'port.yaml')).toEqual(original);
    expect(fingerprints({ 'port.yaml': dump(doc, { flowLevel: 2, lineWidth: -1 }) }, 'port.yaml')).toEqual(original);
  });

  it('survive splitting the inventory over included files', () => {
    const { assets, links, organizations, people, ...rest } = doc;
    const files = {
      'root.yaml': dump({ ...rest, include: ['parts/*.yaml'] }, { lineWidth: -1 }),
      'parts/assets.yaml': dump({ seglint: 1, assets }, { lineWidth: -1 }),
      'parts/links.yaml': dump({ seglint: 1, links }, { lineWidth: -1 }),
      'parts/supply.yaml': dump({ seglint: 1, organizations, people }, { lineWidth: -1 }),
    };
    expect(fingerprints(files, 'root.yaml')).toEqual(original);
  });
});
