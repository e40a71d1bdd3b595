/**
 * Issue 9, "injection into what CI and people read": inventory text (names, file names, key
 * names, reference values, waiver targets and tickets) and the text of a user rule, run
 * in-process through the CLI in every output format and on stderr. Nothing reaches a terminal
 * or a CI log raw (no ESC, BEL, NUL, C1, bidi or invisible formatting character), no output
 * line opens a workflow command except the annotations of the `github` format, every
 * diagnostic is one line, CSV cells cannot start a formula in any spreadsheet, and SVG and
 * JUnit are well-formed XML.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { watchCheck } from '../../src/cli/commands/watch.js';
import { cli, run, tempDir, TODAY, yaml } from '../helpers.js';
import { FORMULA_CELL, readCsv } from '../text/spreadsheet.js';

/** The attack of the issue: a workflow command on a new line, and a terminal title escape. */
const NAME = 'x\n::error::INJECTED\u001b]0;TITLE\u0007';
/** Opens a formula in a spreadsheet whose list separator is `;`. */
const FORMULA = ';=1+1;@SUM(1)';
/** Characters that made the SVG ill-formed, and a NUL. */
const XML_BAD = 'n\u0001\u001b\ufffe\u0000';
/** Bidi override and isolate, RLM, NEL and CSI (C1), DEL, line separator, BOM, a tag character. */
const INVISIBLE = '\u202eevil\u2066\u200f\u0085\u009b31m\u007f\u2028x\ufeff\u{e0041}';
const TICKET = 'T-1\n::error::TICKET\u001b]0;T\u0007\u0000';
const REASON = 'ok\n::warning::REASON\u001b[2J';
const TARGET = 'nothing\n::error::TARGET\u001bc\u0007';
const FILE = 'p\u001b]0;T\u0007\n::error::FILE.yaml';
const RULES_DIR = 'rules\u001b]0;T\u0007\n::error::DIR';

/** A YAML double-quoted scalar holding exactly `s` (everything outside printable ASCII escaped). */
function yq(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  }
  return `"${out}"`;
}

/**
 * Characters that must not appear raw in any output: C0 but line feed (CR is checked apart),
 * DEL, C1, bidi controls, invisible formatting characters, noncharacters, lone surrogates.
 */
const RAW_UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff\ufffe\uffff\u{e0000}-\u{e007f}\ud800-\udfff]/u;

/** An annotation as the `github` format writes it: properties with `:` and `,` escaped, then `::`. */
const GITHUB_LINE = /^::(error|warning|notice) (file=[^:,\n]*,line=\d+,col=\d+,title=[^:,\n]*|title=seglint policy)::/;

function describeChar(s: string, i: number): string {
  return `U+${s.codePointAt(i)!.toString(16).padStart(4, '0')} at ${i}: ${JSON.stringify(s.slice(Math.max(0, i - 30), i + 30))}`;
}

