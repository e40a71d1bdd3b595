/**
 * Effective (indirect) ownership, without enumerating ownership chains.
 *
 * Shares compose linearly. For an organization x that is not a holder (holders are the
 * organizations a rule asks about, such as states and state enterprises):
 *
 *   E(x) = sum over the owners o of x of  share(o, x) * (1 if o is a holder, else E(o))
 *
 * so E is the solution of the linear system (I - Q) E = b, where Q holds the shares between
 * organizations that are not holders and b the shares held directly by holders. A chain stops
 * at the first holder it meets, so nothing is counted twice. Without cycles E is the sum, over
 * every chain from x to a holder, of the product of the shares along it (what the model
 * computed before by listing every chain). With cross-holdings E also counts the chains that go
 * round a cycle any number of times (A owns part of B, which owns part of A, ...): that is the
 * usual "integrated ownership" of a company, and it is what the system's solution is. Every
 * organization's owners hold at most 100% (the loader checks it) and self-ownership is refused
 * at load (and ignored here), so the system has exactly one solution, between 0 and 1.
 *
 * It is solved per strongly connected component of the ownership graph, owners first: an
 * organization alone is one sum; a cycle of up to DENSE_LIMIT organizations is solved by
 * Gaussian elimination with partial pivoting; a larger one by Gauss-Seidel iteration within a
 * step budget (OwnershipNotSettled when it does not settle, which takes shares that leave almost
 * nothing to outside owners). The work is polynomial: O(organizations + shares) plus the cube
 * of the largest cycle up to DENSE_LIMIT.
 *
 * Evidence: the strongest simple chains only, best first (A* by product), at most `limit` of
 * them, ties broken by the ids along the chain. The bound of the search is the best product
 * of one chain from each organization (a max-product Dijkstra from the holders), so the
 * search goes straight to the strongest chains; it stops after SEARCH_BUDGET steps per
 * organization, saying that more chains may exist.
 *
 * solveOwnership() builds the solver for one holder condition (the model keeps one per
 * condition, see indexes.ts) and turns a cycle that does not settle into an input error.
 */
import type { Organization } from '../inventory/types.js';
import type { Location } from '../source/location.js';
import { InputError } from '../source/errors.js';
import { stronglyConnected } from '../base/scc.js';
import { compareStrings } from '../base/compare.js';

/** Most organizations in one ownership cycle solved exactly by elimination. */
export const DENSE_LIMIT = 600;
/** Chains kept as evidence. */
export const MAX_CHAINS = 5;
/** Work (partial chains built, times their length) the evidence search may do, per organization. */
export const SEARCH_BUDGET = 20_000;
const ITERATION_BUDGET = 50_000_000;

export interface OwnershipChain {
  /** The organization itself first, then each owner up the chain. */
  organizations: string[];
  /** Share of each step (organizations[i+1] owns shares[i] of organizations[i]). */
  shares: number[];
  product: number;
  holder: string;
}

export interface OwnershipResult {
  share: number;
  /** The strongest chains, best first (at most MAX_CHAINS). */
  chains: OwnershipChain[];
  /** There are further chains, not listed. */
  more: boolean;
}

/** An ownership cycle too large to eliminate whose iteration does not settle. */
export class OwnershipNotSettled extends Error {
  constructor(readonly ids: string[]) {
    super(`the effective ownership of a cycle of ${ids.length} organizations does not settle`);
  }
}

interface Edge {
  to: number;
  share: number;
}

/**
 * The solver for one holder condition; an ownership cycle that does not settle is an input
 * error at the first organization's owners.
 */
export function solveOwnership(
  organizations: ReadonlyMap<string, Organization>,
  isHolder: (o: Organization) => boolean,
  locateOwners: (o: Organization) => Location | undefined,
): OwnershipSolver {
  try {
    return new OwnershipSolver(organizations, isHolder);
  } catch (err) {
    if (!(err instanceof OwnershipNotSettled)) throw err;
    const first = organizations.get(err.ids[0]!);
    throw new InputError([
      {
        code: 'ownership-not-settled',
        message: `the cross-holdings of ${err.ids.length} organizations (${err.ids.slice(0, 5).join(', ')}${err.ids.length > 5 ? ', ...' : ''}) leave almost nothing to outside owners, and their effective ownership does not settle; check the shares`,
        location: first ? locateOwners(first) : undefined,
      },
    ]);
  }
}

/** The effective share held in one organization, and (unless `withChains` is false) the strongest chains. */
export function ownershipOf(solver: OwnershipSolver, orgId: string, withChains = true): OwnershipResult {
  const share = solver.share(orgId);
  return { share, ...(withChains ? solver.chains(orgId) : { chains: [], more: false }) };
}

export class OwnershipSolver {
  private readonly ids: string[];
  private readonly index = new Map<string, number>();
  private readonly holder: boolean[];
  /** owners[i]: the owners of i, one entry per owner (shares of repeated entries added), by id. */
  private readonly owners: Edge[][];
  private readonly e: Float64Array;

