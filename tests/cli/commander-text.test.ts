/** Commander's own texts in the user's language, and the CLI's usage contract (issue 14). In process: runMain. */
import { describe, expect, it } from 'vitest';
import { runMain } from '../support/cli.js';
import { COMMANDS } from '../../src/cli/commands.js';

const ENGLISH_FRAGMENTS = /Did you mean|missing required|unknown option|Usage:|Options:|Arguments:|Commands:|\(choices:|\(default:|<file>|<files\.\.\.>|\[options\]/;

describe('satudata without arguments', () => {
  it('prints the help on stderr and exits 2 (usage)', async () => {
    const r = await runMain([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Pemakaian: satudata \[opsi\] \[perintah\]/);
    expect(r.stderr).toContain('validate|periksa');
  });

  it('a command group without its subcommand is a usage error too; --help and help still exit 0', async () => {
    expect((await runMain(['codes'])).code).toBe(2);
    expect((await runMain(['--help'])).code).toBe(0);
    expect((await runMain(['help', 'validate'])).code).toBe(0);
    expect((await runMain(['--version'])).code).toBe(0);
  });
});

describe('help of every command', () => {
  it('lists --lang and is Indonesian throughout (headings, value names), English with --lang en', async () => {
    expect(COMMANDS.length).toBeGreaterThan(8);
    for (const name of ['validate', 'standards', 'codes', 'package', 'push', 'config', 'report', 'fix', 'init']) {
      const id = await runMain([name, '--help']);
      expect(id.code, name).toBe(0);
      expect(id.stdout, name).toContain('--lang <bahasa>');
      expect(id.stdout, name).toMatch(/^Pemakaian: satudata /);
      expect(id.stdout, name).not.toMatch(ENGLISH_FRAGMENTS);
      const en = await runMain([name, '--help', '--lang', 'en']);
      expect(en.stdout, name).toContain('--lang <lang>');
      expect(en.stdout, name).toMatch(/^Usage: satudata /);
    }
  });
});

describe('usage errors', () => {
  it('are one coded line in the language, naming the command whose help to read', async () => {
    const typo = await runMain(['validate', '--standrd', 'x', 'a.csv']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('satudata: [usage-error] Opsi tidak dikenal: --standrd. (Maksud Anda --standard?)\nLihat: satudata validate --help\n');
    const none = await runMain(['validate']);
    expect(none.stderr).toMatch(/^satudata: \[usage-error\] Argumen wajib tidak ada: berkas \(berkas data/);
    const choice = await runMain(['validate', 'a.csv', '--format', 'xml']);
    expect(choice.stderr).toMatch(/^satudata: \[usage-error\] Nilai "xml" tidak sah untuk opsi --format <format>\. Pilihan yang sah: pretty, json/);
    for (const r of [typo, none, choice]) expect(r.stderr).not.toMatch(ENGLISH_FRAGMENTS);
    const en = await runMain(['validate', '--standrd', 'x', 'a.csv', '--lang', 'en']);
    expect(en.stderr).toBe('satudata: [usage-error] Unknown option: --standrd. (Did you mean --standard?)\nSee: satudata validate --help\n');
  });
});
