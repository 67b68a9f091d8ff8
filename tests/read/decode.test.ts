import { describe, expect, it } from 'vitest';
import { decodeCp1252, detectEncoding, isValidUtf8, StreamDecoder, utf16Of } from '../../src/read/decode.js';

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

  it('recognises UTF-16 by its byte-order mark, and without one by NULs at one byte parity only', () => {
    const le = Buffer.from('kode\tnama\n52.01\tLombok Barat\n', 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ encoding: 'utf-16be', bom: true });
    expect(detectEncoding(le)).toEqual({ encoding: 'utf-16le', bom: false });
    expect(detectEncoding(be)).toEqual({ encoding: 'utf-16be', bom: false });
    // UTF-8 text, a binary file with NULs at both parities, and a head too short to judge are not UTF-16
    expect(utf16Of(Buffer.from('kode,nama\n52.01,Lombok Barat\n'))).toBeNull();
    expect(utf16Of(Buffer.from([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0]))).toBeNull();
    expect(utf16Of(Buffer.from([0x61, 0x00, 0x62, 0x00]))).toBeNull();
  });

  it('decodes UTF-16 across chunks cut inside a character, and records an unpaired surrogate', () => {
    const bytes = Buffer.from('Désa,Ñ\n😀,2\n', 'utf16le');
    const d = new StreamDecoder('utf-16le', false);
    let text = '';
    for (let i = 0; i < bytes.length; i += 3) text += d.decode(bytes.subarray(i, i + 3), 0);
    expect(text + d.end()).toBe('Désa,Ñ\n😀,2\n');
    expect(d.invalid).toBeNull();
    const be = new StreamDecoder('utf-16be', true);
    expect(be.decode(Buffer.from('\ufeffa,b\n', 'utf16le').swap16(), 0) + be.end()).toBe('a,b\n');
    const bad = new StreamDecoder('utf-16le', false);
    const broken = Buffer.concat([Buffer.from('a\nb\n', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('c\n', 'utf16le')]);
    expect(bad.decode(broken, 0)).toBe('a\nb\n\ufffdc\n');
    expect(bad.invalid).toEqual({ line: 3, detail: 'UTF-16LE' });
  });
});
