/**
 * policy-change: one finding per change the inventory under review makes to the policy of its
 * own gate (see src/rules/policy-changes.ts), at the change's line, with the old and the new value
 * as evidence. Selects `policy-change` entities, which exist only in gating mode
 * (`check --policy-from`, `diff --base`); elsewhere there are none and the rule is silent.
 */
import type { PolicyChange, PolicyChangeKind } from '../rules/policy-changes.js';
import type { Entity } from '../rules/attributes.js';
import type { FunctionResult, RuleFunction } from '../rules/function.js';

/** The change, in words, by kind (the message's `{{change}}`). */
export const CHANGE_WORDS: Record<PolicyChangeKind, string> = {
  'param-added': 'added',
  'param-changed': 'changed',
  'param-removed': 'removed',
  'require-monitoring-changed': 'changed',
  'forbidden-flow-removed': 'removed',
  'waiver-added': 'added',
  'waiver-scope-changed': 'given another rule or target',
  'waiver-extended': 'extended',
  'rule-disabled': 'switched off',
  'severity-lowered': 'lowered',
  'fail-on-raised': 'raised',
  'rules-dirs-changed': 'changed',
  'rule-file-added': 'added',
  'rule-file-changed': 'changed',
  'rule-file-removed': 'removed',
};

/** A value for the message: compact JSON (a rule file: the start of its SHA-256), null stays null (rendered "(none)"). */
function shown(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  const sha = (v as { sha256?: unknown }).sha256;
  return typeof sha === 'string' ? `sha256 ${sha.slice(0, 12)}` : JSON.stringify(v);
}

export const policyChange: RuleFunction<Record<string, never>> = {
  name: 'policy-change',
  description:
    'Each change the inventory under review makes to the policy of its own gate (parameters, waivers, configuration, rule files), compared with the trusted base; there are policy changes only in gating mode (check --policy-from, diff --base).',
  appliesTo: ['policy-change'],
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  defaults: {},
  dataKeys: ['kind', 'area', 'subject', 'change', 'before', 'after', 'base'],
  run(selected: Entity[]): FunctionResult[] {
    return selected.map((e) => {
      const c = e.obj as PolicyChange;
      return {
        entity: { type: e.type, id: e.id },
        location: c.location,
        data: {
          kind: c.kind,
          area: c.area,
          subject: c.subject,
          change: CHANGE_WORDS[c.kind],
          before: shown(c.before),
          after: shown(c.after),
          base: c.base,
        },
        evidence: {
          kind: c.kind,
          area: c.area,
          ...(c.rule ? { rule: c.rule } : {}),
          before: c.before ?? null,
          after: c.after ?? null,
          base: c.base,
        },
        // the same subject changed differently is another finding (a baseline of one change does not hide the next)
        key: JSON.stringify([c.kind, c.before ?? null, c.after ?? null]),
      };
    });
  },
};
