/** Waiver targets: the linear wildcard matcher against a brute-force reference, and load-time checks of targets and rules. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isUnanchoredTarget,
  ruleProblem,
  targetMatcher,
  targetProblem,
  wildcardMatch,
} from '../../src/base/wildcard.js';

/** The definition, by plain recursion (exponential, fine for short strings). */
function reference(p: string, s: string): boolean {
  if (p === '') return s === '';
  if (p[0] === '*') return reference(p.slice(1), s) || (s !== '' && reference(p, s.slice(1)));
  return s !== '' && (p[0] === '?' || p[0] === s[0]) && reference(p.slice(1), s.slice(1));
}

describe('wildcardMatch', () => {
  it('agrees with the brute-force reference on every pattern and text over a small alphabet', () => {
    const pattern = fc.array(fc.constantFrom('a', 'b', '-', '*', '?'), { maxLength: 8 }).map((cs) => cs.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '-'), { maxLength: 10 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(pattern, text, (p, s) => {
        expect(wildcardMatch(p, s)).toBe(reference(p, s));
        expect(targetMatcher(p)(s)).toBe(reference(p, s));
      }),
      { numRuns: 5000 },
    );
  });

  it('matches every text against itself and against a pattern built from it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{0,20}$/), fc.nat(), fc.nat(), (s, i, j) => {
        expect(wildcardMatch(s, s)).toBe(true);
        // replace a slice by *, and one character by ?
        const a = i % (s.length + 1);
        const b = a + (j % (s.length - a + 1));
        expect(wildcardMatch(`${s.slice(0, a)}*${s.slice(b)}`, s)).toBe(true);
        if (s.length > 0)
          expect(wildcardMatch(`${s.slice(0, a % s.length)}?${s.slice((a % s.length) + 1)}`, s)).toBe(true);
      }),
    );
  });

  it('knows * (any run, the empty one too) and ? (exactly one character); the rest is literal', () => {
    expect(wildcardMatch('scanner-*', 'scanner-mv-1')).toBe(true);
    expect(wildcardMatch('scanner-*', 'scanner-')).toBe(true);
    expect(wildcardMatch('scanner-*', 'server-1')).toBe(false);
    expect(wildcardMatch('scanner-?', 'scanner-1')).toBe(true);
    expect(wildcardMatch('scanner-?', 'scanner-10')).toBe(false);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('zone-a->*', 'zone-a->zone-b')).toBe(true);
    expect(targetMatcher('plc-1')('plc-1')).toBe(true);
    expect(targetMatcher('plc-1')('plc-10')).toBe(false);
  });

  it('stays fast on patterns that make a backtracking regex explode', () => {
    // picomatch turns this into a chain of lazy [^/]*? groups: minutes on a 34-character id
    const id = 'a'.repeat(34);
    const t0 = performance.now();
    expect(wildcardMatch(`${'*a'.repeat(12)}*b`, id)).toBe(false);
    expect(targetMatcher(`${'a*'.repeat(2000)}b`)('a'.repeat(5000))).toBe(false);
    expect(wildcardMatch('*'.repeat(5000) + 'b', 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('targetProblem and ruleProblem', () => {
  it('accepts ids, globs of id characters, and forbidden-flow ids', () => {
    for (const t of ['scanner-mv-1', 'scanner-*', 'cam-?', '*', 'a.b_c-d', 'zone-a->zone-b'])
      expect(targetProblem(t)).toBeUndefined();
  });

  it('rejects extglobs, braces, classes, negation, paths and other characters, naming the first one and its position', () => {
    expect(targetProblem('@(a+)+')).toMatch(/^contains "@" at position 1; /);
    expect(targetProblem('scanner-{1,2}')).toMatch(/^contains "\{" at position 9; /);
    expect(targetProblem('cam-[0-9]')).toMatch(/^contains "\[" at position 5; /);
    expect(targetProblem('!cam-1')).toMatch(/^contains "!" at position 1; /);
    expect(targetProblem('a/b')).toMatch(/^contains "\/" at position 2; /);
    expect(targetProblem('scаnner')).toMatch(/^contains U\+0430 at position 3; /); // Cyrillic а
    expect(targetProblem('')).toMatch(/^is empty/);
  });

  it('takes a rule id or *, and nothing else', () => {
    expect(ruleProblem('*')).toBeUndefined();
    expect(ruleProblem('vendor-concentration')).toBeUndefined();
    for (const r of ['**', 'vendor-*', '?', 'Vendor', 'a b', '']) expect(ruleProblem(r), r).toBeDefined();
  });

  it('calls a target unanchored when it starts with a wildcard', () => {
    for (const t of ['*', '**', '?*', '*-*', '*scanner*', '?']) expect(isUnanchoredTarget(t), t).toBe(true);
    for (const t of ['scanner-*', 's*', 'plc-1']) expect(isUnanchoredTarget(t), t).toBe(false);
  });
});
