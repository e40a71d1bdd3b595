/**
 * Regular expressions of the rule language (`matches`), checked before they ever run.
 *
 * JavaScript runs regular expressions by backtracking: a pattern that can match the same text
 * in many ways (`^(a+)+$`, `(a|a)*`, `.*.*=`) takes exponential or polynomial time on a text
 * that almost matches. The text comes from the inventory, which is not trusted, so every
 * pattern is analysed when the rule (or the configuration setting its parameter) is loaded:
 *
 * 1. syntax: it must compile as a Unicode (`u`) regular expression;
 * 2. it must not be empty, nor match every text (a pattern that can match the empty string and
 *    has no anchor or other assertion, such as `.*` or `a?`, makes the condition constant);
 * 3. no backreferences (`\1`, `\k<name>`): matching with them is NP-hard;
 * 4. its syntax tree is turned into a position (Glushkov) automaton that keeps multiplicities,
 *    so that it has one path per way the backtracking matcher can match a text, and two
 *    properties of that automaton are ruled out:
 *    - exponential degree of ambiguity (EDA): a state with two different cycles on the same
 *      text, as in `(a+)+`, `(a*)*`, `(a|a)*`, `(\w+\s?)+`;
 *    - infinite (polynomial) degree of ambiguity (IDA): two different looping states p and q
 *      with p ->w p, p ->w q and q ->w q for one text w, as in `\d+\d+` or `.*.*=`;
 *    assertions count as empty (which only adds paths, so the check errs on the safe side);
 *    a lookaround's body is analysed on its own (a lookbehind in both directions), and a
 *    lookaround with unbounded repetition may not stand inside a repetition;
 * 5. bounded repeats are expanded when small (`\d{1,3}` is three optional digits) and read as
 *    unbounded otherwise, which again only adds paths.
 *
 * With 1-5, one attempt to match at one position of the text takes time linear in the text.
 * `RegExp.test` makes an attempt at each position, so a text is limited to MAX_MATCH_TEXT
 * characters (the caller refuses longer ones): the work per text is then at most quadratic in
 * a bounded length, linear in the size of the inventory.
 *
 * The analysis itself is bounded: patterns are at most MAX_PATTERN_LENGTH characters, at most
 * MAX_POSITIONS character positions once expanded, and the product automata are explored
 * within a fixed number of steps, past which the pattern is refused as too complex.
 */

import { stronglyConnected } from '../base/scc.js';
import { pushTo } from '../base/group.js';

export const MAX_PATTERN_LENGTH = 200;
/** The longest text a pattern is matched against. */
export const MAX_MATCH_TEXT = 1000;
const MAX_POSITIONS = 400;
/** Largest number of positions an exactly expanded bounded repeat may have. */
const EXPAND_LIMIT = 64;
const STEP_BUDGET = 2_000_000;
/** Most ways one text may be matched (paths of the automaton reading the same text). */
export const MAX_WAYS = 32;
const MAX_CONFIGURATIONS = 20_000;

export type PatternProblemCode =
  | 'regex-syntax'
  | 'regex-empty'
  | 'regex-too-long'
  | 'regex-matches-everything'
  | 'regex-backreference'
  | 'regex-exponential'
  | 'regex-polynomial'
  | 'regex-ambiguous'
  | 'regex-lookaround-in-repeat'
  | 'regex-too-complex';

