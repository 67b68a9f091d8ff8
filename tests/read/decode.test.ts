import { describe, expect, it } from 'vitest';
import { decodeCp1252, detectEncoding, isValidUtf8, StreamDecoder } from '../../src/read/decode.js';

describe('encoding detection and decoding', () => {
  it('recognises a UTF-8 BOM', () => {
    expect(detectEncoding(Buffer.from('\ufeffa,b\n', 'utf8'))).toEqual({ encoding: 'utf-8', bom: true });
  });

  it('keeps valid UTF-8 (including a sequence cut at the end of the head) as UTF-8', () => {
    const bytes = Buffer.from('Kecamatan Batu Layar – Lombok', 'utf8');
    expect(detectEncoding(bytes).encoding).toBe('utf-8');
    expect(isValidUtf8(bytes.subarray(0, bytes.indexOf(0xe2) + 1))).toBe(true);
    expect(isValidUtf8(bytes.subarray(0, bytes.indexOf(0xe2) + 1), false)).toBe(false);
  });

  it('falls back to Windows-1252 and maps its 0x80–0x9F range, unlike Latin-1', () => {
    const bytes = Buffer.from([0x96, 0x20, 0x80, 0x20, 0xe9, 0x93, 0x94]);
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
    expect(decodeCp1252(bytes)).toBe('– € é“”');
  });

  it('rejects overlong and surrogate UTF-8 sequences', () => {
    expect(isValidUtf8(Buffer.from([0xc0, 0x80]))).toBe(false);
    expect(isValidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(false);
  });

  it('records invalid bytes met later in a UTF-8 stream and goes on with replacements', () => {
    const d = new StreamDecoder('utf-8', false);
    expect(d.decode(Buffer.from('a,b\n1,2\n'), 0)).toBe('a,b\n1,2\n');
    const text = d.decode(Buffer.from([0x33, 0x2c, 0xff, 0x0a]), 2);
    expect(text).toBe('3,\ufffd\n');
    expect(d.invalid).toEqual({ line: 3, detail: '0xFF' });
  });
});
