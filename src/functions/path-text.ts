/** Renders path evidence as one line: a -[l1 ethernet]-> b -[l2 mobile remote-maintenance]-> c. */
import type { PathEvidence } from '../graph/model.js';

export function pathText(p: PathEvidence): string {
  let s = p.assets[0] ?? '';
  for (const h of p.hops) s += ` -[${h.link} ${h.medium}${h.purpose ? ` ${h.purpose}` : ''}]-> ${h.to}`;
  return s;
}