export interface PatternProblem {
  code: PatternProblemCode;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Character sets: sorted, disjoint, non-adjacent inclusive ranges [lo0, hi0, lo1, hi1, ...]
// over code points.

type CharSet = readonly number[];
const MAX_CP = 0x10ffff;
const ANY: CharSet = [0, MAX_CP];

function normalize(ranges: [number, number][]): CharSet {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of ranges) {
    if (out.length && lo <= out[out.length - 1]! + 1) out[out.length - 1] = Math.max(out[out.length - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

function complement(s: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < s.length; i += 2) {
    if (s[i]! > next) out.push(next, s[i]! - 1);
    next = s[i + 1]! + 1;
  }
  if (next <= MAX_CP) out.push(next, MAX_CP);
  return out;
}

function intersect(a: CharSet, b: CharSet): CharSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

const cp = (c: string) => c.codePointAt(0)!;
const DIGIT = normalize([[0x30, 0x39]]);
const WORD = normalize([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]);
const SPACE = normalize([[9, 13], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]]);
const DOT = complement(normalize([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]));

// ---------------------------------------------------------------------------------------------
// Syntax tree of a pattern that V8 has already accepted with the `u` flag.

interface Span {
  start: number;
  end: number;
}
type Node =
  | ({ kind: 'char'; set: CharSet } & Span)
  | ({ kind: 'seq'; items: Node[] } & Span)
  | ({ kind: 'alt'; alts: Node[] } & Span)
  | ({ kind: 'repeat'; body: Node; min: number; max: number } & Span)
  | ({ kind: 'assert' } & Span)
  | ({ kind: 'look'; body: Node; behind: boolean } & Span)
  | ({ kind: 'backref' } & Span);

class Unsupported extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.disjunction();
    if (this.i < this.src.length) throw new Unsupported(`unexpected "${this.src[this.i]}" at character ${this.i + 1}`);
    return n;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private at(s: string): boolean {
    return this.src.startsWith(s, this.i);
  }

  private expect(c: string): void {
    if (this.src[this.i] !== c) throw new Unsupported(`expected "${c}" at character ${this.i + 1}`);
    this.i++;
  }

  private disjunction(): Node {
    const start = this.i;
    const alts = [this.alternative()];
    while (this.peek() === '|') {
      this.i++;
      alts.push(this.alternative());
    }
    return alts.length === 1 ? alts[0]! : { kind: 'alt', alts, start, end: this.i };
  }

  private alternative(): Node {
    const start = this.i;
    const items: Node[] = [];
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.term());
    return items.length === 1 ? items[0]! : { kind: 'seq', items, start, end: this.i };
  }

  private term(): Node {
    const start = this.i;
    if (this.peek() === '^' || this.peek() === '$') {
      this.i++;
      return { kind: 'assert', start, end: this.i };
    }
    if (this.at('\\b') || this.at('\\B')) {
      this.i += 2;
      return { kind: 'assert', start, end: this.i };
    }
    for (const [open, behind] of [['(?=', false], ['(?!', false], ['(?<=', true], ['(?<!', true]] as const) {
      if (this.at(open)) {
        this.i += open.length;
        const body = this.disjunction();
        this.expect(')');
        // a lookahead cannot be quantified with the u flag, a lookbehind never
        return { kind: 'look', body, behind, start, end: this.i };
      }
    }
    return this.quantified(this.atom(), start);
  }

