/**
 * Mermaid's own parser, for tests: `mermaid.parse` (mermaid 12) checks a flowchart the way
 * GitHub's renderer reads it. @mermaid-js/parser 2.0.1 has no flowchart grammar (only pie,
 * gitGraph, architecture, ...), so the full mermaid package is used. It sanitizes labels with
 * DOMPurify, which needs a DOM: jsdom provides one.
 */

type Mermaid = {
  parse(text: string, options?: { suppressErrors?: boolean }): Promise<{ diagramType: string } | false>;
};
let loaded: Promise<Mermaid> | undefined;

async function load(): Promise<Mermaid> {
  const g = globalThis as Record<string, unknown>;
  if (!g.window) {
    // jsdom ships no types; only the constructor and `window` are used
    const { JSDOM } = (await import('jsdom' as string)) as {
      JSDOM: new (html: string) => { window: Window & typeof globalThis };
    };
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    g.window = dom.window;
    g.document = dom.window.document;
  }
  const mod = (await import('mermaid')) as unknown as { default: Mermaid };
  return mod.default;
}

/** Parses Mermaid text; resolves to the diagram type, rejects with Mermaid's parse error. */
export async function parseMermaid(text: string): Promise<string> {
  loaded ??= load();
  const mermaid = await loaded;
  const r = await mermaid.parse(text);
  if (!r) throw new Error('mermaid.parse returned false');
  return r.diagramType;
}
