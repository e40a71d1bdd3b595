/**
 * Renders the answer of `seglint path`: whether one entity reaches another over links, and
 * the paths, hop by hop. Pure: the query's result in, text or JSON out.
 */
import type { Model, PathEvidence } from '../graph/model.js';
import type { Endpoint, PathAnswer } from '../check/path.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describeEndpoint(e: Endpoint): string {
  return e.type === 'zone' ? `zone ${e.id}` : e.id;
}

function pathLines(model: Model, p: PathEvidence, indent: string): string[] {
  const out: string[] = [];
  const width = String(p.assets.length).length;
  p.assets.forEach((a, i) => {
    const asset = model.assets.get(a);
    const zones = model.zonesOf(a);
    const num = `${String(i + 1).padStart(width)}.`;
    out.push(
      `${indent}${num} ${a}${asset?.kind ? ` (${asset.kind})` : ''}  zone${zones.length > 1 ? 's' : ''}: ${zones.length ? zones.join(', ') : 'none'}`,
    );
    const h = p.hops[i];
    if (h) {
      const facts = [h.medium, h.purpose, h.conduit ? `conduit ${h.conduit}` : undefined].filter(Boolean).join(', ');
      const l = model.links.get(h.link);
      const against = l && l.from !== h.from ? " (against the link's declared from/to)" : '';
      out.push(`${indent}${' '.repeat(width + 2)}-> via ${h.link}: ${facts}${against}`);
    }
  });
  out.push(`${indent}zones crossed:   ${p.zones.length ? p.zones.join(' > ') : 'none'}`);
  out.push(`${indent}conduits passed: ${p.conduits.length ? p.conduits.join(', ') : 'none'}`);
  return out;
}

export function renderPathText(model: Model, answer: PathAnswer): string {
  const head = `${describeEndpoint(answer.from)} -> ${describeEndpoint(answer.to)}`;
  if (!answer.reachable)
    return `${head}: not reachable (links followed in the direction data can flow, one-way conduits and data diodes honoured)\n`;
  const lines: string[] = [];
  if (answer.all) {
    if (!answer.paths.length) {
      return `${head}: reachable, but not within ${plural(answer.all.maxHops, 'hop')} (shortest: ${plural(answer.shortestHops ?? 0, 'hop')}); raise --max-hops\n`;
    }
    const more = answer.all.truncated ? ` (stopped at --limit ${answer.all.limit})` : '';
    lines.push(
      `${head}: reachable, ${plural(answer.paths.length, 'path')} of at most ${plural(answer.all.maxHops, 'hop')}${more}`,
    );
    answer.paths.forEach((p, i) => {
      lines.push('', `path ${i + 1}: ${plural(p.hops.length, 'hop')}`);
      lines.push(...pathLines(model, p, '  '));
    });
  } else {
    const p = answer.paths[0]!;
    lines.push(`${head}: reachable in ${plural(p.hops.length, 'hop')}`);
    lines.push(...pathLines(model, p, '  '));
  }
  return lines.join('\n') + '\n';
}

export function renderPathJson(model: Model, answer: PathAnswer): string {
  const out = {
    from: { id: answer.from.id, type: answer.from.type },
    to: { id: answer.to.id, type: answer.to.type },
    reachable: answer.reachable,
    ...(answer.all ? { maxHops: answer.all.maxHops, limit: answer.all.limit, truncated: answer.all.truncated } : {}),
    ...(answer.shortestHops !== undefined ? { shortestHops: answer.shortestHops } : {}),
    paths: answer.paths.map((p) => ({
      hopCount: p.hops.length,
      assets: p.assets.map((a) => ({ id: a, kind: model.assets.get(a)?.kind, zones: model.zonesOf(a) })),
      hops: p.hops,
      zones: p.zones,
      conduits: p.conduits,
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
