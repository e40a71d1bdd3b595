/** Strongly connected components of a graph given by a successor function (iterative Tarjan). */

/**
 * The components reachable from `roots`, each one listed after every component it reaches
 * (so a component's successors come first). Deterministic: follows `roots` and `succ` in
 * their order. `step` is called once per edge followed (for work budgets).
 */
export function stronglyConnected(
  roots: Iterable<number>,
  succ: (v: number) => readonly number[],
  step?: () => void,
): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (const root of roots) {
    if (index.has(root)) continue;
    const work: { v: number; next: readonly number[]; k: number }[] = [];
    const open = (v: number) => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      work.push({ v, next: succ(v), k: 0 });
    };
    open(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      if (top.k < top.next.length) {
        const w = top.next[top.k++]!;
        step?.();
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        out.push(comp);
      }
    }
  }
  return out;
}
