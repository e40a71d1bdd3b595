/**
 * `seglint test-rules <dir>`: runs the test cases of a rule pack (the `conftest verify` of
 * seglint, ESLint's RuleTester for rules that are data). Each `<rule-id>.test.yaml` beside the
 * rules lists inline inventories and the findings the rule must give on them, or none; the
 * built-in pack is tested the same way (`seglint test-rules rules/`).
 *
 * What it checks, beyond each case's findings: the findings of a case are compared exactly,
 * as a multiset (a finding nobody expected fails the case); case names are unique; no two
 * cases run the same input; every message id the rule declares is expected by some case.
 * A malformed test file is an InputError at its file:line (exit 2); a failed case is a result.
 */
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { formatLocation, InputError, UsageError, type Diagnostic } from '../source/errors.js';
import { dateProblem } from '../source/dates.js';
import { displayPath } from '../source/files.js';
import { loadSchema, schemaDiagnostics, validatorFor } from '../source/schema.js';
import { PositionIndex, type Location } from '../source/location.js';
import { readYamlFile } from '../source/yaml.js';
import type { Finding } from '../findings/types.js';
import { check, prepare } from './check.js';
import { checkRuleIds, loadConfig, type Config } from './config.js';
import { BUILTIN_RULES_DIR, type Rule } from '../rules/load.js';

export interface CaseResult {
  file: string;
  rule: string;
  name: string;
  passed: boolean;
  /** Why it failed. */
  problems: string[];
}

/** One expected finding: on an entity, and optionally with a message id, data, a place. */
export interface Expectation {
  entity: string;
  type?: string;
  messageId?: string;
  /** A subset of the finding's data, each value compared deeply. */
  data?: Record<string, unknown>;
  /** Line and column in the case's inventory (a string inventory: line 1 is its first line). */
  line?: number;
  column?: number;
  messageContains?: string;
}

export interface TestCase {
  name: string;
  /** The inventory: a mapping, or YAML text (`inventory: |`), whose lines `line` counts. */
  inventory: Record<string, unknown> | string;
  /** Gating mode: the base inventory the policy is read from (`--policy-from`). */
  base?: Record<string, unknown> | string;
  /** Parameter overrides, applied as the configuration file's `rules.<id>.params`. */
  params?: Record<string, unknown>;
  /** A configuration file (seglint.config.yaml) for the case. */
  config?: Record<string, unknown>;
  today?: string;
  noWaivers?: boolean;
  /** Other rules to run too (their findings are what waivers apply to); only the rule under test is compared. */
  withRules?: string[];
  /** More files in the case's directory, by relative path (e.g. base/seglint.config.yaml). */
  files?: Record<string, string>;
  expect: Expectation[];
}

export interface TestFile {
  /** The rule under test; default: the file name without `.test.yaml`. */
  rule?: string;
  today?: string;
  cases: TestCase[];
}

interface ReadTest {
  file: string;
  rule: string;
  test: TestFile;
  positions: PositionIndex;
}

const INVENTORY_FILE = 'inventory.yaml';

/** Reads every `*.test.yaml` in the directory; throws InputError with every problem a schema or a date shows. */
function readTests(dir: string, cwd: string): ReadTest[] {
  const out: ReadTest[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => /\.test\.ya?ml$/.test(f))
    .sort()) {
    const abs = path.join(dir, name);
    const display = displayPath(abs, cwd);
    const positions = new PositionIndex();
    const read = readYamlFile(abs, display, positions);
    if (read.diagnostics.length) {
      diagnostics.push(...read.diagnostics);
      continue;
    }
    const v = validatorFor('rule-test');
    if (!v(read.value)) {
      diagnostics.push(
        ...schemaDiagnostics(v.errors ?? [], read.value, {
          labels: {},
          positions,
          fallback: { file: display, line: 1, column: 1 },
          schema: loadSchema('rule-test'),
          rootLabel: 'the test file',
        }),
      );
      continue;
    }
    const test = read.value as TestFile;
    const problems = dateProblems(test, positions, { file: display, line: 1, column: 1 });
    if (problems.length) diagnostics.push(...problems);
    else out.push({ file: display, rule: test.rule ?? name.replace(/\.test\.ya?ml$/, ''), test, positions });
  }
  if (diagnostics.length) throw new InputError(diagnostics);
  return out;
}

/** The dates of a test file and its cases: real days of the calendar. */
function dateProblems(test: TestFile, positions: PositionIndex, fallback: Location): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [owner, label] of [
    [test, 'the test file'],
    ...test.cases.map((c) => [c, `case "${c.name}"`] as const),
  ] as const) {
    const problem = owner.today === undefined ? undefined : dateProblem(owner.today);
    if (problem)
      out.push({
        code: 'invalid-date',
        message: `${label} has today "${owner.today}", ${problem}`,
        location: positions.locateValue(owner, 'today') ?? fallback,
      });
  }
  return out;
}

