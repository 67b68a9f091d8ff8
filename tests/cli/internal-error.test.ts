import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportInternalError } from '../../src/cli/internal-error.js';
import { OutputError } from '../../src/io/atomic.js';
import { ReadError } from '../../src/read/table.js';

let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('the last line of defence', () => {
  it('an output that cannot be written is the user\'s to fix: [output-error], exit 2, in their language', () => {
    expect(reportInternalError(new OutputError('paket/x.zip', '@reason.no-space'), 'id')).toBe(2);
    expect(stderr).toMatch(/^satudata: \[output-error\] Tidak dapat menulis paket\/x\.zip: ruang disk habis\.\n {4}Pilih lokasi lain/);
  });

  it('other file-system errors are [io-error] (reads) or [output-error] (writes), exit 2', () => {
    const read = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'open', path: 'data/x.csv' });
    expect(reportInternalError(read, 'en')).toBe(2);
    expect(stderr).toContain('satudata: [io-error] data/x.csv: permission denied.');
    stderr = '';
    const write = Object.assign(new Error('EEXIST'), { code: 'EEXIST', syscall: 'mkdir', path: 'laporan' });
    expect(reportInternalError(write, 'en')).toBe(2);
    expect(stderr).toContain('satudata: [output-error] Cannot write laporan: a file or folder with that name already exists.');
  });

  it('a reader\'s coded verdict that surfaces here keeps its code and message, exit 2', () => {
    expect(reportInternalError(new ReadError('corrupt-file', { detail: 'berkas terpotong' }), 'id')).toBe(2);
    expect(stderr).toMatch(/^satudata: \[corrupt-file\] /);
  });

  it('anything else is a bug: [internal-error], exit 3, no stack trace', () => {
    expect(reportInternalError(new TypeError('x is undefined'), 'id')).toBe(3);
    expect(stderr).toMatch(/^satudata: \[internal-error\] Galat internal satudata \(TypeError: x is undefined\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
