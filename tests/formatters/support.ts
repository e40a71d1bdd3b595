/** Reports for formatter tests: a realistic one from the example inventory, and a small synthetic one with every kind of evidence, waivers, and hostile text. */
import { summarize, type Report } from '../../src/findings/report.js';
import type { Finding, Severity } from '../../src/findings/types.js';
import type { FormatContext } from '../../src/formatters/types.js';
import type { Rule } from '../../src/rules/load.js';
import { reportOf, runPack } from '../helpers.js';

export const DOCS = 'https://example.org/docs/rules/';

export function ctxOf(rules: Iterable<Rule>, over: Partial<FormatContext> = {}): FormatContext {
  return {
    version: '0.0.0-test',
    color: false,
    rules: new Map([...rules].map((r) => [r.id, r])),
    failOn: 'low',
    docsBase: DOCS,
    ...over,
  };
}

let realistic: { report: Report; ctx: FormatContext } | undefined;
/** The full pack on inventories/port-of-rotterdam.yaml (the number of findings changes as rules are added). */
export function realisticReport(): { report: Report; ctx: FormatContext } {
  if (!realistic) {
    const result = runPack(['inventories/port-of-rotterdam.yaml']);
    realistic = { report: reportOf(result), ctx: ctxOf(result.rules) };
  }
  // a fresh copy each time, so that a test may change it
  return { report: structuredClone(realistic.report), ctx: realistic.ctx };
}

const FILE = 'inv/plant.yaml';
const loc = (line: number, column = 5) => ({ file: FILE, line, column });

export const HOSTILE = `<script>alert("x")</script> & 'q', 50% a:b |pipe| \`tick\` *star*\nline2\r\n=cmd`;

function rule(id: string, severity: Severity, category: Rule['category'], extra: Partial<Rule> = {}): Rule {
  return {
    id,
    title: `Title of ${id}`,
    severity,
    category,
    rationale: `Why ${id} matters.`,
    references: [
      { source: 'iec-62443', id: '3-3 SR 5.1', title: 'network segmentation', url: 'https://example.org/iec' },
      { source: 'seed', id: 'Q10', url: 'javascript:alert(1)' },
    ],
    tags: ['ot'],
    params: { max: { default: 1, description: 'max' } },
    select: [{ type: 'asset' }],
    message: 'm',
    messages: { [id]: 'm' },
    remediation: `Fix ${id}.`,
    source: { file: 'rules/x.yaml', builtin: true },
    location: { file: 'rules/x.yaml', line: 1, column: 1 },
    ...extra,
  };
}

export const RULES: Rule[] = [
  rule('zone-reach', 'critical', 'segmentation'),
  rule('state-owned', 'high', 'supply-chain'),
  rule('multi-vendor-room', 'medium', 'physical'),
  rule('old-audit', 'low', 'lifecycle'),
  rule('note-only', 'info', 'inventory'),
  rule('silent-rule', 'high', 'monitoring'),
];

function finding(
  ruleId: string,
  severity: Severity,
  category: Finding['category'],
  n: number,
  extra: Partial<Finding> = {},
): Finding {
  return {
    ruleId,
    severity,
    category,
    messageId: ruleId,
    message: `${ruleId} message ${n}`,
    data: {},
    entity: { type: 'asset', id: `asset-${n}` },
    related: [],
    location: loc(10 * n),
    evidence: {},
    fingerprint: n.toString(16).padStart(32, '0'),
    ...extra,
  };
}