  private quantified(body: Node, start: number): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported(`unexpected "{" at character ${this.i + 1}`);
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return body;
    this.i++;
    if (this.peek() === '?') this.i++; // lazy: the same paths, tried in another order
    return { kind: 'repeat', body, min, max, start, end: this.i };
  }

  private atom(): Node {
    const start = this.i;
    const c = this.peek()!;
    if (c === '.') {
      this.i++;
      return { kind: 'char', set: DOT, start, end: this.i };
    }
    if (c === '(') {
      if (this.at('(?:')) this.i += 3;
      else if (this.at('(?<')) {
        const close = this.src.indexOf('>', this.i);
        if (close === -1) throw new Unsupported(`unterminated group name at character ${this.i + 1}`);
        this.i = close + 1;
      } else if (this.at('(?')) throw new Unsupported(`the group "${this.src.slice(this.i, this.i + 4)}..." at character ${this.i + 1} is not supported`);
      else this.i++;
      const body = this.disjunction();
      this.expect(')');
      return this.spanned(body, start);
    }
    if (c === '[') return { kind: 'char', set: this.characterClass(), start, end: this.i };
    if (c === '\\') return this.escape(start);
    const code = cp(this.src.slice(this.i));
    this.i += code > 0xffff ? 2 : 1;
    return { kind: 'char', set: [code, code], start, end: this.i };
  }

  /** A group's content with the group's own span (for messages). */
  private spanned(n: Node, start: number): Node {
    return { ...n, start, end: this.i };
  }

  private escape(start: number): Node {
    this.i++; // backslash
    const c = this.peek()!;
    if (/[1-9]/.test(c)) {
      while (/[0-9]/.test(this.peek() ?? '')) this.i++;
      return { kind: 'backref', start, end: this.i };
    }
    if (c === 'k') {
      const close = this.src.indexOf('>', this.i);
      this.i = close === -1 ? this.src.length : close + 1;
      return { kind: 'backref', start, end: this.i };
    }
    return { kind: 'char', set: this.characterEscape(false), start, end: this.i };
  }

  /** After a backslash: a class escape or one character, as a set. */
  private characterEscape(inClass: boolean): CharSet {
    const c = this.peek()!;
    this.i++;
    switch (c) {
      case 'd':
        return DIGIT;
      case 'D':
        return complement(DIGIT);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      case 'p':
      case 'P': {
        // Unicode property: counted as any character (more overlap, so the check errs on the safe side)
        const close = this.src.indexOf('}', this.i);
        this.i = close === -1 ? this.src.length : close + 1;
        return ANY;
      }
      default: {
        const code = this.escapedCodePoint(c, inClass);
        return [code, code];
      }
    }
  }

  private escapedCodePoint(c: string, inClass: boolean): number {
    switch (c) {
      case 'f':
        return 0x0c;
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 't':
        return 0x09;
      case 'v':
        return 0x0b;
      case 'b':
        if (inClass) return 0x08;
        break;
      case '0':
        return 0;
      case 'c': {
        const letter = this.peek()!;
        this.i++;
        return cp(letter) % 32;
      }
      case 'x': {
        const hex = this.src.slice(this.i, this.i + 2);
        this.i += 2;
        return parseInt(hex, 16);
      }
      case 'u': {
        if (this.peek() === '{') {
          const close = this.src.indexOf('}', this.i);
          const v = parseInt(this.src.slice(this.i + 1, close), 16);
          this.i = close + 1;
          return v;
        }
        const hi = parseInt(this.src.slice(this.i, this.i + 4), 16);
        this.i += 4;
        const lo = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(this.src.slice(this.i));
        if (hi >= 0xd800 && hi <= 0xdbff && lo) {
          this.i += 6;
          return (hi - 0xd800) * 0x400 + (parseInt(lo[1]!, 16) - 0xdc00) + 0x10000;
        }
        return hi;
      }
    }
    // identity escape: the character itself (one code point)
    const code = cp(this.src.slice(this.i - 1));
    if (code > 0xffff) this.i++;
    return code;
  }

  private characterClass(): CharSet {
    this.i++; // [
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    const parts: [number, number][] = [];
    const atom = (): CharSet => {
      if (this.peek() === '\\') {
        this.i++;
        return this.characterEscape(true);
      }
      const code = cp(this.src.slice(this.i));
      this.i += code > 0xffff ? 2 : 1;
      return [code, code];
    };
    while (this.i < this.src.length && this.peek() !== ']') {
      const a = atom();
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length && a.length === 2 && a[0] === a[1]) {
        this.i++;
        const b = atom();
        parts.push([a[0]!, b[1]!]);
      } else for (let k = 0; k < a.length; k += 2) parts.push([a[k]!, a[k + 1]!]);
    }
    this.expect(']');
    const set = normalize(parts);
    return negate ? complement(set) : set;
  }
}

// ---------------------------------------------------------------------------------------------
// Position automaton with multiplicities.

interface Part {
  nullable: boolean;
  first: number[];
  last: number[];
}

