#!/usr/bin/env node
/**
 * Renders the README's diagram: the network view of the seed inventory, findings
 * highlighted, as SVG to docs/images/port-network.svg. Runs on the built package (dist/):
 *
 *   npm run build && node scripts/readme-diagram.mjs            # write the image
 *   node scripts/readme-diagram.mjs --check                      # exit 1 if it is stale
 *   node scripts/readme-diagram.mjs --stdout                     # print it instead
 *
 * The date is fixed so that age and expiry rules give the same findings every day; the
 * configuration is ignored so that only the built-in pack decides what is highlighted.
 * tests/diagram/readme-image.test.ts fails when the committed image is stale.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INVENTORY = 'inventories/port-of-rotterdam.yaml';
export const OUTPUT = 'docs/images/port-network.svg';
export const TODAY = '2026-11-29';

const { check } = await import(path.join(root, 'dist', 'index.js'));
const { renderDiagram } = await import(path.join(root, 'dist', 'diagram', 'index.js'));

const result = check({ paths: [INVENTORY], cwd: root, config: false, today: TODAY });
const svg = await renderDiagram(result.model, 'svg', { view: 'network', findings: result.findings });

const out = path.join(root, OUTPUT);
const arg = process.argv[2];
if (arg === '--stdout') {
  process.stdout.write(svg);
} else if (arg === '--check') {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== svg) {
    process.stderr.write(`${OUTPUT} is stale; run: npm run build && node scripts/readme-diagram.mjs\n`);
    process.exit(1);
  }
} else if (arg === undefined) {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, svg);
  process.stdout.write(`wrote ${OUTPUT}\n`);
} else {
  process.stderr.write(`unknown argument "${arg}"; expected --check or --stdout\n`);
  process.exit(2);
}