  constructor(organizations: ReadonlyMap<string, Organization>, isHolder: (o: Organization) => boolean) {
    this.ids = [...organizations.keys()].sort(compareStrings);
    this.ids.forEach((id, i) => this.index.set(id, i));
    this.holder = this.ids.map((id) => isHolder(organizations.get(id)!));
    this.owners = this.ids.map((id, i) => {
      const sum = new Map<number, number>();
      for (const ow of organizations.get(id)!.owners ?? []) {
        const j = this.index.get(ow.organization);
        if (j === undefined || j === i || !(ow.share > 0)) continue; // unknown owner (reported at load), self, nothing held
        sum.set(j, (sum.get(j) ?? 0) + ow.share);
      }
      return [...sum].sort((a, b) => a[0] - b[0]).map(([to, share]) => ({ to, share }));
    });
    this.e = this.solve();
  }

  /** Effective share of the organization held by holders (1 for a holder itself). */
  share(id: string): number {
    const i = this.index.get(id);
    if (i === undefined) return 0;
    return this.holder[i] ? 1 : this.e[i]!;
  }

  private solve(): Float64Array {
    const n = this.ids.length;
    const e = new Float64Array(n);
    // organizations from which a holder can be reached through owners that are not holders
    const ownedBy: number[][] = Array.from({ length: n }, () => []);
    this.owners.forEach((list, i) => list.forEach((ed) => ownedBy[ed.to]!.push(i)));
    const relevant = new Uint8Array(n);
    const queue: number[] = [];
    for (let h = 0; h < n; h++) if (this.holder[h]) queue.push(h);
    for (let k = 0; k < queue.length; k++) {
      for (const i of ownedBy[queue[k]!]!) {
        if (this.holder[i] || relevant[i]) continue;
        relevant[i] = 1;
        queue.push(i);
      }
    }
    const inner = (i: number) => this.owners[i]!.filter((ed) => !this.holder[ed.to] && relevant[ed.to]);
    // components come out of Tarjan owners first: each one's outside owners are solved already
    const roots = [...relevant.keys()].filter((i) => relevant[i] === 1);
    // owners tend to come first within a component: the order Gauss-Seidel sweeps in
    for (const comp of stronglyConnected(roots, (i) => inner(i).map((ed) => ed.to))) {
      const inComp = new Map(comp.map((i, k) => [i, k]));
      const b = comp.map((i) => {
        let s = 0;
        for (const ed of this.owners[i]!) {
          if (this.holder[ed.to]) s += ed.share;
          else if (!inComp.has(ed.to)) s += ed.share * e[ed.to]!;
        }
        return s;
      });
      if (comp.length === 1) {
        // no self-ownership (left out above), so a component of one is no cycle
        e[comp[0]!] = clamp(b[0]!);
        continue;
      }
      const x = comp.length <= DENSE_LIMIT ? this.eliminate(comp, inComp, b) : this.iterate(comp, inComp, b);
      comp.forEach((i, k) => (e[i] = clamp(x[k]!)));
    }
    return e;
  }

  /** (I - Q) x = b by Gaussian elimination with partial pivoting. */
  private eliminate(comp: number[], inComp: Map<number, number>, b: number[]): Float64Array {
    const k = comp.length;
    const a = new Float64Array(k * (k + 1));
    const w = k + 1;
    comp.forEach((i, r) => {
      a[r * w + r] = 1;
      for (const ed of this.owners[i]!) {
        const c = inComp.get(ed.to);
        if (c !== undefined) a[r * w + c] = a[r * w + c]! - ed.share;
      }
      a[r * w + k] = b[r]!;
    });
    for (let col = 0; col < k; col++) {
      let pivot = col;
      for (let r = col + 1; r < k; r++) if (Math.abs(a[r * w + col]!) > Math.abs(a[pivot * w + col]!)) pivot = r;
      if (pivot !== col) {
        for (let c = col; c <= k; c++) {
          const t = a[col * w + c]!;
          a[col * w + c] = a[pivot * w + c]!;
          a[pivot * w + c] = t;
        }
      }
      const p = a[col * w + col]!;
      if (Math.abs(p) < 1e-300) throw new OwnershipNotSettled(comp.map((i) => this.ids[i]!).sort());
      for (let r = col + 1; r < k; r++) {
        const f = a[r * w + col]! / p;
        if (f === 0) continue;
        for (let c = col; c <= k; c++) a[r * w + c] = a[r * w + c]! - f * a[col * w + c]!;
      }
    }
    const x = new Float64Array(k);
    for (let r = k - 1; r >= 0; r--) {
      let s = a[r * w + k]!;
      for (let c = r + 1; c < k; c++) s -= a[r * w + c]! * x[c]!;
      x[r] = s / a[r * w + r]!;
    }
    return x;
  }