class TooComplex extends Error {}

class Automaton {
  /** labels[p]: the characters position p reads; state 0 is the start and reads nothing. */
  readonly labels: CharSet[] = [[]];
  /** out[p]: successor -> number of distinct ways (multiplicity). */
  readonly out: Map<number, number>[] = [new Map()];
  /** For messages: the repeat nodes that made each edge, and the repeats around each position. */
  readonly edgeBy = new Map<string, Span[]>();
  readonly enclosing: Span[][] = [[]];
  readonly looks: { node: Extract<Node, { kind: 'look' }>; inRepeat: boolean }[] = [];
  private repeats: Extract<Node, { kind: 'repeat' }>[] = [];

  static of(n: Node): Automaton {
    const a = new Automaton();
    const g = a.build(n);
    a.connect(g.first.map(() => 0), g.first, undefined, true);
    return a;
  }

  get size(): number {
    return this.labels.length;
  }

  /** The automaton read backwards (for lookbehinds, which V8 matches from right to left). */
  static reversedOf(n: Node): Automaton {
    const fwd = new Automaton();
    const g = fwd.build(n);
    const a = new Automaton();
    a.labels.push(...fwd.labels.slice(1));
    a.enclosing.push(...fwd.enclosing.slice(1));
    for (let p = 1; p < fwd.size; p++) a.out.push(new Map());
    for (let p = 1; p < fwd.size; p++) for (const [q, k] of fwd.out[p]!) a.out[q]!.set(p, (a.out[q]!.get(p) ?? 0) + k);
    for (const q of g.last) a.out[0]!.set(q, (a.out[0]!.get(q) ?? 0) + 1);
    return a;
  }

  private position(set: CharSet): number {
    if (this.labels.length > MAX_POSITIONS) throw new TooComplex(`more than ${MAX_POSITIONS} character positions once its bounded repeats are expanded`);
    this.labels.push(set);
    this.out.push(new Map());
    this.enclosing.push([...this.repeats]);
    return this.labels.length - 1;
  }

  /** Adds an edge from every `from` to every `to` (or pairwise when `pairwise`). */
  private connect(from: number[], to: number[], by: Span | undefined, pairwise = false): void {
    const add = (p: number, q: number) => {
      const m = this.out[p]!;
      m.set(q, (m.get(q) ?? 0) + 1);
      if (by) pushTo(this.edgeBy, `${p},${q}`, by);
    };
    if (pairwise) from.forEach((p, k) => add(p, to[k]!));
    else for (const p of from) for (const q of to) add(p, q);
  }

  private seq(a: Part, b: Part, by?: Span): Part {
    this.connect(a.last, b.first, by);
    return {
      nullable: a.nullable && b.nullable,
      first: a.nullable ? [...a.first, ...b.first] : a.first,
      last: b.nullable ? [...a.last, ...b.last] : b.last,
    };
  }

  build(n: Node): Part {
    switch (n.kind) {
      case 'char': {
        const p = this.position(n.set);
        return { nullable: false, first: [p], last: [p] };
      }
      case 'seq':
        return n.items.reduce<Part>((acc, item) => this.seq(acc, this.build(item)), { nullable: true, first: [], last: [] });
      case 'alt': {
        const parts = n.alts.map((x) => this.build(x));
        return { nullable: parts.some((x) => x.nullable), first: parts.flatMap((x) => x.first), last: parts.flatMap((x) => x.last) };
      }
      case 'assert':
        return { nullable: true, first: [], last: [] };
      case 'look':
        this.looks.push({ node: n, inRepeat: this.repeats.some((r) => r.max > 1) });
        return { nullable: true, first: [], last: [] };
      case 'backref':
        throw new Error('backreference'); // refused before the automaton is built
      case 'repeat':
        return this.repeat(n);
    }
  }

