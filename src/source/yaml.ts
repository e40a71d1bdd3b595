/**
 * YAML reading with positions. js-yaml's event parser gives a flat stream of events with
 * source offsets; we construct plain values from it ourselves, recording where every
 * mapping, key and sequence item starts. This costs one pass over the events and keeps the
 * hot path on js-yaml's fast tokenizer.
 *
 * Scalars are resolved with the YAML 1.2 core schema (no timestamps: dates stay strings).
 * Duplicate keys are reported (all of them), `__proto__` keys are stored as own properties
 * (no prototype pollution), and the nodes built are counted (those an alias repeats too) so
 * that an alias bomb is an error, not an out-of-memory crash.
 */
import * as jsYaml from 'js-yaml';
import {
  EVENT_ID,
  type AliasEvent,
  type Event,
  type MappingEvent,
  type ScalarEvent,
  type SequenceEvent,
} from 'js-yaml';
import type { Diagnostic } from './errors.js';
import { createRequire } from 'node:module';
import { readOwnFile } from './fs.js';
import { keyIndex, PositionIndex, SourceFile, type NodeInfo } from './location.js';

/** The two js-yaml functions the reader drives. */
interface YamlEngine {
  parseEvents: typeof jsYaml.parseEvents;
  getScalarValue: typeof jsYaml.getScalarValue;
  YAMLException: typeof jsYaml.YAMLException;
}

/** js-yaml as imported (ES module): parses inventories. */
const INVENTORY_ENGINE: YamlEngine = {
  parseEvents: jsYaml.parseEvents,
  getScalarValue: jsYaml.getScalarValue,
  YAMLException: jsYaml.YAMLException,
};
/**
 * A second js-yaml instance (its CommonJS build) for seglint's own small files: rules, the
 * configuration, rule tests. Parsing dozens of small files first trains V8's JIT on them, and
 * a 60 MB inventory parsed afterwards by the same functions took twice as long (3.6 s against
 * 7.2 s at 100,000 assets, docs/performance.md). Separate instances keep separate feedback.
 */
let ownFilesEngine: YamlEngine | undefined;
function ownEngine(): YamlEngine {
  ownFilesEngine ??= createRequire(import.meta.url)('js-yaml') as YamlEngine;
  return ownFilesEngine;
}

export interface YamlReadOptions {
  /** Maximum nesting depth of collections. */
  maxDepth?: number;
  /**
   * Maximum number of nodes, counting every node an alias repeats (a billion-laughs guard).
   * Default: 1,000,000 or four per parse event, whichever is more, so only aliases can reach it.
   */
  maxNodes?: number;
  /** Which js-yaml instance parses (default: the inventory one). */
  engine?: YamlEngine;
}

export interface YamlReadResult {
  value: unknown;
  /** Empty when the file read cleanly. */
  diagnostics: Diagnostic[];
}

const NULL_RE = /^(?:~|null|Null|NULL|)$/;
const TRUE_RE = /^(?:true|True|TRUE)$/;
const FALSE_RE = /^(?:false|False|FALSE)$/;
const INT_RE = /^[-+]?[0-9]+$/;
const OCT_RE = /^0o[0-7]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF_RE = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN_RE = /^\.(?:nan|NaN|NAN)$/;

function resolvePlain(s: string): unknown {
  // Fast path: most scalars are words whose first letter rules out null, booleans and numbers.
  const c = s.charCodeAt(0);
  if (
    ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) &&
    c !== 110 &&
    c !== 78 &&
    c !== 116 &&
    c !== 84 &&
    c !== 102 &&
    c !== 70
  )
    return s;
  if (s.length > 5 && !/^[-+.0-9~]/.test(s)) return s;
  if (NULL_RE.test(s)) return null;
  if (TRUE_RE.test(s)) return true;
  if (FALSE_RE.test(s)) return false;
  if (INT_RE.test(s)) return Number.parseInt(s, 10);
  if (OCT_RE.test(s)) return Number.parseInt(s.slice(2), 8);
  if (HEX_RE.test(s)) return Number.parseInt(s.slice(2), 16);
  if (FLOAT_RE.test(s)) return Number.parseFloat(s);
  if (INF_RE.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (NAN_RE.test(s)) return NaN;
  return s;
}

type Frame =
  | {
      kind: 'map';
      value: Record<string, unknown>;
      info: NodeInfo;
      pendingKey: string | undefined;
      pendingKeyOffset: number;
      size: number;
      anchor?: string;
    }
  | { kind: 'seq'; value: unknown[]; info: NodeInfo; size: number; anchor?: string };

function scalarOffset(e: ScalarEvent & { style?: number }): number {
  // valueStart points inside the quotes of a quoted scalar; step back onto the quote.
  const start = e.valueStart;
  return e.style === 2 || e.style === 3 ? Math.max(0, start - 1) : start;
}