/** The checks of every test file that need the rules; throws InputError with every problem. */
function checkTests(files: ReadTest[], rules: Rule[]): void {
  const diagnostics = files.flatMap((t) =>
    testFileProblems(t.test, t.rule, rules, t.positions, { file: t.file, line: 1, column: 1 }),
  );
  if (diagnostics.length) throw new InputError(diagnostics);
}

/** What a schema cannot check in a test file: the rule and its message ids, names and inputs unique, lines only on text. */
function testFileProblems(
  test: TestFile,
  ruleId: string,
  rules: Rule[],
  positions: PositionIndex,
  fallback: Location,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (obj: object, field?: string | number) => positions.locate(obj, field) ?? fallback;
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) {
    const where = test.rule !== undefined ? at(test, 'rule') : fallback;
    return [
      ...out,
      {
        code: 'unknown-rule',
        message: `test file names rule "${ruleId}", which is not in the rule directory`,
        location: where,
        data: { rule: ruleId },
      },
    ];
  }
  const names = new Map<string, TestCase>();
  const inputs = new Map<string, TestCase>();
  for (const c of test.cases) {
    const first = names.get(c.name);
    if (first)
      out.push({
        code: 'test-duplicate-name',
        message: `case name "${c.name}" is used twice (first at line ${at(first, 'name').line}); case names must be unique`,
        location: at(c, 'name'),
      });
    else names.set(c.name, c);
    const key = JSON.stringify(inputOf(c, test));
    const same = inputs.get(key);
    if (same)
      out.push({
        code: 'test-duplicate-case',
        message: `case "${c.name}" runs the same input as case "${same.name}" (line ${at(same).line}); remove one or make them differ`,
        location: at(c),
      });
    else inputs.set(key, c);
    for (const id of c.withRules ?? []) {
      if (!rules.some((r) => r.id === id))
        out.push({
          code: 'unknown-rule',
          message: `case "${c.name}" runs rule "${id}" too, which is not loaded`,
          location: at(c, 'withRules'),
        });
    }
    out.push(...caseFileProblems(c, at), ...expectationProblems(c, rule, positions, at));
  }
  return out;
}

/** A case's extra files: relative paths inside its directory, other than its inventories. */
function caseFileProblems(c: TestCase, at: (obj: object, field?: string | number) => Location): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of Object.keys(c.files ?? {})) {
    const norm = path.posix.normalize(f.replace(/\\/g, '/'));
    if (
      path.isAbsolute(f) ||
      norm.startsWith('..') ||
      norm === INVENTORY_FILE ||
      (c.base !== undefined && norm === 'base/inventory.yaml')
    ) {
      out.push({
        code: 'test-file-path',
        message: `case "${c.name}" writes file "${f}"; files are relative paths inside the case's directory, other than its inventories`,
        location: at(c.files!, f),
      });
    }
  }
  return out;
}

/** A case's expected findings: message ids the rule declares, lines only on a text inventory. */
function expectationProblems(
  c: TestCase,
  rule: Rule,
  positions: PositionIndex,
  at: (obj: object, field?: string | number) => Location,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of c.expect) {
    if (e.messageId !== undefined && !Object.hasOwn(rule.messages, e.messageId)) {
      out.push({
        code: 'test-unknown-message-id',
        message: `case "${c.name}" expects message id "${e.messageId}", which rule "${rule.id}" does not declare; it declares: ${Object.keys(rule.messages).join(', ')}`,
        location: positions.locateValue(e, 'messageId') ?? at(e),
      });
    }
    if ((e.line !== undefined || e.column !== undefined) && typeof c.inventory !== 'string') {
      out.push({
        code: 'test-line-needs-text',
        message: `case "${c.name}" expects a line or column, but its inventory is a mapping; give it as text (inventory: |) so lines are the ones you see`,
        location: at(e, e.line !== undefined ? 'line' : 'column'),
      });
    }
  }
  return out;
}

