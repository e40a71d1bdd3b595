import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, github } from '../../src/formatters/github.js';
import { FORMATTERS } from '../../src/formatters/index.js';
import { open, realisticReport, syntheticReport } from './support.js';

/** Parses `::cmd k=v,k=v::data` the way the runner does (actions/runner, ActionCommand.TryParseV2). */
function parseCommand(line: string): { command: string; props: Record<string, string>; data: string } {
  const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const un = (s: string) =>
    s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props = Object.fromEntries(
    m[2]!
      .split(',')
      .map((kv) => kv.split('='))
      .map(([k, v]) => [k!, un(v!)]),
  );
  return { command: m[1]!, props, data: un(m[3]!) };
}

describe('github formatter', () => {
  it('is registered', () => {
    expect(FORMATTERS.get('github')).toBe(github);
  });

  it('writes one annotation per finding that stands, on the example inventory', () => {
    const { report, ctx } = realisticReport();
    const all = github(report, ctx).split('\n').filter(Boolean);
    // the last line is one notice with the policy applied (tests/security/gate.test.ts)
    expect(parseCommand(all.at(-1)!)).toMatchObject({ command: 'notice', props: { title: 'seglint policy' } });
    const lines = all.slice(0, -1);
    const standing = report.findings.filter(open);
    expect(lines).toHaveLength(standing.length);
    lines.forEach((l, i) => {
      const c = parseCommand(l);
      const f = standing[i]!;
      expect(c.props).toEqual({
        file: f.location.file,
        line: String(f.location.line),
        col: String(f.location.column),
        title: f.ruleId,
      });
      expect(c.data).toContain(f.message);
    });
  });

  it('maps severities to commands and leaves out waived, baselined and resolved findings', () => {
    const { report, ctx } = syntheticReport();
    report.findings.push({
      ...structuredClone(report.findings[1]!),
      baselineState: 'absent',
      fingerprint: 'e'.repeat(32),
    });
    const out = github(report, ctx);
    expect(out.endsWith('\n')).toBe(true);
    const cmds = out.trimEnd().split('\n').map(parseCommand);
    expect(cmds.map((c) => [c.command, c.props.title])).toEqual([
      ['error', 'zone-reach'],
      ['error', 'state-owned'],
      ['warning', 'multi-vendor-room'], // expired waiver: still reported
      ['notice', 'old-audit'],
      ['notice', 'note-only'],
    ]);
    expect(cmds[0]!.data).toBe('critical: zone-reach message 1 (new)');
    expect(cmds[2]!.data).toContain('waiver w-2 expired on 2021-12-31');
  });

  it('escapes data and properties the way the runner expects', () => {
    const { report, ctx } = syntheticReport();
    const line = github(report, ctx)
      .split('\n')
      .find((l) => l.includes('title=note-only'))!;
    expect(line).toContain('file=inv/odd name%2C 100%25.yaml,line=3,col=7,title=note-only::');
    const data = line.slice(line.indexOf('::', 2) + 2);
    expect(data).not.toMatch(/[\r\n]/);
    expect(data).toContain('*star*\\u000aline2\\u000d\\u000a=cmd'); // line breaks visible: a value never starts a line
    expect(data).toContain('50%25 a:b'); // ':' and ',' stay in data
    const c = parseCommand(line);
    expect(c.props.file).toBe('inv/odd name, 100%.yaml');
    expect(c.data).toContain('line2\\u000d\\u000a=cmd');
    expect(escapeData('100%\r\n')).toBe('100%25%0D%0A');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('writes nothing without findings that stand', () => {
    const { report, ctx } = syntheticReport();
    report.findings = report.findings.filter((f) => !open(f));
    expect(github(report, ctx)).toBe('');
  });
});
