/**
 * SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps) and SARIF viewers.
 *
 * - tool.driver.rules: every rule that ran, with its rationale, remediation and references as
 *   help, its doc page as helpUri, its level, and GitHub's `security-severity` and `precision`;
 * - results: one per finding, with the region of the finding, the entity as a logical location,
 *   related entities as related locations, the seglint fingerprint as a partial fingerprint,
 *   active waivers as external, accepted suppressions, and the baseline state when known;
 * - artifacts: the inventory files with their SHA-256.
 * Columns are UTF-16 code units (what the YAML loader counts), lines and columns 1-based.
 * Messages (text for people) are made `visible`; the properties keep the data exact.
 */
import type { Finding, Severity } from '../findings/types.js';
import { referenceText, rulesOf, safeUrl, slashPath, withCode, type RuleInfo } from './common.js';
import type { Report } from '../findings/report.js';
import { paramOverrides } from './policy.js';
import type { FormatContext, Formatter } from './types.js';
import { visible } from '../base/sanitize.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning's scale: critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** A path from the report (relative to the working directory) as a SARIF URI reference. */
export function artifactUri(file: string): string {
  const p = slashPath(file);
  const enc = (s: string) => s.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(p)) return `file:///${p.slice(0, 2)}${enc(p.slice(2))}`;
  if (p.startsWith('/')) return `file://${enc(p)}`;
  return enc(p);
}

/** "mobile-uplink-in-closed-zone" -> "MobileUplinkInClosedZone". */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function helpText(r: RuleInfo): string {
  const parts: string[] = [];
  if (r.rationale) parts.push(r.rationale);
  if (r.remediation) parts.push(`Remediation: ${r.remediation}`);
  if (r.references.length)
    parts.push(
      `References:\n${r.references.map((x) => `- ${referenceText(x)}${x.url ? ` <${x.url}>` : ''}`).join('\n')}`,
    );
  if (r.helpUri) parts.push(`Documentation: ${r.helpUri}`);
  return parts.join('\n\n');
}

/** Markdown for code-scanning UIs; rule text is escaped so that it renders as written. */
function md(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

const code = (c: string) => (c.includes('`') ? `\`\` ${c} \`\`` : `\`${c}\``);

function helpMarkdown(r: RuleInfo): string {
  const parts: string[] = [`**${md(r.title)}** (severity ${r.severity}, category ${r.category})`];
  if (r.rationale) parts.push(`## Rationale\n\n${withCode(r.rationale, md, code)}`);
  if (r.remediation) parts.push(`## Remediation\n\n${withCode(r.remediation, md, code)}`);
  if (r.references.length) {
    const items = r.references.map((x) => {
      const t = md(referenceText(x));
      const url = safeUrl(x.url);
      return `- ${url ? `[${t}](${url})` : t}`;
    });
    parts.push(`## References\n\n${items.join('\n')}`);
  }
  if (r.helpUri) {
    const doc = safeUrl(r.helpUri);
    parts.push(doc ? `[Rule documentation](${doc})` : `Rule documentation: ${md(r.helpUri)}`);
  }
  return parts.join('\n\n');
}

function region(loc: Finding['location']) {
  return { startLine: Math.max(1, loc.line), startColumn: Math.max(1, loc.column) };
}

/** A SARIF artifact location for an inventory file: its URI, and its index among the artifacts when it is one. */
type ArtifactLocation = (file: string) => { uri: string; index?: number };

/** The artifact location of `f` as a SARIF physical location, with its region. */
function physicalLocation(artifactLocation: ArtifactLocation, loc: Finding['location']) {
  return { artifactLocation: artifactLocation(loc.file), region: region(loc) };
}

/** A rule that ran, as tool.driver.rules describes it. */
function driverRule(r: RuleInfo, ctx: FormatContext) {
  const params = Object.fromEntries(Object.entries(ctx.rules.get(r.id)?.params ?? {}).map(([k, p]) => [k, p.default]));
  return {
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale || r.title },
    help: { text: helpText(r), markdown: helpMarkdown(r) },
    // SARIF wants an absolute URI here; a relative docs base stays in the help text only
    ...(r.helpUri && /^[a-z][a-z0-9+.-]*:/i.test(r.helpUri) ? { helpUri: r.helpUri } : {}),
    defaultConfiguration: {
      enabled: true,
      level: SARIF_LEVEL[r.severity],
      ...(Object.keys(params).length ? { parameters: params } : {}),
    },
    properties: {
      category: r.category,
      severity: r.severity,
      tags: [...new Set(['security', r.category, ...r.tags])],
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: 'high',
      source: r.source,
    },
  };
}

