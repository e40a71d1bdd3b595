/**
 * JUnit XML, the common subset GitLab, Jenkins and Azure Pipelines read.
 *
 * One <testsuite> per rule that ran. Each finding is a <testcase> (classname `seglint.<rule>`,
 * name `<entity type> <entity id>`, `file` and `line` attributes); a rule without findings has
 * one passing testcase. A finding that stands gets a <failure> with the message as attribute
 * and `file:line:col`, entity, evidence, waiver and remediation in the body; a finding under an
 * active waiver (or hidden by the baseline) is <skipped>; a resolved finding of a diff passes.
 */
import { describeEvidence, evidenceText } from './evidence.js';
import { baselineText, rulesOf, waiverText, where } from './common.js';
import type { Finding } from '../findings/types.js';
import type { Report } from '../findings/report.js';
import { valueText } from './policy.js';
import type { Formatter } from './types.js';
import { xmlSafe } from '../base/sanitize.js';

/** Text content: &, < and > escaped; characters XML 1.0 cannot carry written as visible escapes (`\u0007`). */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted): also quotes, and line breaks and tabs kept as character references. */
export function xmlAttr(s: string): string {
  return xmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** ` name="value"` for each attribute given (undefined ones left out), values escaped by xmlAttr. */
export const xmlAttrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

type Outcome = 'failure' | 'skipped' | 'passed';

function outcome(f: Finding): Outcome {
  if (f.baselineState === 'absent') return 'passed';
  if (f.waiver?.status === 'active' || f.baselineState === 'unchanged') return 'skipped';
  return 'failure';
}

export const junit: Formatter = (report, ctx) => {
  const rules = rulesOf(report, ctx);
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalSkipped = 0;
  for (const rule of rules) {
    const findings = report.findings.filter((f) => f.ruleId === rule.id);
    const names = new Map<string, number>();
    for (const f of findings)
      names.set(`${f.entity.type} ${f.entity.id}`, (names.get(`${f.entity.type} ${f.entity.id}`) ?? 0) + 1);
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    const classname = `seglint.${rule.id}`;
    for (const f of findings) {
      const base = `${f.entity.type} ${f.entity.id}`;
      // several findings on one entity: tell them apart by fingerprint, which survives reformatting
      const name = (names.get(base) ?? 0) > 1 ? `${base} [${f.fingerprint.slice(0, 8)}]` : base;
      const head = `<testcase${xmlAttrs({ classname, name, file: f.location.file, line: f.location.line, time: '0' })}`;
      const o = outcome(f);
      if (o === 'failure') {
        failures++;
        const body = [
          `${where(f)}: ${f.severity} ${f.ruleId}: ${f.message}`,
          `entity: ${f.entity.type} ${f.entity.id}`,
          ...evidenceText(describeEvidence(f.evidence)).map((l) => (l.startsWith(' ') ? l : `evidence ${l}`)),
          ...(f.waiver ? [waiverText(f)] : []),
          ...(f.baselineState ? [`baseline: ${baselineText(f.baselineState)}`] : []),
          ...(rule.remediation ? [`remediation: ${rule.remediation}`] : []),
          ...(rule.helpUri ? [`help: ${rule.helpUri}`] : []),
        ].join('\n');
        cases.push(
          `${head}>\n      <failure${xmlAttrs({ message: `${where(f)}: ${f.message}`, type: f.severity })}>${xmlText(body)}</failure>\n    </testcase>`,
        );
      } else if (o === 'skipped') {
        skipped++;
        const message = f.waiver?.status === 'active' ? waiverText(f) : 'in the baseline';
        cases.push(`${head}>\n      <skipped${xmlAttrs({ message: `${message}: ${f.message}` })}/>\n    </testcase>`);
      } else {
        cases.push(
          `${head}>\n      <system-out>${xmlText(`resolved: ${where(f)}: ${f.message}`)}</system-out>\n    </testcase>`,
        );
      }
    }
    if (findings.length === 0) cases.push(`<testcase${xmlAttrs({ classname, name: 'no findings', time: '0' })}/>`);
    totalTests += cases.length;
    totalFailures += failures;
    totalSkipped += skipped;
    const props = `<properties>\n      <property name="severity" value="${xmlAttr(rule.severity)}"/>\n      <property name="category" value="${xmlAttr(rule.category)}"/>${rule.helpUri ? `\n      <property name="help" value="${xmlAttr(rule.helpUri)}"/>` : ''}${policyProperties(report, rule.id)}\n    </properties>`;
    suites.push(
      `  <testsuite${xmlAttrs({ name: rule.id, tests: cases.length, failures, errors: 0, skipped, time: '0' })}>\n    ${props}\n${cases.map((c) => `    ${c}`).join('\n')}\n  </testsuite>`,
    );
  }
  const head = `<testsuites${xmlAttrs({ name: `seglint ${report.tool.version}: ${report.inventory.name}`, tests: totalTests, failures: totalFailures, errors: 0, skipped: totalSkipped, time: '0' })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...suites, '</testsuites>', ''].join('\n');
};

/** Per suite: the policy's source and configuration file, and the rule's effective parameters (`param.<name>`, JSON). */
function policyProperties(report: Report, ruleId: string): string {
  const p = report.policy;
  if (!p) return '';
  const params = Object.entries(report.rules.find((r) => r.id === ruleId)?.params ?? {});
  const props: [string, string][] = [
    ['policy.from', p.from === 'base' ? `base ${p.base ?? ''}` : 'self'],
    ['policy.config', p.config ?? 'none'],
    ...params.map(([k, v]): [string, string] => [`param.${k}`, valueText(v)]),
  ];
  return props.map(([name, value]) => `\n      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`).join('');
}
