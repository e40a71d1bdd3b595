#!/usr/bin/env node
/** Prints the functions with the most self time in a .cpuprofile: node scripts/prof-top.mjs FILE [N]. */
import { readFileSync } from 'node:fs';
const [file, n = '25'] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const dt = new Map();
const { samples, timeDeltas, nodes } = prof;
const byId = new Map(nodes.map((x) => [x.id, x]));
for (let i = 0; i < samples.length; i++) dt.set(samples[i], (dt.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
const self = new Map();
let total = 0;
for (const [id, us] of dt) {
  const cf = byId.get(id).callFrame;
  const key = `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^.*\/(node_modules\/|dist\/|src\/)/, '$1')}:${cf.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + us);
  total += us;
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
console.log(`total ${(total / 1000).toFixed(0)} ms`);
for (const [k, us] of rows)
  console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