/** A finding's related entities that have a location, as related locations numbered from 0. */
function relatedLocations(f: Finding, artifactLocation: ArtifactLocation) {
  return f.related
    .filter((r) => r.location)
    .map((r, i) => ({
      id: i,
      physicalLocation: physicalLocation(artifactLocation, r.location!),
      logicalLocations: [{ name: r.id, kind: r.type, fullyQualifiedName: `${r.type}:${r.id}` }],
      message: { text: visible(r.role ? `${r.role}: ${r.type} ${r.id}` : `${r.type} ${r.id}`) },
    }));
}

/** An active waiver as an external, accepted suppression; none otherwise. */
function suppressionsOf(w: Finding['waiver'], artifactLocation: ArtifactLocation) {
  if (w?.status !== 'active') return [];
  return [
    {
      kind: 'external',
      status: 'accepted',
      justification: visible(
        [
          w.reason,
          w.approver ? `approved by ${w.approver}` : '',
          w.ticket ? `ticket ${w.ticket}` : '',
          `until ${w.expires}`,
        ]
          .filter(Boolean)
          .join('; '),
      ),
      ...(w.location ? { location: { physicalLocation: physicalLocation(artifactLocation, w.location) } } : {}),
      properties: { ...(w.id ? { waiver: w.id } : {}), expires: w.expires },
    },
  ];
}

/** One finding as a SARIF result. */
function result(f: Finding, ruleIndex: Map<string, number>, artifactLocation: ArtifactLocation) {
  const logical = { name: f.entity.id, kind: f.entity.type, fullyQualifiedName: `${f.entity.type}:${f.entity.id}` };
  const related = relatedLocations(f, artifactLocation);
  const w = f.waiver;
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId)!,
    level: SARIF_LEVEL[f.severity],
    message: { text: visible(f.message) },
    locations: [{ physicalLocation: physicalLocation(artifactLocation, f.location), logicalLocations: [logical] }],
    partialFingerprints: { 'seglint/v1': f.fingerprint },
    ...(related.length ? { relatedLocations: related } : {}),
    suppressions: suppressionsOf(w, artifactLocation),
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
    properties: {
      severity: f.severity,
      category: f.category,
      messageId: f.messageId,
      entity: { type: f.entity.type, id: f.entity.id },
      evidence: f.evidence,
      ...(w ? { waiver: { ...w } } : {}),
    },
  };
}

export const sarif: Formatter = (report, ctx) => {
  const rules = rulesOf(report, ctx);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const fileIndex = new Map(report.inventory.files.map((f, i) => [f.path, i]));
  const artifactLocation: ArtifactLocation = (file) => {
    const i = fileIndex.get(file);
    return { uri: artifactUri(file), ...(i !== undefined ? { index: i } : {}) };
  };
  // a resolved finding of a diff is left out unless asked for: code scanning may alert on any result
  const results = report.findings
    .filter((f) => ctx.includeResolved || f.baselineState !== 'absent')
    .map((f) => result(f, ruleIndex, artifactLocation));

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            ...(/^\d+\.\d+\.\d+/.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}),
            ...(safeUrl(ctx.docsBase) ? { informationUri: ctx.docsBase } : {}),
            rules: rules.map((r) => driverRule(r, ctx)),
          },
        },
        invocations: [{ executionSuccessful: true, ...policyInvocation(report, ctx, ruleIndex) }],
        artifacts: report.inventory.files.map((f) => ({
          location: { uri: artifactUri(f.path) },
          roles: ['analysisTarget'],
          hashes: { 'sha-256': f.sha256 },
        })),
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          inventory: report.inventory.name,
          date: report.date,
          counts: report.inventory.counts,
          summary: { ...report.summary },
          waivers: report.waivers.map((w) => ({ ...w })),
          ...(report.policy ? { policy: { ...report.policy } } : {}),
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

/**
 * Each rule whose effective parameters differ from its defaults, as a SARIF rule configuration
 * override of the invocation (the policy's source and configuration file are in run.properties.policy).
 */
function policyInvocation(report: Report, ctx: FormatContext, ruleIndex: Map<string, number>): Record<string, unknown> {
  if (!report.policy) return {};
  const changed = new Set(paramOverrides(report, ctx).map((o) => o.rule));
  const overrides = report.rules
    .filter((r) => changed.has(r.id) && ruleIndex.has(r.id))
    .map((r) => ({
      descriptor: { id: r.id, index: ruleIndex.get(r.id)! },
      configuration: { parameters: { ...r.params } },
    }));
  return overrides.length ? { ruleConfigurationOverrides: overrides } : {};
}
