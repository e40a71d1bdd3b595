/**
 * `seglint test-rules <dir>`: runs the test cases of a user rule pack (the `conftest verify` of
 * seglint). Each `<rule-id>.test.yaml` beside the rules lists inline inventories and the
 * findings the rule must give on them (by entity), or none.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError, UsageError, type Diagnostic } from '../source/errors.js';
import { dateProblem } from '../source/dates.js';
import { displayPath } from '../source/files.js';
import { loadSchema, schemaDiagnostics, validatorFor } from '../source/schema.js';
import { PositionIndex } from '../source/location.js';
import { readYamlFile } from '../source/yaml.js';
import { check, prepare } from './check.js';
import type { Rule } from '../rules/load.js';

export interface CaseResult {
  file: string;
  rule: string;
  name: string;
  passed: boolean;
  /** Why it failed. */
  problems: string[];
}

interface TestFile {
  rule: string;
  today?: string;
  cases: { name: string; inventory: Record<string, unknown>; params?: Record<string, unknown>; expect: { entity: string; type?: string; messageContains?: string }[] }[];
}

/** Reads every `*.test.yaml` in the directory; throws InputError on a malformed file. */
function readTests(dir: string, cwd: string): { file: string; test: TestFile; positions: PositionIndex }[] {
  const out: { file: string; test: TestFile; positions: PositionIndex }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of readdirSync(dir).filter((f) => /\.test\.ya?ml$/.test(f)).sort()) {
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
      diagnostics.push(...schemaDiagnostics(v.errors ?? [], read.value, { labels: {}, positions, fallback: { file: display, line: 1, column: 1 }, schema: loadSchema('rule-test'), rootLabel: 'the test file' }));
      continue;
    }
    const test = read.value as TestFile;
    const problem = test.today === undefined ? undefined : dateProblem(test.today);
    if (problem) {
      diagnostics.push({ code: 'invalid-date', message: `the test file has today "${test.today}", ${problem}`, location: positions.locateValue(test, 'today') });
      continue;
    }
    out.push({ file: display, test, positions });
  }
  if (diagnostics.length) throw new InputError(diagnostics);
  return out;
}

export function runRuleTests(dir: string, cwd: string): { results: CaseResult[]; rules: Rule[] } {
  const absDir = path.resolve(cwd, dir);
  let isDir: boolean;
  try {
    isDir = statSync(absDir).isDirectory();
  } catch {
    throw new UsageError(`"${dir}" does not exist; expected a directory of rules and their .test.yaml files`, { dir });
  }
  if (!isDir) throw new UsageError(`"${dir}" is not a directory; expected a directory of rules and their .test.yaml files`, { dir });
  const files = readTests(absDir, cwd);
  const results: CaseResult[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'seglint-rule-tests-'));
  // Rule problems stop the run (exit 2); an invalid inventory in a case fails that case.
  const { rules, config } = prepare({ paths: [], cwd, config: false, rulesDirs: [absDir] });
  try {
    for (const { file, test, positions } of files) {
      test.cases.forEach((c, i) => {
        const invFile = path.join(work, `case-${results.length}.json`);
        const inventory = { ...c.inventory } as Record<string, unknown>;
        if (c.params) {
          const policy = { ...((inventory.policy as Record<string, unknown>) ?? {}) };
          policy.params = { ...((policy.params as Record<string, unknown>) ?? {}), [test.rule]: c.params };
          inventory.policy = policy;
        }
        writeFileSync(invFile, JSON.stringify(inventory, null, 2));
        const problems: string[] = [];
        try {
          const only = rules.filter((r) => r.id === test.rule);
          if (only.length === 0) throw new InputError([{ code: 'unknown-rule', message: `test file names rule "${test.rule}", which is not in ${displayPath(absDir, cwd)}`, location: positions.locate(test, 'rule') }]);
          const r = check({ paths: [invFile], cwd: work, rules: only, configObject: config, today: test.today });
          const got = r.findings.filter((f) => f.ruleId === test.rule);
          const unmatched = [...got];
          for (const e of c.expect) {
            const idx = unmatched.findIndex((f) => f.entity.id === e.entity && (!e.type || f.entity.type === e.type) && (!e.messageContains || f.message.includes(e.messageContains)));
            if (idx === -1) problems.push(`expected a finding on ${e.type ? `${e.type} ` : ''}"${e.entity}"${e.messageContains ? ` containing "${e.messageContains}"` : ''}, got none`);
            else unmatched.splice(idx, 1);
          }
          for (const f of unmatched) problems.push(`unexpected finding on ${f.entity.type} "${f.entity.id}": ${f.message}`);
        } catch (err) {
          if (err instanceof InputError && !err.diagnostics.some((d) => d.code === 'unknown-rule' || d.code.startsWith('param-'))) {
            const where = positions.locate(test.cases[i]!, 'inventory');
            problems.push(`the case's inventory is invalid${where ? ` (${where.file}:${where.line})` : ''}: ${err.diagnostics.map((d) => d.message).join('; ')}`);
          } else throw err;
        }
        results.push({ file, rule: test.rule, name: c.name, passed: problems.length === 0, problems });
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { results, rules };
}