  /** Gauss-Seidel sweeps until no value moves by more than 1e-15, within a step budget. */
  private iterate(comp: number[], inComp: Map<number, number>, b: number[]): Float64Array {
    const x = new Float64Array(comp.length);
    const edges = comp.map((i) =>
      this.owners[i]!.filter((ed) => inComp.has(ed.to)).map((ed) => ({ k: inComp.get(ed.to)!, share: ed.share })),
    );
    const perSweep = edges.reduce((s, l) => s + l.length + 1, 0);
    for (let steps = 0; steps <= ITERATION_BUDGET; steps += perSweep) {
      let moved = 0;
      for (let r = 0; r < comp.length; r++) {
        let v = b[r]!;
        for (const ed of edges[r]!) v += ed.share * x[ed.k]!;
        moved = Math.max(moved, Math.abs(v - x[r]!));
        x[r] = v;
      }
      if (moved <= 1e-15) return x;
    }
    throw new OwnershipNotSettled(comp.map((i) => this.ids[i]!).sort());
  }

  /**
   * The strongest simple chains from the organization to a holder, best first: product
   * descending, then the ids along the chain. `more` when further chains exist (or the search
   * stopped before it could tell).
   */
  chains(id: string, limit = MAX_CHAINS): { chains: OwnershipChain[]; more: boolean } {
    const start = this.index.get(id);
    if (start === undefined) return { chains: [], more: false };
    if (this.holder[start])
      return { chains: [{ organizations: [id], shares: [], product: 1, holder: id }], more: false };
    const best = (this.best ??= this.bestChainProducts());
    // a partial chain, kept as a pointer to its parent so that extending it costs no copy
    interface Partial {
      at: number;
      parent: Partial | undefined;
      share: number;
      product: number;
      depth: number;
      /** Upper bound of the product of any completion (the product itself once complete). */
      f: number;
      path?: number[];
    }
    const pathOf = (p: Partial): number[] => {
      if (!p.path) {
        const path = new Array<number>(p.depth + 1);
        for (let q: Partial | undefined = p; q; q = q.parent) path[q.depth] = q.at;
        p.path = path;
      }
      return p.path;
    };
    const heap = new Heap<Partial>((a, b) => b.f - a.f || cmpPath(pathOf(a), pathOf(b)));
    if (best[start]! > 0) heap.push({ at: start, parent: undefined, share: 1, product: 1, depth: 0, f: best[start]! });
    const found: OwnershipChain[] = [];
    let work = 0;
    while (heap.size > 0 && found.length <= limit) {
      const cur = heap.pop()!;
      if (this.holder[cur.at]) {
        const path = pathOf(cur);
        const shares: number[] = [];
        for (let q: Partial | undefined = cur; q?.parent; q = q.parent) shares[q.depth - 1] = q.share;
        found.push({
          organizations: path.map((i) => this.ids[i]!),
          shares,
          product: cur.product,
          holder: this.ids[cur.at]!,
        });
        continue;
      }
      for (const ed of this.owners[cur.at]!) {
        const product = cur.product * ed.share;
        const f = this.holder[ed.to] ? product : product * best[ed.to]!;
        if (!(f > 0)) continue;
        work += cur.depth + 1;
        if (work > SEARCH_BUDGET) return { chains: sortChains(found).slice(0, limit), more: true };
        let onPath = false; // a chain is simple
        for (let q: Partial | undefined = cur; q && !onPath; q = q.parent) onPath = q.at === ed.to;
        if (!onPath) heap.push({ at: ed.to, parent: cur, share: ed.share, product, depth: cur.depth + 1, f });
      }
    }
    return { chains: sortChains(found).slice(0, limit), more: found.length > limit };
  }

  private best: Float64Array | undefined;

  /**
   * For each organization, the largest product of shares along one chain to a holder (a
   * simple one: going round a cycle never raises a product). A max-product Dijkstra from the
   * holders down the ownership edges; the bound of the evidence search, slightly raised so
   * that rounding never prunes a chain.
   */
  private bestChainProducts(): Float64Array {
    const n = this.ids.length;
    const best = new Float64Array(n);
    const ownedBy: Edge[][] = Array.from({ length: n }, () => []);
    this.owners.forEach((list, i) => list.forEach((ed) => ownedBy[ed.to]!.push({ to: i, share: ed.share })));
    const done = new Uint8Array(n);
    const heap = new Heap<[number, number]>((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (let h = 0; h < n; h++) if (this.holder[h]) heap.push([h, 1]);
    while (heap.size) {
      const [v, p] = heap.pop()!;
      if (done[v]) continue;
      done[v] = 1;
      best[v] = p;
      if (p > 0) {
        for (const ed of ownedBy[v]!) {
          if (this.holder[ed.to] || done[ed.to]) continue;
          const q = p * ed.share;
          if (q > best[ed.to]!) {
            best[ed.to] = q;
            heap.push([ed.to, q]);
          }
        }
      }
    }
    for (let i = 0; i < n; i++) best[i] = this.holder[i] ? 1 : best[i]! * (1 + 1e-9);
    return best;
  }
}

function sortChains(list: OwnershipChain[]): OwnershipChain[] {
  return list.sort((a, b) => b.product - a.product || cmpIds(a.organizations, b.organizations));
}

function clamp(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function cmpPath(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function cmpIds(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return compareStrings(a[i]!, b[i]!);
  return a.length - b.length;
}

/** A binary heap; `cmp(a, b) < 0` when a comes out first. */
class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly cmp: (a: T, b: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.cmp(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.cmp(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.cmp(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
