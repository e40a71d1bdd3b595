/**
 * The policy a run applied, as the formatters show it: where it came from (the inventory
 * itself, or in gating mode the base), the configuration file, the fail threshold, the rule
 * directories, and the parameters that differ from the rules' defaults (the effective values
 * of all of them are in the JSON report's rules[].params). One helper per format calls these.
 */
import { byKey, compareBy } from '../base/compare.js';
import type { Report } from '../findings/report.js';
import type { FormatContext } from './types.js';
import { canonical } from '../base/canonical.js';

export interface ParamOverride {
  rule: string;
  param: string;
  value: unknown;
  default: unknown;
}

/** Characters JSON.stringify leaves as they are but a terminal or a reader would act on: C1 controls, line and paragraph separators, bidi marks and overrides. */
const UNSAFE_AFTER_JSON = /[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A value as compact JSON, every control or bidi character escaped (`\u202e`): one line whatever the inventory holds. */
export function valueText(v: unknown): string {
  return (JSON.stringify(canonical(v)) ?? 'null').replace(
    UNSAFE_AFTER_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Parameters of the rules that ran whose effective value differs from the rule's default, by rule and name. */
export function paramOverrides(report: Report, ctx: FormatContext): ParamOverride[] {
  const out: ParamOverride[] = [];
  for (const r of report.rules) {
    const defs = ctx.rules.get(r.id)?.params ?? {};
    for (const [param, value] of byKey(Object.entries(r.params ?? {}))) {
      const def = Object.hasOwn(defs, param) ? defs[param]!.default : undefined;
      if (valueText(value) !== valueText(def)) out.push({ rule: r.id, param, value, default: def });
    }
  }
  return out.sort(
    compareBy(
      (o) => o.rule,
      (o) => o.param,
    ),
  );
}

/** `origin/main`-style source in words: "the inventory itself" or "base origin/main". */
export function policySourceText(p: NonNullable<Report['policy']>): string {
  return p.from === 'base' ? `base ${p.base ?? '?'}` : 'the inventory itself';
}

const FAIL_FROM: Record<NonNullable<Report['policy']>['failOnFrom'], string> = {
  'command-line': 'command line',
  configuration: 'configuration',
  default: 'default',
};

/** "fail on low (default)". */
export function failOnText(p: NonNullable<Report['policy']>): string {
  return `fail on ${p.failOn} (${FAIL_FROM[p.failOnFrom]})`;
}

/**
 * One line for text and annotations:
 * `policy from base origin/main: seglint.config.yaml; fail on low (configuration); params: state-ownership.threshold=0.2`.
 */
export function policyLine(report: Report, ctx: FormatContext): string | undefined {
  const p = report.policy;
  if (!p) return undefined;
  const overrides = paramOverrides(report, ctx);
  const params = overrides.length
    ? overrides.map((o) => `${o.rule}.${o.param}=${valueText(o.value)}`).join(', ')
    : 'defaults';
  const parts = [
    `policy from ${policySourceText(p)}: ${p.config === null ? 'no configuration file' : valueText(p.config).slice(1, -1)}`,
    failOnText(p),
    ...(p.rulesDirs.length
      ? [`rule directories: ${p.rulesDirs.map((d) => valueText(d).slice(1, -1)).join(', ')}`]
      : []),
    `params: ${params}`,
  ];
  return parts.join('; ');
}

/** A piece of a fact: inventory or file text shown as code, or plain words. */
export type Piece = { code: string } | { text: string };

/** The facts of the policy section of markdown and HTML, row by row. */
export function policyFacts(p: NonNullable<Report['policy']>): [string, Piece[]][] {
  return [
    [
      'Policy read from',
      p.from === 'base'
        ? [
            { code: p.base ?? '?' },
            {
              text: ' (gating mode: the configuration, parameters, waivers and rule files of the change under review are not applied; policy-weakened reports what it changes)',
            },
          ]
        : [{ text: 'the inventory itself, its configuration and waivers' }],
    ],
    ['Configuration file', p.config === null ? [{ text: 'none' }] : [{ code: p.config }]],
    ['Fail threshold', [{ text: failOnText(p).replace(/^fail on /, '') }]],
    [
      'Rule directories',
      p.rulesDirs.length
        ? p.rulesDirs.flatMap((d, i) => [...(i ? [{ text: ', ' }] : []), { code: d }])
        : [{ text: 'none' }],
    ],
  ];
}
