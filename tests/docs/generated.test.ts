/**
 * The generated reference pages match the code: docs/commands/*.md from commander's definitions and docs/codes.md from
 * the issue catalog are regenerated in memory and compared with the committed files (so options and codes never
 * drift). When this fails: npm run build && npm run docs:generate, then commit.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: plain ESM scripts without types
import { renderCommandDocs } from '../../scripts/docs-commands.mjs';
// @ts-expect-error: plain ESM scripts without types
import { renderCodesDoc } from '../../scripts/docs-codes.mjs';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));

describe('generated reference pages', () => {
  it('docs/commands/ is what commander defines, one page per command, no stale page', async () => {
    const files: Map<string, string> = await renderCommandDocs();
    const committed = readdirSync(`${docs}commands`).filter((f) => f.endsWith('.md')).sort();
    expect(committed).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(readFileSync(`${docs}commands/${name}`, 'utf8'), name).toBe(text);
    // every top-level command has a page, and a known option of validate is documented in both languages
    expect(files.get('validate.md')).toContain('`--fail-on <level>`');
  });

  it('docs/codes.md lists every catalog code with both languages', async () => {
    const text: string = await renderCodesDoc();
    expect(readFileSync(`${docs}codes.md`, 'utf8')).toBe(text);
    const { CATALOG } = await import('../../src/report/catalog.js');
    for (const code of Object.keys(CATALOG)) expect(text).toContain(`| \`${code}\` |`);
  });
});