  private repeat(n: Extract<Node, { kind: 'repeat' }>): Part {
    const { body, min, max } = n;
    if (max === 0) return { nullable: true, first: [], last: [] };
    this.repeats.push(n);
    try {
      const size = sizeOf(body);
      const exact = max !== Infinity && size * max <= EXPAND_LIMIT;
      const parts: Part[] = [];
      if (exact) {
        for (let k = 0; k < min; k++) parts.push(this.build(body));
        // max - min optional copies, nested: x(x(x)?)? has one path per count, as V8's counted loop
        let tail: Part | undefined;
        for (let k = min; k < max; k++) {
          const b = this.build(body);
          tail = { ...(tail ? this.seq(b, tail, n) : b), nullable: true };
        }
        if (tail) parts.push(tail);
      } else {
        // read as min copies and a loop (at most as many copies as fit): more paths, never fewer
        const copies = min > 0 && size * min <= EXPAND_LIMIT ? min - 1 : 0;
        for (let k = 0; k < copies; k++) parts.push(this.build(body));
        const b = this.build(body);
        this.connect(b.last, b.first, n);
        parts.push({ ...b, nullable: b.nullable || min === 0 });
      }
      return parts.reduce<Part>((acc, x) => this.seq(acc, x, n), { nullable: true, first: [], last: [] });
    } finally {
      this.repeats.pop();
    }
  }
}

