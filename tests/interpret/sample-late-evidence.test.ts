/**
 * The conventions see a bounded sample larger than the layout's first rows (SAMPLE_LOOKAHEAD): evidence that first
 * appears at row 500 (thousand dots with trailing zeros) decides the column, instead of the column being read as
 * plain numbers and 45.210 taken silently as 45.21.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/check/validate-file.js';
import { SAMPLE_LOOKAHEAD } from '../../src/read/layout.js';
import { SAMPLE_ROWS } from '../../src/interpret/facts.js';

describe('the sample behind the conventions', () => {
  it('is bounded, and reaches past the first rows', () => {
    expect(SAMPLE_ROWS).toBeLessThanOrEqual(SAMPLE_LOOKAHEAD);
    expect(SAMPLE_ROWS).toBeGreaterThanOrEqual(500);
  });

  it('a thousand-dot column whose dotted values start at row 500 is read as thousand dots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-late-'));
    const file = join(dir, 'late.csv');
    const lines = ['kecamatan,tahun,jumlah'];
    for (let i = 0; i < 600; i++) lines.push(`Kec ${i},2023,${i < 498 ? 100 + i : `${45 + (i % 50)}.${i % 3 ? String((i * 7) % 1000).padStart(3, '0') : '100'}`}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const [r] = await validateFile(file, { maxErrors: 1000, metadata: false });
    const col = r!.interpretation!.columns[2]!;
    expect(col.number).toMatchObject({ style: 'thousand-dots', groupChar: '.' });
    expect(r!.interpretation!.rows.sampled).toBe(600);
    expect(r!.issues.filter((i) => i.code === 'number-style')).toHaveLength(1);
  });
});
