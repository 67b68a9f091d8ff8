/** Text decoding: UTF-8 (with or without BOM), Windows-1252 or UTF-16 (Excel's "Unicode Text"), decided from the content. */
import { TextDecoder } from 'node:util';
import { isAscii } from 'node:buffer';

// Windows-1252 differs from Latin-1 in 0x80–0x9F. Node's TextDecoder treats the label as Latin-1,
// so the 27 defined code points are mapped here (the five undefined bytes stay as C1 controls).
const CP1252_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};
const C1 = /[\x80-\x9f]/g;

export function decodeCp1252(bytes: Uint8Array): string {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return s.replace(C1, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0)] ?? c.charCodeAt(0)));
}

/** True when `bytes` is valid UTF-8, ignoring a sequence cut off at the very end (a chunk boundary). */
export function isValidUtf8(bytes: Uint8Array, truncatedEndOk = true): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return false;
    if (i + need >= n) {
      // the sequence runs past the end of this buffer
      if (!truncatedEndOk) return false;
      for (let k = i + 1; k < n; k++) if ((bytes[k]! & 0xc0) !== 0x80) return false;
      return true;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * UTF-16 from the head of a file: its byte-order mark, or — without one — text whose bytes are NUL at one
 * parity and hardly ever at the other (ASCII letters, digits and delimiters written two bytes each).
 */
export function utf16Of(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul >= units * 0.6 && evenNul <= units * 0.02) return 'utf-16le';
  if (evenNul >= units * 0.6 && oddNul <= units * 0.02) return 'utf-16be';
  return null;
}

export function isUtf16(encoding: TextEncoding | undefined): encoding is 'utf-16le' | 'utf-16be' {
  return encoding === 'utf-16le' || encoding === 'utf-16be';
}

/** Decides the encoding from the head of a file. */
export function detectEncoding(head: Uint8Array): { encoding: TextEncoding; bom: boolean } {
  const utf16 = utf16Of(head);
  if (utf16) return { encoding: utf16, bom: head[0] === 0xff || head[0] === 0xfe };
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (bom) return { encoding: 'utf-8', bom };
  return { encoding: isValidUtf8(head) ? 'utf-8' : 'windows-1252', bom };
}

/**
 * A streaming decoder. UTF-8 is decoded strictly; the first invalid sequence is recorded
 * (with the line it was on) and decoding goes on with U+FFFD replacements.
 */
export class StreamDecoder {
  private strict: TextDecoder | null;
  private lenient: TextDecoder | null = null;
  /** Set when invalid UTF-8 was met. */
  invalid: { line: number; detail: string } | null = null;
  constructor(readonly encoding: TextEncoding, bom: boolean) {
    this.strict = encoding === 'windows-1252' ? null : new TextDecoder(encoding, { fatal: true, ignoreBOM: !bom });
  }

  /** No multi-byte sequence is pending from the previous chunk. */
  private clean = true;

  /** Decodes one chunk; `linesSoFar` locates an error. */
  decode(chunk: Uint8Array, linesSoFar: number): string {
    if (this.encoding === 'windows-1252') return decodeCp1252(chunk);
    // Pure ASCII (most data files) decodes the same in every 8-bit encoding, and natively much faster.
    if (this.clean && this.strict && this.encoding === 'utf-8' && isAscii(chunk)) {
      return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    }
    this.clean = chunk.length > 0 && chunk[chunk.length - 1]! < 0x80;
    if (this.strict) {
      try {
        return this.strict.decode(chunk, { stream: true });
      } catch {
        this.strict = null;
        this.lenient = new TextDecoder(this.encoding, { fatal: false, ignoreBOM: true });
        if (this.encoding !== 'utf-8') {
          const text = this.lenient.decode(chunk, { stream: true });
          const at = text.indexOf('\ufffd');
          let line = linesSoFar + 1;
          for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
          this.invalid = { line, detail: this.encoding.toUpperCase() };
          return text;
        }
        let line = linesSoFar + 1;
        let bad = 0;
        for (let i = 0; i < chunk.length; i++) {
          if (chunk[i] === 0x0a) line++;
          if (chunk[i]! >= 0x80 && !isValidUtf8(chunk.subarray(i, Math.min(chunk.length, i + 4)))) {
            bad = chunk[i]!;
            break;
          }
        }
        this.invalid = { line, detail: `0x${bad.toString(16).toUpperCase().padStart(2, '0')}` };
      }
    }
    return this.lenient!.decode(chunk, { stream: true });
  }

  end(): string {
    if (this.encoding === 'windows-1252') return '';
    try {
      return (this.strict ?? this.lenient!).decode();
    } catch {
      this.invalid ??= { line: 0, detail: `${this.encoding.toUpperCase()} terpotong` };
      return '\ufffd';
    }
  }
}