/** Character positions of a node once expanded (capped: only compared with EXPAND_LIMIT). */
function sizeOf(n: Node): number {
  const cap = EXPAND_LIMIT + 1;
  switch (n.kind) {
    case 'char':
      return 1;
    case 'seq':
      return Math.min(cap, n.items.reduce((s, x) => s + sizeOf(x), 0));
    case 'alt':
      return Math.min(cap, n.alts.reduce((s, x) => s + sizeOf(x), 0));
    case 'repeat': {
      const b = sizeOf(n.body);
      return Math.min(cap, n.max === Infinity ? b * Math.max(n.min, 1) : b * n.max);
    }
    default:
      return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Ambiguity checks.

interface Budget {
  steps: number;
}

function spend(budget: Budget, n = 1): void {
  budget.steps += n;
  if (budget.steps > STEP_BUDGET) throw new TooComplex('its ambiguity cannot be decided within the analysis budget');
}

/** Component number of every node reachable from `nodes`. */
function components(nodes: number[], succ: (v: number) => number[], budget: Budget): Map<number, number> {
  const comp = new Map<number, number>();
  stronglyConnected(nodes, succ, () => spend(budget)).forEach((members, c) => members.forEach((v) => comp.set(v, c)));
  return comp;
}

const quote = (src: string, s: Span) => `"${src.slice(s.start, s.end)}"`;

/** The smallest repeat around every one of the positions (for messages). */
function commonRepeat(a: Automaton, states: number[]): Span | undefined {
  const lists = states.filter((s) => s > 0).map((s) => a.enclosing[s]!);
  if (!lists.length) return undefined;
  let best: Span | undefined;
  for (const r of lists[0]!) if (lists.every((l) => l.includes(r))) best = r;
  return best;
}

/** Exponential degree of ambiguity: a state with two different cycles on the same text. */
function exponential(a: Automaton, src: string, budget: Budget): string | undefined {
  const n = a.size;
  const key = (p: number, q: number) => p * n + q;
  const succCache = new Map<number, number[]>();
  const divergent: [number, number][] = [];
  const succ = (v: number): number[] => {
    let list = succCache.get(v);
    if (list) return list;
    const p = Math.floor(v / n);
    const q = v % n;
    list = [];
    for (const [p2, mp] of a.out[p]!) {
      for (const [q2] of a.out[q]!) {
        spend(budget);
        if (intersect(a.labels[p2]!, a.labels[q2]!).length === 0) continue;
        list.push(key(p2, q2));
        if (p === q && p2 === q2 && mp > 1) divergent.push([v, key(p2, q2)]);
      }
    }
    succCache.set(v, list);
    return list;
  };
  const diagonal = Array.from({ length: n }, (_, p) => key(p, p));
  const comp = components(diagonal, succ, budget);
  // components with a diagonal pair
  const diagComps = new Set<number>();
  for (const d of diagonal) diagComps.add(comp.get(d)!);
  for (const [v, c] of comp) {
    const p = Math.floor(v / n);
    const q = v % n;
    if (p !== q && diagComps.has(c)) {
      const members = [...comp].filter(([, cc]) => cc === c).flatMap(([w]) => [Math.floor(w / n), w % n]);
      const r = commonRepeat(a, [...new Set(members)]);
      return `${r ? `the repetition ${quote(src, r)}` : 'a repetition'} can match the same text in two different ways, so a text that almost matches is tried in exponentially many ways`;
    }
  }
  for (const [v, w] of divergent) {
    if (comp.get(v) !== comp.get(w)) continue;
    const p = Math.floor(v / n);
    const q = Math.floor(w / n);
    const makers = [...new Set(a.edgeBy.get(`${p},${q}`) ?? [])].sort((x, y) => x.start - y.start || y.end - x.end);
    const named = makers.slice(0, 2).map((r) => quote(src, r));
    return `${named.length === 2 ? `the repetitions ${named[0]} and ${named[1]}` : 'nested repetitions'} can both repeat the same text, so a text that almost matches is tried in exponentially many ways`;
  }
  return undefined;
}

/** Polynomial (infinite) degree of ambiguity: p ->w p, p ->w q, q ->w q for states p != q. */
function polynomial(a: Automaton, src: string, budget: Budget): string | undefined {
  const n = a.size;
  const states = Array.from({ length: n }, (_, p) => p);
  const comp = components(states, (p) => [...a.out[p]!.keys()], budget);
  const cyclic = (p: number) => a.out[p]!.has(p) || states.some((q) => q !== p && comp.get(q) === comp.get(p));
  const loops = states.filter((p) => p > 0 && cyclic(p));
  for (const p of loops) {
    // states reachable from p
    const reach = new Set<number>([p]);
    const queue = [p];
    for (let h = 0; h < queue.length; h++) for (const q of a.out[queue[h]!]!.keys()) if (!reach.has(q)) {
        reach.add(q);
        queue.push(q);
      }
    for (const q of loops) {
      if (q === p || !reach.has(q) || comp.get(q) === comp.get(p)) continue;
      if (triple(a, p, q, comp, budget)) {
        const rp = commonRepeat(a, [p]);
        const rq = commonRepeat(a, [q]);
        const what = rp && rq ? `the repetitions ${quote(src, rp)} and ${quote(src, rq)}` : 'two repetitions';
        return `${what} can match the same text one after the other, so a text that almost matches takes polynomial time (quadratic or worse)`;
      }
    }
  }
  return undefined;
}

/** Is (p, q, q) reachable from (p, p, q) in the triple product, x within p's and z within q's component? */
function triple(a: Automaton, p: number, q: number, comp: Map<number, number>, budget: Budget): boolean {
  const n = a.size;
  const cp_ = comp.get(p);
  const cq = comp.get(q);
  const key = (x: number, y: number, z: number) => (x * n + y) * n + z;
  const start = key(p, p, q);
  const goal = key(p, q, q);
  const seen = new Set<number>([start]);
  const queue: [number, number, number][] = [[p, p, q]];
  for (let h = 0; h < queue.length; h++) {
    const [x, y, z] = queue[h]!;
    for (const x2 of a.out[x]!.keys()) {
      if (comp.get(x2) !== cp_) continue;
      for (const z2 of a.out[z]!.keys()) {
        if (comp.get(z2) !== cq) continue;
        const xz = intersect(a.labels[x2]!, a.labels[z2]!);
        if (xz.length === 0) continue;
        for (const y2 of a.out[y]!.keys()) {
          spend(budget);
          if (intersect(xz, a.labels[y2]!).length === 0) continue;
          const k = key(x2, y2, z2);
          if (k === goal) return true;
          if (seen.has(k)) continue;
          seen.add(k);
          queue.push([x2, y2, z2]);
        }
      }
    }
  }
  return false;
}

function contains(set: CharSet, c: number): boolean {
  for (let i = 0; i < set.length; i += 2) if (c >= set[i]! && c <= set[i + 1]!) return true;
  return false;
}

/**
 * The degree of ambiguity, bounded: runs the automaton on every text at once (one
 * configuration = how many paths stand on each state after some text, counts capped) and
 * fails when some text is read in more than MAX_WAYS ways. Without exponential or polynomial
 * ambiguity the degree is finite, but it can still be huge for a fixed pattern (`(a|a?){20}`
 * reads "aaaa..." in 2^20 ways).
 */
function degree(a: Automaton, src: string, budget: Budget): string | undefined {
  // one representative character per class of characters that every label treats alike
  const bounds = new Set<number>([0]);
  for (const l of a.labels) {
    for (let i = 0; i < l.length; i += 2) {
      bounds.add(l[i]!);
      if (l[i + 1]! < MAX_CP) bounds.add(l[i + 1]! + 1);
    }
  }
  const classes: boolean[][] = [];
  const signatures = new Set<string>();
  for (const c of [...bounds].sort((x, y) => x - y)) {
    const reads = a.labels.map((l) => contains(l, c));
    spend(budget, reads.length);
    const sig = reads.map((r) => (r ? '1' : '0')).join('');
    if (signatures.has(sig) || !reads.includes(true)) continue;
    signatures.add(sig);
    classes.push(reads);
  }
  const keyOf = (cfg: Map<number, number>) => [...cfg].sort((x, y) => x[0] - y[0]).join(';');
  const seen = new Set<string>();
  const queue: Map<number, number>[] = [new Map([[0, 1]])];
  for (let h = 0; h < queue.length; h++) {
    const cfg = queue[h]!;
    for (const reads of classes) {
      const next = new Map<number, number>();
      let total = 0;
      for (const [s, count] of cfg) {
        for (const [t, m] of a.out[s]!) {
          spend(budget);
          if (!reads[t]) continue;
          next.set(t, Math.min(MAX_WAYS + 1, (next.get(t) ?? 0) + count * m));
          total += count * m;
        }
      }
      if (total > MAX_WAYS) {
        const r = commonRepeat(a, [...next.keys()]);
        return `${r ? `the repetition ${quote(src, r)}` : 'the pattern'} can match one text in more than ${MAX_WAYS} different ways, so a text that almost matches is tried in too many ways`;
      }
      if (next.size === 0) continue;
      const k = keyOf(next);
      if (seen.has(k)) continue;
      seen.add(k);
      if (seen.size > MAX_CONFIGURATIONS) throw new TooComplex('it has too many states to explore');
      queue.push(next);
    }
  }
  return undefined;
}

/** The first node of the tree (in source order) for which `test` holds. */
function findNode(n: Node, test: (n: Node) => boolean): Node | undefined {
  if (test(n)) return n;
  const children = n.kind === 'seq' ? n.items : n.kind === 'alt' ? n.alts : n.kind === 'repeat' || n.kind === 'look' ? [n.body] : [];
  for (const c of children) {
    const found = findNode(c, test);
    if (found) return found;
  }
  return undefined;
}

const hasAssertion = (n: Node) => findNode(n, (x) => x.kind === 'assert' || x.kind === 'look') !== undefined;
const findBackref = (n: Node) => findNode(n, (x) => x.kind === 'backref');
const hasUnboundedRepeat = (n: Node) => findNode(n, (x) => x.kind === 'repeat' && (x.max === Infinity || x.max > EXPAND_LIMIT)) !== undefined;

function ambiguity(tree: Node, src: string, budget: Budget): PatternProblem | undefined {
  const automata: Automaton[] = [];
  const fwd = Automaton.of(tree);
  automata.push(fwd);
  for (const { node, inRepeat } of fwd.looks) {
    if (inRepeat && hasUnboundedRepeat(node.body)) {
      return { code: 'regex-lookaround-in-repeat', message: `the lookaround ${quote(src, node)} repeats an unbounded search at every repetition of the group around it` };
    }
  }
  // lookaround bodies, at any depth, are matched on their own
  const pending = [...fwd.looks.map((l) => l.node)];
  while (pending.length) {
    const look = pending.pop()!;
    const a = Automaton.of(look.body);
    automata.push(a);
    if (look.behind) automata.push(Automaton.reversedOf(look.body));
    pending.push(...a.looks.map((l) => l.node));
  }
  for (const a of automata) {
    const e = exponential(a, src, budget);
    if (e) return { code: 'regex-exponential', message: e };
  }
  for (const a of automata) {
    const p = polynomial(a, src, budget);
    if (p) return { code: 'regex-polynomial', message: p };
  }
  for (const a of automata) {
    const d = degree(a, src, budget);
    if (d) return { code: 'regex-ambiguous', message: d };
  }
  return undefined;
}

/**
 * Checks a pattern of the rule language; returns the first problem, or undefined when it is
 * safe to run. Deterministic, and bounded in time whatever the pattern.
 */
export function checkPattern(src: string): PatternProblem | undefined {
  if (src === '') return { code: 'regex-empty', message: 'the regular expression is empty, which matches every text; use `exists` to test that an attribute is set' };
  if (src.length > MAX_PATTERN_LENGTH) return { code: 'regex-too-long', message: `the regular expression has ${src.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed` };
  try {
    new RegExp(src, 'u');
  } catch (err) {
    return { code: 'regex-syntax', message: `invalid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}` };
  }
  let tree: Node;
  try {
    tree = new Parser(src).parse();
  } catch (err) {
    if (err instanceof Unsupported) return { code: 'regex-syntax', message: `unsupported regular expression: ${err.message}` };
    throw err;
  }
  const backref = findBackref(tree);
  if (backref) return { code: 'regex-backreference', message: `backreferences such as ${quote(src, backref)} are not allowed: matching them can take exponential time` };
  if (!hasAssertion(tree) && nullable(tree)) {
    return { code: 'regex-matches-everything', message: 'the regular expression can match the empty string and has no anchor, so it matches every text; anchor it (^...$) or use `exists`' };
  }
  try {
    return ambiguity(tree, src, { steps: 0 });
  } catch (err) {
    if (err instanceof TooComplex) return { code: 'regex-too-complex', message: `the regular expression is too complex to check for slow matching: ${err.message}; simplify it` };
    throw err;
  }
}

function nullable(n: Node): boolean {
  switch (n.kind) {
    case 'char':
    case 'backref':
      return false;
    case 'seq':
      return n.items.every(nullable);
    case 'alt':
      return n.alts.some(nullable);
    case 'repeat':
      return n.min === 0 || nullable(n.body);
    default:
      return true;
  }
}

const compiled = new Map<string, RegExp>();

/** A checked pattern, compiled once. Throws PatternError for a pattern checkPattern refuses. */
export function safeRegex(src: string): RegExp {
  let r = compiled.get(src);
  if (!r) {
    const problem = checkPattern(src);
    if (problem) throw new PatternError(src, problem);
    r = new RegExp(src, 'u');
    compiled.set(src, r);
  }
  return r;
}

export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly problem: PatternProblem,
  ) {
    super(problem.message);
  }
}

/** Thrown when a text longer than MAX_MATCH_TEXT would be matched. */
export class MatchTextTooLong extends Error {
  constructor(
    readonly length: number,
    readonly path: string,
    readonly view: unknown,
  ) {
    super(`text of ${length} characters is longer than the ${MAX_MATCH_TEXT} a regular expression is matched against`);
  }
}