/**
 * Reads one YAML document from `text`. Syntax errors stop the reading of this file (the
 * parser cannot recover), other problems (duplicate keys, bad tags) are all collected.
 * Two steps: the parser's events (`parseEvents`), then the values built from them
 * (`DocumentBuilder`, which checks keys, tags, aliases, depth and size on the way).
 */
export function readYaml(source: SourceFile, positions: PositionIndex, options: YamlReadOptions = {}): YamlReadResult {
  const engine = options.engine ?? INVENTORY_ENGINE;
  const maxDepth = options.maxDepth ?? 100;
  const parsed = parseEvents(source, engine, maxDepth);
  if (!Array.isArray(parsed)) return { value: undefined, diagnostics: [parsed] };
  const maxNodes = options.maxNodes ?? Math.max(1_000_000, parsed.length * 4);
  return new DocumentBuilder(source, positions, engine, maxDepth, maxNodes).build(parsed);
}

/** The parser's events for a whole file, or the diagnostic of the syntax error that stopped it. */
function parseEvents(source: SourceFile, engine: YamlEngine, maxDepth: number): Event[] | Diagnostic {
  const text = source.text;
  try {
    // js-yaml counts some levels twice (a compact `- - x` hits its limit one level early), so it
    // gets a little headroom and the exact limit is enforced below, on the collections built.
    return engine.parseEvents(text, { filename: source.path, maxDepth: maxDepth + 2 });
  } catch (err) {
    if (!(err instanceof engine.YAMLException)) throw err;
    const mark = err.mark as { line?: number; column?: number; position?: number } | undefined;
    const loc =
      mark && typeof mark.position === 'number'
        ? source.locate(Math.min(mark.position, text.length))
        : { file: source.path, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 };
    if (/nesting|depth/i.test(err.reason)) {
      // The parser stops deeper input before the check below sees it: same code and message.
      return {
        code: 'yaml-too-deep',
        message: `nesting deeper than ${maxDepth} levels; expected a flat inventory`,
        location: loc,
      };
    }
    return { code: 'yaml-syntax', message: `invalid YAML: ${err.reason}`, location: loc };
  }
}

/**
 * Builds plain values from parse events, one pass, recording where every mapping, key and
 * sequence item starts. Each handler returns false when the document must not be read
 * further (too deep, too many nodes); the diagnostics collected so far then stand.
 */
class DocumentBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly text: string;
  private readonly anchors = new Map<string, { value: unknown; size: number }>();
  private readonly stack: Frame[] = [];
  private documents = 0;
  private root: unknown = undefined;
  // Nodes built so far: one per scalar and collection written, plus every node an alias repeats.
  private writtenNodes = 0;
  private aliasNodes = 0;
  private aliasCount = 0;
  // Where the last scalar ended: an empty list item (`-` and nothing) is located from there.
  private lastEnd = 0;

  constructor(
    private readonly source: SourceFile,
    private readonly positions: PositionIndex,
    private readonly engine: YamlEngine,
    private readonly maxDepth: number,
    private readonly maxNodes: number,
  ) {
    this.text = source.text;
  }

  build(events: Event[]): YamlReadResult {
    const stopped = (): YamlReadResult => ({ value: undefined, diagnostics: this.diagnostics });
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      // Let each event be collected once read: the array holds millions of them on a large file.
      (events as unknown[])[i] = undefined;
      switch (e.type) {
        case EVENT_ID.DOCUMENT:
          if (++this.documents > 1) {
            this.diagnostics.push({
              code: 'yaml-multiple-documents',
              message: 'found a second YAML document (---); expected one document per file',
              location: this.source.locate(findDocStart(events, i, this.text)),
            });
            return { value: this.root, diagnostics: this.diagnostics };
          }
          break;
        case EVENT_ID.MAPPING:
        case EVENT_ID.SEQUENCE:
          if (!this.open(e)) return stopped();
          break;
        case EVENT_ID.POP:
          this.close();
          break;
        case EVENT_ID.SCALAR:
          if (!this.scalar(e)) return stopped();
          break;
        case EVENT_ID.ALIAS:
          if (!this.alias(e)) return stopped();
          break;
      }
    }
    return { value: this.root, diagnostics: this.diagnostics };
  }

  private tagOf(e: { tagStart: number; tagEnd: number }): string | undefined {
    return e.tagStart >= 0 ? this.text.slice(e.tagStart, e.tagEnd) : undefined;
  }

  private anchorOf(e: { anchorStart: number; anchorEnd: number }): string | undefined {
    return e.anchorStart >= 0 ? this.text.slice(e.anchorStart, e.anchorEnd) : undefined;
  }

  /** Counts nodes; false (with a diagnostic) once the document holds more than maxNodes. */
  private count(written: number, repeated: number, offset: number): boolean {
    this.writtenNodes += written;
    this.aliasNodes += repeated;
    const { writtenNodes, aliasNodes, aliasCount, maxNodes } = this;
    if (writtenNodes + aliasNodes <= maxNodes) return true;
    const data = { limit: maxNodes, written: writtenNodes, fromAliases: aliasNodes, aliases: aliasCount };
    this.diagnostics.push({
      code: 'yaml-too-large',
      message:
        aliasNodes > writtenNodes
          ? `aliases expand the document to more than ${maxNodes} nodes (${aliasCount} alias${aliasCount === 1 ? '' : 'es'} repeat ${aliasNodes} nodes, ${writtenNodes} are written out: an alias bomb?); expected a plain inventory`
          : `document holds more than ${maxNodes} nodes (keys, values and list items: ${writtenNodes} written out, ${aliasNodes} repeated by aliases); expected a smaller file, or the inventory split with include`,
      location: this.source.locate(offset),
      data,
    });
    return false;
  }

  /**
   * Where an empty scalar (`key:` with nothing after it, `-` alone) is: js-yaml gives it no
   * offset. Its tag or anchor if it has one, else the key it is the value of, else the dash of
   * its list item, else the collection holding it.
   */
  private emptyScalarOffset(e: { tagStart: number; anchorStart: number }): number {
    if (e.tagStart >= 0) return e.tagStart;
    if (e.anchorStart >= 0) return Math.max(0, e.anchorStart - 1);
    const top = this.stack[this.stack.length - 1];
    if (!top) return 0;
    if (top.kind === 'map') return top.pendingKey !== undefined ? top.pendingKeyOffset : top.info.offset;
    const dash = nextDash(this.text, Math.max(this.lastEnd, top.info.offset));
    if (dash === undefined) return top.info.offset;
    this.lastEnd = dash + 1;
    return dash;
  }

  /** Adds a finished value to the collection being read (or makes it the document). */
  private deliver(value: unknown, offset: number, size: number): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      this.root = value;
      return;
    }
    top.size += size;
    if (top.kind === 'seq') {
      top.info.items!.push(offset);
      top.value.push(value);
    } else if (top.pendingKey === undefined) {
      this.takeKey(top, value, offset);
    } else {
      const key = top.pendingKey;
      top.pendingKey = undefined;
      if (key === DUPLICATE) return;
      top.info.keys!.push(key);
      top.info.offsets!.push(top.pendingKeyOffset, offset);
      if (key === '__proto__') {
        // Stored as an own property: it must never reach the object's prototype.
        Object.defineProperty(top.value, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        top.value[key] = value;
      }
    }
  }

  /** A value read where a mapping expects a key: it becomes the pending key, unless it is a collection or a duplicate. */
  private takeKey(top: Extract<Frame, { kind: 'map' }>, value: unknown, offset: number): void {
    const { source } = this;
    let key: string;
    if (value === null || typeof value !== 'object') key = String(value);
    else {
      this.diagnostics.push({
        code: 'yaml-complex-key',
        message: 'a mapping key must be a scalar, found a collection',
        location: source.locate(offset),
      });
      key = `[complex key at ${offset}]`;
    }
    if (Object.prototype.hasOwnProperty.call(top.value, key)) {
      const first = source.locate(top.info.offsets![2 * keyIndex(top.info, key)]!);
      this.diagnostics.push({
        code: 'duplicate-key',
        message: `duplicate key "${key}" (first defined at line ${first.line}); each key may appear once in a mapping`,
        location: source.locate(offset),
        data: { key },
      });
      top.pendingKey = DUPLICATE;
    } else {
      top.pendingKey = key;
    }
    top.pendingKeyOffset = offset;
  }

  /** A mapping or sequence starts. */
  private open(e: MappingEvent | SequenceEvent): boolean {
    const { source } = this;
    const isMap = e.type === EVENT_ID.MAPPING;
    const tag = this.tagOf(e);
    if (tag !== undefined && tag !== (isMap ? '!!map' : '!!seq')) {
      this.diagnostics.push({
        code: 'yaml-tag',
        message: `unsupported YAML tag "${tag}"; expected plain YAML without custom tags`,
        location: source.locate(e.tagStart),
      });
    }
    const info: NodeInfo = isMap
      ? { source, offset: e.start, keys: [], offsets: [] }
      : { source, offset: e.start, items: [] };
    const anchor = this.anchorOf(e);
    if (!this.count(1, 0, e.start)) return false;
    if (isMap) {
      const value: Record<string, unknown> = {};
      this.positions.set(value, info);
      this.stack.push({ kind: 'map', value, info, pendingKey: undefined, pendingKeyOffset: 0, size: 1, anchor });
    } else {
      const value: unknown[] = [];
      this.positions.set(value, info);
      this.stack.push({ kind: 'seq', value, info, size: 1, anchor });
    }
    if (this.stack.length > this.maxDepth) {
      this.diagnostics.push({
        code: 'yaml-too-deep',
        message: `nesting deeper than ${this.maxDepth} levels; expected a flat inventory`,
        location: source.locate(e.start),
      });
      return false;
    }
    return true;
  }

  /** A mapping or sequence ends (or, with nothing open, the document). */
  private close(): void {
    const frame = this.stack.pop();
    if (!frame) return; // end of document
    if (frame.anchor !== undefined) this.anchors.set(frame.anchor, { value: frame.value, size: frame.size });
    this.deliver(frame.value, frame.info.offset, frame.size);
  }

  private scalar(se: ScalarEvent): boolean {
    const raw = this.engine.getScalarValue(this.text, se);
    const tag = this.tagOf(se);
    let value: unknown;
    if (tag === undefined) value = se.style === 1 ? resolvePlain(raw) : raw;
    else if (tag === '!!str' || tag === '!') value = raw;
    else if (tag === '!!int' || tag === '!!float' || tag === '!!bool' || tag === '!!null') value = resolvePlain(raw);
    else {
      this.diagnostics.push({
        code: 'yaml-tag',
        message: `unsupported YAML tag "${tag}"; expected plain YAML without custom tags`,
        location: this.source.locate(se.tagStart),
      });
      value = raw;
    }
    const anchor = this.anchorOf(se);
    if (anchor !== undefined) this.anchors.set(anchor, { value, size: 1 });
    const offset = se.valueStart >= 0 ? scalarOffset(se) : this.emptyScalarOffset(se);
    if (se.valueStart >= 0) this.lastEnd = se.valueEnd;
    if (!this.count(1, 0, offset)) return false;
    this.deliver(value, offset, 1);
    return true;
  }

  private alias(e: AliasEvent): boolean {
    const name = this.text.slice(e.anchorStart, e.anchorEnd);
    const target = this.anchors.get(name);
    if (!target) {
      this.diagnostics.push({
        code: 'yaml-alias',
        message: `alias "*${name}" refers to an anchor that is not defined before it`,
        location: this.source.locate(Math.max(0, e.anchorStart - 1)),
      });
      if (!this.count(1, 0, e.anchorStart)) return false;
      this.deliver(null, e.anchorStart, 1);
      return true;
    }
    this.aliasCount++;
    const at = Math.max(0, e.anchorStart - 1);
    if (!this.count(0, target.size, at)) return false;
    this.deliver(target.value, at, target.size);
    return true;
  }
}

