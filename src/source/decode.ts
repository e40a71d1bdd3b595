/**
 * Decoding an inventory file's bytes into text: UTF-8 only, binary data and invalid
 * sequences refused with the place of the first bad byte, a byte order mark dropped. The
 * problems are diagnostics (data), located in the file as it is shown.
 */
import type { Diagnostic } from './errors.js';

/** Decodes bytes as UTF-8, refusing binary data and invalid sequences, dropping a BOM. */
export function decodeText(bytes: Buffer, display: string): { text?: string; diagnostic?: Diagnostic } {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      diagnostic: {
        code: 'binary-file',
        message: `binary data (a NUL byte at offset ${nul}); expected a YAML text file`,
        location: { file: display, line: 1, column: 1 },
      },
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // find the first bad byte for the location
    let line = 1;
    let col = 1;
    const good = firstInvalidUtf8(bytes);
    const prefix = bytes.subarray(0, good).toString('utf8');
    for (const ch of prefix) {
      if (ch === '\n') {
        line++;
        col = 1;
      } else col++;
    }
    return {
      diagnostic: {
        code: 'invalid-utf8',
        message: `invalid UTF-8 (byte 0x${bytes[good]!.toString(16).padStart(2, '0')} at offset ${good}); expected a UTF-8 text file`,
        location: { file: display, line, column: col },
      },
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.min(i, b.length - 1);
}