/** What a case runs on: two cases with the same input are duplicates. */
function inputOf(c: TestCase, test: TestFile): unknown[] {
  return [
    c.inventory,
    c.base ?? null,
    c.params ?? null,
    c.config ?? null,
    c.today ?? test.today ?? null,
    c.noWaivers ?? false,
    c.withRules ?? [],
    c.files ?? {},
  ];
}

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The rule tests of a directory: reads every test file, runs every case, checks that every message id is tested. */
export function runRuleTests(dir: string, cwd: string): { results: CaseResult[]; rules: Rule[] } {
  const absDir = path.resolve(cwd, dir);
  let isDir: boolean;
  try {
    isDir = statSync(absDir).isDirectory();
  } catch {
    throw new UsageError(`"${dir}" does not exist; expected a directory of rules and their .test.yaml files`, { dir });
  }
  if (!isDir)
    throw new UsageError(`"${dir}" is not a directory; expected a directory of rules and their .test.yaml files`, {
      dir,
    });
  const files = readTests(absDir, cwd);
  // Rule problems stop the run (exit 2); an invalid inventory in a case fails that case.
  const builtin = sameDir(absDir, BUILTIN_RULES_DIR);
  const { rules } = prepare({ paths: [], cwd, config: false, rulesDirs: builtin ? [] : [absDir] });
  checkTests(files, rules);
  const results: CaseResult[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'seglint-rule-tests-'));
  try {
    for (const t of files) {
      const rule = rules.find((r) => r.id === t.rule)!;
      const used = new Set<string>();
      const first = results.length;
      for (const c of t.test.cases) {
        const caseDir = path.join(work, `case-${results.length}`);
        const problems = runCase(c, { ...t, rule, rules, caseDir, rulesDir: builtin ? undefined : absDir, used });
        results.push({ file: t.file, rule: rule.id, name: c.name, passed: problems.length === 0, problems });
      }
      // checked when the cases pass: a failing case already says what is wrong
      const untested = Object.keys(rule.messages).filter((id) => !used.has(id));
      if (untested.length && results.slice(first).every((r) => r.passed)) {
        const where = t.positions.locate(t.test, 'cases') ?? { file: t.file, line: 1 };
        results.push({
          file: t.file,
          rule: rule.id,
          name: 'every message id is tested',
          passed: false,
          problems: untested.map(
            (id) => `${where.file}:${where.line}: no case expects a finding with message id "${id}"`,
          ),
        });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { results, rules };
}

interface CaseContext extends Omit<ReadTest, 'rule'> {
  rule: Rule;
  rules: Rule[];
  caseDir: string;
  /** The user rule directory (undefined for the built-in pack). */
  rulesDir?: string;
  /** Message ids of the findings matched so far (for the every-message-id check). */
  used: Set<string>;
}

/** Runs one case; returns its problems (none: it passed). */
function runCase(c: TestCase, ctx: CaseContext): string[] {
  const { positions } = ctx;
  const caseAt = positions.locate(c) ?? { file: ctx.file, line: 1 };
  let got: Finding[];
  try {
    got = findingsOf(c, ctx);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const where = positions.locate(c, 'inventory');
    const what = err.diagnostics
      .map((d) => (d.location ? `${formatLocation(d.location)}: ${d.message}` : d.message))
      .join('; ');
    return [`the case's input is invalid${where ? ` (${where.file}:${where.line})` : ''}: ${what}`];
  }
  const { pairs, missing, extra } = match(c.expect, got);
  for (const [, f] of pairs) ctx.used.add(f.messageId);
  const problems: string[] = [];
  for (const e of missing) {
    const at = positions.locate(e) ?? caseAt;
    // a finding on the expected entity that differs is told here, not again as unexpected
    const i = extra.findIndex((f) => f.entity.id === e.entity && (!e.type || f.entity.type === e.type));
    const near = i === -1 ? undefined : extra.splice(i, 1)[0];
    problems.push(
      `${at.file}:${at.line}: expected a finding ${describeExpectation(e)}, ${near ? `got one ${describeFinding(near)}` : 'got none'}`,
    );
  }
  const expectAt = positions.locate(c, 'expect') ?? caseAt;
  for (const f of extra)
    problems.push(
      `${expectAt.file}:${expectAt.line}: unexpected finding on ${f.entity.type} "${f.entity.id}": ${f.message} (message id ${f.messageId}, at ${formatLocation(f.location)})`,
    );
  return problems;
}

/** Writes the case's files and checks them; the findings of the rule under test. */
function findingsOf(c: TestCase, ctx: CaseContext): Finding[] {
  const dir = ctx.caseDir;
  const write = (rel: string, text: string) => {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };
  const text = (inv: Record<string, unknown> | string) =>
    typeof inv === 'string' ? inv : JSON.stringify(inv, null, 2);
  mkdirSync(dir, { recursive: true });
  write(INVENTORY_FILE, text(c.inventory));
  for (const [rel, content] of Object.entries(c.files ?? {})) write(rel, content);
  const only = [ctx.rule.id, ...(c.withRules ?? [])];
  const today = c.today ?? ctx.test.today;
  const configDoc = configOf(c, ctx.rule.id);
  if (configDoc) write('seglint.config.yaml', JSON.stringify(configDoc, null, 2));
  let findings: Finding[];
  if (c.base !== undefined) {
    write('base/inventory.yaml', text(c.base));
    const r = check({
      paths: [INVENTORY_FILE],
      cwd: dir,
      policyFrom: 'base/inventory.yaml',
      only,
      rulesDirs: ctx.rulesDir ? [ctx.rulesDir] : [],
      today,
      noWaivers: c.noWaivers,
    });
    findings = r.findings;
  } else {
    const config: Config = loadConfig(configDoc ? 'seglint.config.yaml' : undefined, dir);
    checkRuleIds(config.ruleLocations.entries(), ctx.rules);
    config.knownRules = ctx.rules.map((r) => r.id);
    const rules = ctx.rules.filter((r) => only.includes(r.id));
    findings = check({
      paths: [INVENTORY_FILE],
      cwd: dir,
      rules,
      configObject: config,
      today,
      noWaivers: c.noWaivers,
    }).findings;
  }
  return findings.filter((f) => f.ruleId === ctx.rule.id);
}

/** The case's configuration file: its `config`, with its `params` as the rule's parameters. */
function configOf(c: TestCase, ruleId: string): Record<string, unknown> | undefined {
  if (!c.config && !c.params) return undefined;
  const doc: Record<string, unknown> = { ...(c.config ?? {}) };
  if (c.params) {
    const rules = { ...((doc.rules as Record<string, unknown> | undefined) ?? {}) };
    const prev = rules[ruleId];
    const setting: Record<string, unknown> =
      prev === 'off'
        ? { enabled: false }
        : prev === 'on'
          ? { enabled: true }
          : typeof prev === 'string'
            ? { severity: prev }
            : { ...((prev as Record<string, unknown> | undefined) ?? {}) };
    setting.params = { ...((setting.params as Record<string, unknown> | undefined) ?? {}), ...c.params };
    rules[ruleId] = setting;
    doc.rules = rules;
  }
  return doc;
}

/** Whether a finding is one the expectation describes. */
function fits(e: Expectation, f: Finding): boolean {
  if (f.entity.id !== e.entity || (e.type !== undefined && f.entity.type !== e.type)) return false;
  if (e.messageId !== undefined && f.messageId !== e.messageId) return false;
  if (e.messageContains !== undefined && !f.message.includes(e.messageContains)) return false;
  if (e.line !== undefined && (f.location.file !== INVENTORY_FILE || f.location.line !== e.line)) return false;
  if (e.column !== undefined && (f.location.file !== INVENTORY_FILE || f.location.column !== e.column)) return false;
  const data = f.data as Record<string, unknown>;
  return Object.entries(e.data ?? {}).every(([k, v]) => Object.hasOwn(data, k) && isDeepStrictEqual(data[k], v));
}

/**
 * Expected findings against the findings, as multisets: a maximum matching (so a loose
 * expectation never takes the finding a precise one needs), then what is left on each side.
 */
function match(
  expected: Expectation[],
  got: Finding[],
): { pairs: [Expectation, Finding][]; missing: Expectation[]; extra: Finding[] } {
  const owner: (number | undefined)[] = got.map(() => undefined);
  const augment = (i: number, seen: Set<number>): boolean => {
    for (let j = 0; j < got.length; j++) {
      if (seen.has(j) || !fits(expected[i]!, got[j]!)) continue;
      seen.add(j);
      if (owner[j] === undefined || augment(owner[j]!, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  const matched = new Set<number>();
  expected.forEach((_, i) => {
    if (augment(i, new Set())) matched.add(i);
  });
  const pairs = owner.flatMap((i, j): [Expectation, Finding][] => (i === undefined ? [] : [[expected[i]!, got[j]!]]));
  return {
    pairs,
    missing: expected.filter((_, i) => !matched.has(i)),
    extra: got.filter((_, j) => owner[j] === undefined),
  };
}

function describeExpectation(e: Expectation): string {
  const parts = [`on ${e.type ? `${e.type} ` : ''}"${e.entity}"`];
  if (e.messageId !== undefined) parts.push(`with message id "${e.messageId}"`);
  if (e.data !== undefined) parts.push(`with data ${JSON.stringify(e.data)}`);
  if (e.line !== undefined || e.column !== undefined) parts.push(`at ${e.line ?? '*'}:${e.column ?? '*'}`);
  if (e.messageContains !== undefined) parts.push(`containing "${e.messageContains}"`);
  return parts.join(' ');
}

function describeFinding(f: Finding): string {
  return `with message id "${f.messageId}", data ${JSON.stringify(f.data)}, at ${formatLocation(f.location)}: ${f.message}`;
}
