import { describe, expect, it } from 'vitest';
import { sniff } from '../../src/read/sniff.js';

describe('sniff', () => {
  it('tells the content apart, whatever the extension would say', () => {
    expect(sniff(new Uint8Array())).toBe('empty');
    expect(sniff(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml')]))).toBe('xlsx');
    expect(sniff(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....word/document.xml')]))).toBe('zip');
    expect(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('ole2');
    expect(sniff(Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(sniff(Buffer.from('\ufeff  <html><body><table><tr><td>1</td></tr></table>'))).toBe('html');
    expect(sniff(Buffer.from('<table border=1><tr><td>x</td></tr></table>'))).toBe('html');
    // UTF-16 (Excel's "Unicode Text", with or without its BOM) is text for the CSV reader, or HTML
    expect(sniff(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toBe('text');
    expect(sniff(Buffer.from('kode\tnama\n52.01\tLombok Barat\n', 'utf16le'))).toBe('text');
    expect(sniff(Buffer.from('\ufeff<html><body><table><tr><td>1</td></tr></table>', 'utf16le'))).toBe('html');
    expect(sniff(Buffer.from('<table><tr><td>1</td></tr></table>', 'utf16le').swap16())).toBe('html');
    expect(sniff(Buffer.from([0x61, 0x00, 0x62]))).toBe('binary');
    expect(sniff(Buffer.from('kode;nama\n52.01;Lombok Barat\n'))).toBe('text');
  });
});