/** The pending key of a mapping whose key was a duplicate: its value is read and dropped. */
const DUPLICATE = '\u0000duplicate';

/**
 * The dash of the next block list item at or after `from`, skipping what may stand between the
 * end of one item and the next (spaces, line breaks, comments, closing quotes and brackets, the
 * colon after a key); undefined when something else comes first.
 */
function nextDash(text: string, from: number): number | undefined {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '-') return i;
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      if (nl === -1) return undefined;
      i = nl;
    } else if (
      c !== ' ' &&
      c !== '\t' &&
      c !== '\n' &&
      c !== '\r' &&
      c !== '"' &&
      c !== "'" &&
      c !== '}' &&
      c !== ']' &&
      c !== ':' &&
      c !== ','
    )
      return undefined;
  }
  return undefined;
}

function findDocStart(events: Event[], index: number, text: string): number {
  // The document event has no offset; use the next event that has one.
  for (let j = index + 1; j < events.length; j++) {
    const e = events[j] as { start?: number; valueStart?: number };
    if (typeof e.start === 'number') return e.start;
    if (typeof e.valueStart === 'number') return e.valueStart;
  }
  return text.length;
}

/**
 * Reads a small YAML file of seglint's own (rules, configuration, rule tests): UTF-8, a BOM
 * dropped, positions recorded. `error` is set when the file cannot be read at all, which
 * includes a path that is not a regular file (a link to a device or a pipe is refused, not
 * read until it ends) and a file over 64 MiB. `readText` reads it (default: the disk's
 * FileSystem, once, from the file its real path names; a policy gate reads from a git revision).
 */
export function readYamlFile(
  abs: string,
  display: string,
  positions: PositionIndex,
  readText: (abs: string) => string = readOwnText,
): YamlReadResult & { error?: NodeJS.ErrnoException } {
  let text: string;
  try {
    text = readText(abs);
  } catch (err) {
    return { value: undefined, diagnostics: [], error: err as NodeJS.ErrnoException };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return readYaml(new SourceFile(display, text), positions, { engine: ownEngine() });
}

/** One of seglint's own files from disk, as UTF-8 text (see readOwnFile). */
function readOwnText(abs: string): string {
  return readOwnFile(abs).toString('utf8');
}
