/**
 * The extraction scripts/docs-blocks.mjs (run by .ci/run) uses to run every ```sh block of the docs: which lines are
 * commands, their expected exit codes and expected output lines; and the docs' blocks it will run are well-formed.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: plain ESM script without types
import { extractCommands } from '../../scripts/docs-blocks.mjs';
import { ROOT } from '../support/cli.js';

type Cmd = { line: number; command: string; exit: number; expect: string[] };

describe('docs blocks extraction', () => {
  it('takes ```sh blocks only, with exit annotations, expected lines and continuations', () => {
    const md = [
      'text', '```text', 'satudata not-run', '```', '```sh',
      '# a comment', 'satudata periksa a.xlsx   # exit 1', '# => Tidak valid', '# => 3 galat', '',
      'satudata init a.csv \\', '  --yes', '```', '````yaml', '```sh', 'not a command: inside a 4-backtick fence', '```', '````',
      '```sh', 'ls', '```',
    ].join('\n');
    const cmds: Cmd[] = extractCommands(md);
    expect(cmds).toEqual([
      { line: 7, command: 'satudata periksa a.xlsx   # exit 1', exit: 1, expect: ['Tidak valid', '3 galat'] },
      { line: 11, command: 'satudata init a.csv \n  --yes', exit: 0, expect: [] },
      { line: 20, command: 'ls', exit: 0, expect: [] },
    ]);
  });

  it('README.md and docs/ have sh blocks, and README keeps the CI test command', () => {
    const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
    const all = files.flatMap((f) => extractCommands(readFileSync(join(ROOT, f), 'utf8')) as Cmd[]);
    expect(all.length).toBeGreaterThan(20);
    const readme: Cmd[] = extractCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(readme.map((c) => c.command)).toContain('npm test');
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test\b/m);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toContain('node scripts/docs-blocks.mjs');
  });
});
