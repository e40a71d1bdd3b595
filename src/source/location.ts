/** A source file and the positions of the nodes read from it. */

export interface Location {
  /** Path as given to the loader (absolute or relative to the working directory). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export class SourceFile {
  private lineStarts: number[] | undefined;
  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** Converts a 0-based offset into a 1-based line and column. */
  locate(offset: number): Location {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.path, line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/** Where a mapping or sequence was read from, and where each of its keys and items starts. */
export interface NodeInfo {
  source: SourceFile;
  /** Offset of the node itself. */
  offset: number;
  /** For a mapping: its keys in source order (flat arrays: far cheaper than a Map per node). */
  keys?: string[];
  /** For a mapping: offsets of key i and of its value, at 2i and 2i+1. */
  offsets?: number[];
  /** For a sequence: offset of each item. */
  items?: number[];
  /** For a large mapping: key -> its index in `keys`, built on the first look-up (see keyIndex). */
  keyIndexMap?: Map<string, number>;
}

/**
 * Index of `key` in a mapping's keys, or -1. A scan for small mappings; for large ones a map
 * built once, so that looking up every key of a mapping of a million keys stays linear.
 */
export function keyIndex(info: NodeInfo, key: string): number {
  const keys = info.keys;
  if (!keys) return -1;
  if (keys.length <= 32) return keys.indexOf(key);
  let m = info.keyIndexMap;
  if (!m || m.size !== keys.length) {
    // (re)built when keys were added since: the YAML reader looks keys up while it still adds them
    m = info.keyIndexMap ?? new Map<string, number>();
    for (let i = m.size; i < keys.length; i++) m.set(keys[i]!, i);
    info.keyIndexMap = m;
  }
  return m.get(key) ?? -1;
}

/**
 * Positions of every collection node read by the YAML reader, keyed by the object itself.
 * Scalars are located through their parent's key or item offsets.
 */
export class PositionIndex {
  private readonly map = new WeakMap<object, NodeInfo>();

  set(node: object, info: NodeInfo): void {
    this.map.set(node, info);
  }

  info(node: object): NodeInfo | undefined {
    return this.map.get(node);
  }

  /** Location of a node, or of one of its keys (`field`) when given and present. */
  locate(node: object, field?: string | number): Location | undefined {
    const info = this.map.get(node);
    if (!info) return undefined;
    if (field !== undefined) {
      if (typeof field === 'number' && info.items && info.items[field] !== undefined) {
        return info.source.locate(info.items[field]!);
      }
      const i = keyIndex(info, String(field));
      if (i !== -1) return info.source.locate(info.offsets![2 * i]!);
    }
    return info.source.locate(info.offset);
  }

  /** Location of the value under a key (useful for errors about the value itself). */
  locateValue(node: object, field: string | number): Location | undefined {
    const info = this.map.get(node);
    if (!info) return undefined;
    if (typeof field === 'number' && info.items?.[field] !== undefined) return info.source.locate(info.items[field]!);
    const i = keyIndex(info, String(field));
    if (i !== -1) return info.source.locate(info.offsets![2 * i + 1]!);
    return this.locate(node, field);
  }
}