/** What every output must satisfy. `crlf`: CSV, whose lines end in CR LF. */
function expectSafe(out: string, what: string, opts: { github?: boolean; crlf?: boolean } = {}): void {
  const text = opts.crlf ? out.replace(/\r\n/g, '\n') : out;
  const m = RAW_UNSAFE.exec(text);
  expect(m, m ? `${what}: raw ${describeChar(text, m.index)}` : '').toBeNull();
  for (const line of text.split('\n')) {
    const t = line.trimStart();
    if (t.startsWith('::')) {
      expect(opts.github, `${what}: a line opens a workflow command: ${JSON.stringify(line)}`).toBe(true);
      expect(line, `${what}: not an annotation of seglint's own`).toMatch(GITHUB_LINE);
    }
    expect(t.startsWith('##['), `${what}: a line opens an Azure command: ${JSON.stringify(line)}`).toBe(false);
    expect(/##vso\[/i.test(line), `${what}: ##vso[ in ${JSON.stringify(line)}`).toBe(false);
  }
}

/** Every stderr line is one whole diagnostic or one seglint message. */
function expectOneLineDiagnostics(stderr: string): string[] {
  expectSafe(stderr, 'stderr');
  const lines = stderr.split('\n').filter(Boolean);
  for (const l of lines) expect(l).toMatch(/^(\S.*:\d+:\d+ error: |error: |seglint: )/);
  return lines;
}

let dir: string;
const args = (...extra: string[]) => [
  'check',
  'inventory.yaml',
  '--rules',
  RULES_DIR,
  '--today',
  TODAY,
  '--no-config',
  ...extra,
];

beforeAll(() => {
  dir = tempDir({
    'inventory.yaml': yaml`
      seglint: 1
      name: ${yq(NAME)}
      include: ["parts/*.yaml"]
      zones:
        - { id: z1, trust: internal, name: ${yq(XML_BAD)} }
      assets:
        - { id: a1, kind: plc, zone: z1, name: ${yq(FORMULA)} }
        - { id: a3, kind: plc, zone: z1, name: ${yq(INVISIBLE)} }
      waivers:
        - { rule: orphan-asset, target: a1, reason: ${yq(REASON)}, ticket: ${yq(TICKET)}, approver: ${yq(INVISIBLE)}, expires: 2099-01-01 }
        - { rule: orphan-asset, target: nothing-here, reason: r, expires: 2099-01-01 }
    `,
    [`parts/${FILE}`]: 'seglint: 1\nassets:\n  - { id: a2, kind: plc, zone: z1, name: hmi }\n',
    [`${RULES_DIR}/acme-inject.yaml`]: yaml`
      id: acme-inject
      title: ${yq('Title\n::error::RULETITLE\u001b]0;T\u0007')}
      severity: high
      category: segmentation
      rationale: ${yq('Line one.\n::error::RATIONALE\u001b[2J\n##vso[task.setvariable variable=x]1')}
      references:
        - { source: other, id: ${yq('ACME\u001b-1')}, title: ${yq('\n::error::REFTITLE')} }
      select:
        - type: asset
          where: { path: kind, in: [plc] }
      message: ${yq('{{name}} in {{id}}\n::error::RULEMSG\u001b]0;T\u0007\u0000 ##vso[task.complete]')}
      remediation: ${yq('Fix\n::error::REMEDIATION\u0007')}
    `,
  });
});

describe('report formats: inventory and rule text never reaches the output raw', () => {
  it.each(['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'csv', 'html'])('check -f %s', async (format) => {
    const r = await run(args('-f', format), { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expectSafe(r.stdout, format, { github: format === 'github', crlf: format === 'csv' });
  });

  it.each(['markdown', 'html', 'csv'])('report -f %s', async (format) => {
    const r = await run(['report', ...args('-f', format).slice(1)], { cwd: dir });
    expect(r.status).toBe(0);
    expectSafe(r.stdout, format, { crlf: format === 'csv' });
  });

  it('text: every value visible and on its line, no terminal escape, no command', async () => {
    const { stdout } = await run(args(), { cwd: dir });
    expect(stdout).toContain('x\\u000a::error::INJECTED\\u001b]0;TITLE\\u0007');
    expect(stdout).toContain('\\u001b]0;T\\u0007\\u000a::error::FILE.yaml'); // the included file's name, as a heading
    expect(stdout).toContain('T-1\\u000a::error::TICKET\\u001b]0;T\\u0007\\u0000'); // the ticket of the active waiver
    expect(stdout).toContain('nothing-here'); // the target of the unused one
    expect(stdout).toContain('\\u000a::error::RULEMSG\\u001b]0;T\\u0007\\u0000 \\u0023#vso[task.complete]'); // the rule's message
    expect(stdout).toContain('\\u202eevil\\u2066\\u200f\\u0085\\u009b31m\\u007f\\u2028x\\ufeff\\u{e0041}');
  });

  it('github: one annotation per open finding, each one line, ESC and NUL escaped', async () => {
    const { stdout } = await run(args('-f', 'github'), { cwd: dir });
    const all = stdout.split('\n').filter(Boolean);
    // the last line is the policy notice, not tied to a file
    expect(all.at(-1)).toMatch(/^::notice title=seglint policy::/);
    const lines = all.slice(0, -1);
    const json = JSON.parse((await run(args('-f', 'json'), { cwd: dir })).stdout) as {
      findings: { waiver?: { status: string } }[];
    };
    expect(lines).toHaveLength(json.findings.filter((f) => f.waiver?.status !== 'active').length);
    for (const l of lines) expect(l).toMatch(GITHUB_LINE);
    // the file property keeps the visible escapes (not turned into slashes), with : and , escaped
    expect(stdout).toContain('::error file=parts/p\\u001b]0;T\\u0007\\u000a%3A%3Aerror%3A%3AFILE.yaml,');
    expect(stdout).toContain('\\u000a::error::RULEMSG\\u001b]0;T\\u0007\\u0000');
  });

  it('json and sarif keep the data exact, with every unsafe character as a JSON escape', async () => {
    const json = await run(args('-f', 'json'), { cwd: dir });
    const report = JSON.parse(json.stdout) as {
      inventory: { name: string; files: { path: string }[] };
      findings: { message: string }[];
      waivers: { ticket?: string; approver?: string }[];
    };
    expect(report.inventory.name).toBe(NAME);
    expect(report.inventory.files.map((f) => f.path)).toContain(`parts/${FILE}`);
    expect(report.waivers[0]!.ticket).toBe(TICKET);
    expect(report.waivers[0]!.approver).toBe(INVISIBLE);
    expect(report.findings.map((f) => f.message)).toContain(
      `${FORMULA} in a1\n::error::RULEMSG\u001b]0;T\u0007\u0000 ##vso[task.complete]`,
    );
    expect(json.stdout).toContain('\\u202eevil\\u2066\\u200f\\u0085\\u009b31m\\u007f\\u2028x\\ufeff\\udb40\\udc41');
    const sarif = JSON.parse((await run(args('-f', 'sarif'), { cwd: dir })).stdout) as {
      runs: {
        results: { ruleId: string; message: { text: string }; properties: { entity: { id: string } } }[];
        properties: { inventory: string };
      }[];
    };
    expect(sarif.runs[0]!.properties.inventory).toBe(NAME);
    const mine = sarif.runs[0]!.results.filter((x) => x.ruleId === 'acme-inject');
    expect(mine.length).toBeGreaterThan(0);
    // a message for people is visible text, one line
    for (const x of mine) expect(x.message.text).toMatch(/^[^\n\u0000\u001b]*\\u000a::error::RULEMSG\\u001b/);
  });

  it('csv: no cell opens a formula, whatever the list separator; the rows keep their shape', async () => {
    const { stdout } = await run(args('-f', 'csv'), { cwd: dir });
    const rows = readCsv(stdout, ',');
    const json = JSON.parse((await run(args('-f', 'json'), { cwd: dir })).stdout) as { findings: unknown[] };
    expect(rows).toHaveLength(json.findings.length + 1);
    for (const r of rows) expect(r).toHaveLength(12);
    for (const sep of [',', ';', '\t', '|']) {
      for (const cell of readCsv(stdout, sep).flat())
        expect(cell, `separator ${JSON.stringify(sep)}`).not.toMatch(FORMULA_CELL);
    }
    const messages = rows.map((r) => r[8]!);
    expect(messages).toContain(
      `;'=1+1;'@SUM(1) in a1\\u000a::error::RULEMSG\\u001b]0;T\\u0007\\u0000 \\u0023#vso[task.complete]`,
    );
    expect(stdout).toContain(`";'=1+1;'@SUM(1) in a1`);
    // file names in their column, visible
    expect(rows.map((r) => r[5])).toContain('parts/p\\u001b]0;T\\u0007\\u000a::error::FILE.yaml');
  });

  it('junit is well-formed XML and keeps the text visible', async () => {
    const { stdout } = await run(args('-f', 'junit'), { cwd: dir });
    expect(XMLValidator.validate(stdout)).toBe(true);
    expect(stdout).toContain('x\\u000a::error::INJECTED\\u001b]0;TITLE\\u0007');
  });

  it('html: no control character, the structure intact', async () => {
    const { stdout } = await run(args('-f', 'html'), { cwd: dir });
    const { JSDOM } = (await import('jsdom' as string)) as {
      JSDOM: new (html: string) => { window: Window & typeof globalThis };
    };
    const doc = new JSDOM(stdout).window.document;
    const json = JSON.parse((await run(args('-f', 'json'), { cwd: dir })).stdout) as { findings: unknown[] };
    expect(doc.querySelectorAll('article.finding')).toHaveLength(json.findings.length);
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.querySelector('h1')!.textContent).toBe('Findings: x\\u000a::error::INJECTED\\u001b]0;TITLE\\u0007');
  });

  it('markdown: the text visible, no line opens with it', async () => {
    const { stdout } = await run(['report', ...args('-f', 'markdown').slice(1)], { cwd: dir });
    // the rule's rationale keeps its line breaks; the line that held a command is neutralised
    expect(stdout).toContain('\\\\u003a:error::RATIONALE\\\\u001b\\[2J');
    expect(stdout).toContain('\\\\u0023\\#vso\\[task.setvariable variable=x\\]1');
  });
});

describe('diagrams', () => {
  it.each(['svg', 'dot', 'mermaid'])('graph -f %s: exit 0, nothing raw', async (format) => {
    for (const view of ['network', 'physical', 'supply-chain']) {
      const r = await run(
        [
          'graph',
          'inventory.yaml',
          '-f',
          format,
          '--view',
          view,
          '--rules',
          RULES_DIR,
          '--today',
          TODAY,
          '--no-config',
        ],
        { cwd: dir },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expectSafe(r.stdout, `${format} ${view}`);
      if (format === 'svg') expect(XMLValidator.validate(r.stdout)).toBe(true);
    }
  });

  it('a NUL, U+0001, ESC or U+FFFE in a name gives well-formed SVG, not an internal error', async () => {
    const d = tempDir({
      'n.yaml': `seglint: 1\nname: ${yq(XML_BAD)}\nassets:\n  - { id: a, kind: plc, name: ${yq(XML_BAD)} }\n`,
    });
    const r = await run(['graph', 'n.yaml', '-f', 'svg', '--no-findings'], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    expect(r.stdout).toContain('n\\u0001\\u001b\\ufffe\\u0000');
  });
});

describe('stderr: every diagnostic one line, nothing raw', () => {
  it('validate: the inventory name of the issue', async () => {
    const d = tempDir({ 'n.yaml': `seglint: 1\nname: ${yq(NAME)}\nassets: []\n` });
    const r = await run(['validate', 'n.yaml'], { cwd: d });
    expect(r.status).toBe(0);
    expectSafe(r.stdout, 'validate');
    expect(r.stdout).toBe(
      'x\\u000a::error::INJECTED\\u001b]0;TITLE\\u0007: valid (1 file, 0 assets, 0 links, 0 zones)\n',
    );
  });

  it('a key name and reference values with control characters', async () => {
    const d = tempDir({
      'k.yaml': yaml`
        seglint: 1
        assets:
          - id: a1
            kind: plc
            ${yq('bad\u001bkey\n::error::KEY')}: 1
          - { id: a2, kind: ${yq('plc\u009b\n::error::ENUM')} }
      `,
      'r.yaml': yaml`
        seglint: 1
        assets:
          - id: a1
            kind: plc
            zone: ${yq('zz\u001b]0;T\u0007\n::error::REF')}
            vendor: ${yq('v\u0000\n::error::VEND\u202e')}
      `,
    });
    const expected: Record<string, string[]> = {
      'k.yaml': ['"bad\\u001bkey\\u000a::error::KEY"', '"plc\\u009b\\u000a::error::ENUM"'],
      'r.yaml': ['"zz\\u001b]0;T\\u0007\\u000a::error::REF"', '"v\\u0000\\u000a::error::VEND\\u202e"'],
    };
    for (const [file, quoted] of Object.entries(expected)) {
      for (const argv of [
        ['validate', file],
        ['check', file, '--no-config'],
      ]) {
        const r = await run(argv, { cwd: d });
        expect(r.status).toBe(2);
        const lines = expectOneLineDiagnostics(r.stderr);
        for (const q of quoted)
          expect(
            lines.some((l) => l.startsWith(`${file}:`) && l.includes(q)),
            `${argv.join(' ')}: ${q} in\n${r.stderr}`,
          ).toBe(true);
      }
    }
  });

  it('file names with control characters, given on the command line or included', async () => {
    const bad = 'seglint: 1\nassets: [\n';
    const d = tempDir({
      [FILE]: bad,
      '::error::LEAD.yaml': bad,
      'inc.yaml': 'seglint: 1\ninclude: ["sub/*.yaml"]\n',
      [`sub/${FILE}`]: bad,
    });
    for (const target of [FILE, '::error::LEAD.yaml', 'inc.yaml']) {
      const r = await run(['validate', target], { cwd: d });
      expect(r.status).toBe(2);
      const lines = expectOneLineDiagnostics(r.stderr);
      expect(lines[0]).toMatch(
        target === '::error::LEAD.yaml'
          ? /^\\u003a:error::LEAD\.yaml:\d+:\d+ error: invalid YAML/
          : /^(sub\/)?p\\u001b\]0;T\\u0007\\u000a::error::FILE\.yaml:\d+:\d+ error: invalid YAML/,
      );
    }
    // a path that does not exist, quoted in the message
    const r = await run(['check', `missing${FILE}`, '--no-config'], { cwd: d });
    expect(r.status).toBe(2);
    expect(expectOneLineDiagnostics(r.stderr).join('\n')).toContain(
      'missingp\\u001b]0;T\\u0007\\u000a::error::FILE.yaml',
    );
  });

  it('a waiver target with control characters: a load error at its line, the target visible', async () => {
    const d = tempDir({
      'w.yaml': yaml`
        seglint: 1
        assets:
          - { id: a1, kind: plc }
        waivers:
          - { rule: orphan-asset, target: ${yq(TARGET)}, reason: r, approver: x, expires: 2099-01-01 }
      `,
    });
    const r = await run(['validate', 'w.yaml'], { cwd: d });
    expect(r.status).toBe(2);
    const lines = expectOneLineDiagnostics(r.stderr);
    expect(
      lines.some((l) => l.startsWith('w.yaml:5:') && l.includes('nothing\\u000a::error::TARGET\\u001bc\\u0007')),
    ).toBe(true);
  });

  it('usage errors quote arguments visibly', async () => {
    const r = await run(
      ['check', 'inventory.yaml', '--rule', 'nope\u001b]0;T\u0007\n::error::ARG', '--no-config', '--rules', RULES_DIR],
      { cwd: dir },
    );
    expect(r.status).toBe(2);
    expect(expectOneLineDiagnostics(r.stderr).join('\n')).toContain('nope\\u001b]0;T\\u0007\\u000a::error::ARG');
    const p = await run(['path', 'a1\u001b[2J\n::error::FROM', 'a2', 'inventory.yaml'], { cwd: dir });
    expect(p.status).toBe(2);
    expect(expectOneLineDiagnostics(p.stderr).join('\n')).toContain('a1\\u001b[2J\\u000a::error::FROM');
  });

  it('a broken user rule: its key names and values visible', async () => {
    const d = tempDir({
      'r/acme-x.yaml': `id: acme-x\ntitle: t\nseverity: high\ncategory: segmentation\nrationale: r\nselect:\n  - type: asset\nmessage: ${yq('{{nope\u001b}}\n::error::PLACEHOLDER')}\nremediation: r\n${yq('k\u001b\n::error::RULEKEY')}: 1\n`,
      'i.yaml': 'seglint: 1\n',
    });
    const r = await run(['check', 'i.yaml', '--rules', 'r', '--no-config'], { cwd: d });
    expect(r.status).toBe(2);
    const lines = expectOneLineDiagnostics(r.stderr);
    expect(lines.join('\n')).toContain('k\\u001b\\u000a::error::RULEKEY');
  });
});

describe('other commands', () => {
  it('rules and explain: a user rule as text', async () => {
    const list = await run(['rules', '--rules', RULES_DIR], { cwd: dir });
    expect(list.status).toBe(0);
    expectSafe(list.stdout, 'rules');
    expect(list.stdout).toMatch(
      /^acme-inject +high +segmentation +Title\\u000a::error::RULETITLE\\u001b\]0;T\\u0007 +\[rules\\u001b\]0;T\\u0007\\u000a::error::DIR\/acme-inject\.yaml\]$/m,
    );
    const json = await run(['rules', '--rules', RULES_DIR, '-f', 'json'], { cwd: dir });
    expectSafe(json.stdout, 'rules json');
    expect(
      (JSON.parse(json.stdout) as { id: string; title: string }[]).find((x) => x.id === 'acme-inject')!.title,
    ).toBe('Title\n::error::RULETITLE\u001b]0;T\u0007');
    const ex = await run(['explain', 'acme-inject', '--rules', RULES_DIR], { cwd: dir });
    expect(ex.status).toBe(0);
    expectSafe(ex.stdout, 'explain');
    expect(ex.stdout).toContain(
      'Line one.\n\\u003a:error::RATIONALE\\u001b[2J\n\\u0023#vso[task.setvariable variable=x]1\n',
    );
  });

  it('test-rules: case names and problems', async () => {
    const d = tempDir({
      'r/acme-no-plc.yaml':
        'id: acme-no-plc\ntitle: t\nseverity: high\ncategory: segmentation\nrationale: r\nselect:\n  - type: asset\n    where: { path: kind, in: [plc] }\nmessage: "{{name}}"\nremediation: r\n',
      'r/acme-no-plc.test.yaml': yaml`
        rule: acme-no-plc
        cases:
          - name: ${yq('case\u001b]0;T\u0007\n::error::CASE')}
            inventory:
              seglint: 1
              assets:
                - { id: a, kind: plc, name: ${yq(NAME)} }
            expect: []
      `,
    });
    const r = await run(['test-rules', 'r'], { cwd: d });
    expect(r.status).toBe(1);
    expectSafe(r.stdout, 'test-rules');
    expect(r.stdout).toContain('FAIL acme-no-plc: case\\u001b]0;T\\u0007\\u000a::error::CASE');
    expect(r.stdout).toContain('x\\u000a::error::INJECTED\\u001b]0;TITLE\\u0007');
    const j = await run(['test-rules', 'r', '-f', 'json'], { cwd: d });
    expectSafe(j.stdout, 'test-rules json');
  });

  it('init: the directory given on the command line', async () => {
    const d = tempDir();
    const r = await run(['init', 'd\u001b]0;T\u0007\n::error::INIT'], { cwd: d });
    expect(r.status).toBe(0);
    expectSafe(r.stdout, 'init');
    expect(r.stdout).toContain('wrote d\\u001b]0;T\\u0007\\u000a::error::INIT/');
  });

  it('path: text and json', async () => {
    for (const f of ['text', 'json']) {
      const r = await run(['path', 'a1', 'a2', 'inventory.yaml', '-f', f], { cwd: dir });
      expect([0, 1]).toContain(r.status);
      expectSafe(r.stdout, `path ${f}`);
    }
  });

  it('watch: the run and the changes since the last run', async () => {
    const d = tempDir({
      'inv.yaml': 'seglint: 1\nassets:\n  - { id: a, kind: plc, zone: z }\nzones:\n  - { id: z, trust: internal }\n',
    });
    mkdirSync(path.join(d, 'r'));
    let out = '';
    let err = '';
    const io = {
      stdout: (t: string) => void (out += t),
      stderr: (t: string) => void (err += t),
      cwd: d,
      env: { NO_COLOR: '1' },
      stdoutIsTTY: false,
      stderrIsTTY: false,
    };
    const handle = watchCheck(
      { paths: ['inv.yaml'], cwd: d, config: false, today: TODAY, rulesDirs: ['r'] },
      {},
      io,
      'text',
    );
    try {
      expect(err).toContain('watching');
      writeFileSync(
        path.join(d, 'inv.yaml'),
        `seglint: 1\nname: ${yq(NAME)}\nassets:\n  - { id: a, kind: plc, zone: z, name: ${yq(NAME)} }\nzones:\n  - { id: z, trust: internal }\n`,
      );
      writeFileSync(
        path.join(d, 'r', 'acme-w.yaml'),
        `id: acme-w\ntitle: t\nseverity: high\ncategory: segmentation\nrationale: r\nselect:\n  - type: asset\nmessage: "{{name}}"\nremediation: r\n`,
      );
      const t0 = Date.now();
      while (!/Since the last run: [1-9]\d* new/.test(out)) {
        if (Date.now() - t0 > 15_000) throw new Error(`no re-run\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(
        path.join(d, 'inv.yaml'),
        `seglint: 1\nassets:\n  - { id: a, kind: plc, zone: ${yq('z\u001b\n::error::W')} }\n`,
      );
      while (!err.includes('fix and save')) {
        if (Date.now() - t0 > 30_000) throw new Error(`no errors\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      handle.stop();
    }
    expectSafe(out, 'watch stdout');
    expectSafe(err, 'watch stderr');
    expect(out).toContain('acme-w x\\u000a::error::INJECTED\\u001b]0;TITLE\\u0007');
    expect(err).toContain('"z\\u001b\\u000a::error::W"');
  }, 45_000);
});

describe('the built binary, as in the issue', () => {
  it('validate: the name of the issue prints as one visible line on the real stdout', () => {
    const d = tempDir({ 'n.yaml': 'seglint: 1\nname: "x\\n::error::INJECTED\\u001b]0;T\\u0007"\nassets: []\n' });
    const r = cli(['validate', 'n.yaml'], { cwd: d });
    expect(r.status).toBe(0);
    expectSafe(r.stdout, 'validate');
    expect(r.stdout).toBe('x\\u000a::error::INJECTED\\u001b]0;T\\u0007: valid (1 file, 0 assets, 0 links, 0 zones)\n');
  });

  it('graph -f svg -o: a NUL in a name gives exit 0 and a well-formed file', () => {
    const d = tempDir({ 'n.yaml': `seglint: 1\nassets:\n  - { id: a, kind: plc, name: ${yq(XML_BAD)} }\n` });
    const r = cli(['graph', 'n.yaml', '-f', 'svg', '-o', 'n.svg', '--no-findings'], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(XMLValidator.validate(readFileSync(path.join(d, 'n.svg'), 'utf8'))).toBe(true);
  });
});
