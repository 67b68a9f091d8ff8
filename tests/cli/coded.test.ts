import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { delimiterOption, positiveOption } from '../../src/cli/coded.js';

let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('option values shared by the commands', () => {
  it('positiveOption: whole numbers, decimals where allowed, a maximum; the message says which', () => {
    expect(positiveOption(undefined, '--x', 'id')).toBeUndefined();
    expect(positiveOption('4', '--concurrency', 'id')).toBe(4);
    expect(positiveOption('2.5', '--time-limit', 'en', { real: true })).toBe(2.5);
    expect(stderr).toBe('');
    expect(positiveOption('1.5', '--max-errors', 'en')).toBeNull();
    expect(stderr).toContain('[usage-error] Option --max-errors must be a positive whole number, not "1.5".');
    expect(positiveOption('-1', '--time-limit', 'en', { real: true })).toBeNull();
    expect(stderr).toContain('Option --time-limit must be a positive number, not "-1".');
    expect(positiveOption('60', '--link-failures', 'id', { max: 52 })).toBeNull();
    expect(stderr).toContain('Opsi --link-failures harus bilangan bulat dari 1 sampai 52, bukan "60".');
  });

  it('delimiterOption: one separator character, \\t for a tab; quotes, letters and line breaks refused', () => {
    expect(delimiterOption(undefined, 'id')).toBeUndefined();
    for (const d of [',', ';', '|']) expect(delimiterOption(d, 'id')).toBe(d);
    expect(delimiterOption('\\t', 'id')).toBe('\t');
    expect(stderr).toBe('');
    for (const bad of ['"', "'", 'a', '1', ',;', '\n']) expect(delimiterOption(bad, 'en'), JSON.stringify(bad)).toBeNull();
    expect(stderr).toContain('[usage-error]');
  });
});