/** Seven findings: all severities, an active and an expired waiver, a baseline state, path/chains/values evidence, hostile text. */
export function syntheticReport(): { report: Report; ctx: FormatContext } {
  const findings: Finding[] = [
    finding('zone-reach', 'critical', 'segmentation', 1, {
      entity: { type: 'zone', id: 'office' },
      related: [
        { type: 'asset', id: 'pc-1', role: 'path start', location: loc(3) },
        { type: 'asset', id: 'plc-9', role: 'path end', location: loc(7) },
        { type: 'link', id: 'l-2', role: 'hop' },
      ],
      evidence: {
        source: 'pc-1',
        target: 'plc-9',
        targetZone: 'control',
        path: {
          assets: ['pc-1', 'fw-1', 'plc-9'],
          hops: [
            { link: 'l-1', from: 'pc-1', to: 'fw-1', medium: 'ethernet' },
            { link: 'l-2', from: 'fw-1', to: 'plc-9', medium: 'mobile', purpose: 'remote-maintenance', conduit: 'c-1' },
          ],
          zones: ['office', 'dmz', 'control'],
          conduits: ['c-1'],
        },
      },
      baselineState: 'new',
    }),
    finding('state-owned', 'high', 'supply-chain', 2, {
      entity: { type: 'organization', id: 'nuctech' },
      evidence: {
        share: 0.1596,
        threshold: 0.1,
        chains: [{ organizations: ['nuctech', 'tongfang', 'cnnc'], shares: [0.76, 0.21], product: 0.1596 }],
      },
    }),
    finding('multi-vendor-room', 'medium', 'physical', 3, {
      entity: { type: 'room', id: 'server-room' },
      evidence: { field: 'vendor', count: 2, max: 1, values: { nuctech: ['srv-1', 'srv-2'], smiths: ['srv-3'] } },
      waiver: {
        status: 'active',
        id: 'w-1',
        reason: 'rebuilt in 2027',
        approver: 'Head of ops',
        ticket: 'OPS-1',
        expires: '2027-12-31',
        location: loc(200),
      },
    }),
    finding('multi-vendor-room', 'medium', 'physical', 4, {
      entity: { type: 'room', id: 'annex' },
      evidence: { field: 'vendor', count: 2, max: 1, values: { a: ['x'], b: ['y'] } },
      waiver: {
        status: 'expired',
        id: 'w-2',
        reason: 'was to be rebuilt in 2021',
        expires: '2021-12-31',
        location: loc(210),
      },
    }),
    finding('old-audit', 'low', 'lifecycle', 5, {
      evidence: {
        field: 'audit.date',
        date: null,
        maxMonths: 24,
        today: '2026-11-29',
        access: { remoteLinks: ['l-1', 'l-2'], staff: [] },
      },
    }),
    finding('note-only', 'info', 'inventory', 6, {
      entity: { type: 'asset', id: HOSTILE },
      message: `hostile ${HOSTILE}`,
      location: { file: 'inv/odd name, 100%.yaml', line: 3, column: 7 },
      evidence: { note: HOSTILE, values: [HOSTILE, 'plain'] },
    }),
    finding('old-audit', 'low', 'lifecycle', 7, { baselineState: 'unchanged' }),
  ];
  const report: Report = {
    reportVersion: 1,
    tool: { name: 'seglint', version: '1.2.3' },
    inventory: {
      name: `Plant <b>&</b> "yard"`,
      files: [
        { path: FILE, sha256: 'a'.repeat(64) },
        { path: 'inv/odd name, 100%.yaml', sha256: 'b'.repeat(64) },
      ],
      counts: { assets: 12 },
    },
    date: '2026-11-29',
    findings,
    summary: summarize(findings, () => true),
    rules: RULES.map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      category: r.category,
      source: 'builtin',
      findings: findings.filter((f) => f.ruleId === r.id).length,
    })),
    waivers: [
      {
        id: 'w-3',
        rule: 'zone-reach',
        target: 'nothing-*',
        reason: 'never used',
        expires: '2030-01-01',
        status: 'unused',
        matched: 0,
      },
      {
        id: 'w-2',
        rule: 'multi-vendor-room',
        target: 'annex',
        reason: 'was to be rebuilt in 2021',
        expires: '2021-12-31',
        status: 'expired',
        matched: 1,
        location: loc(210),
      },
      {
        id: 'w-1',
        rule: 'multi-vendor-room',
        target: 'server-room',
        reason: 'rebuilt in 2027',
        approver: 'Head of ops',
        ticket: 'OPS-1',
        expires: '2027-12-31',
        status: 'active',
        matched: 1,
        location: loc(200),
      },
    ],
  };
  return { report, ctx: ctxOf(RULES) };
}

/** Findings that stand: not under an active waiver, not in the baseline, not resolved. */
export const open = (f: Finding) =>
  f.waiver?.status !== 'active' && f.baselineState !== 'unchanged' && f.baselineState !== 'absent';
