import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/format-github.js';
import { sampleReport } from './format-ci.fixture.js';

describe('formatGithub', () => {
  it('escapes data and properties by the workflow-command rules', () => {
    expect(escapeData('50%\r\nx:y,z')).toBe('50%25%0D%0Ax:y,z');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('one command per issue: CSV with line and col, workbook with the cell in the message, infos left out', () => {
    const lines = formatGithub(sampleReport(), { lang: 'en' }).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::error file=data\/a%2Cb%3Ac%25\.csv,line=4,col=2,title=Wrong type \[type-error\]::Value "1,5%0A<b>&"x"" in column "nilai" is not a valid integer\./);
    expect(lines[1]).toMatch(/^::warning file=data\/a%2Cb%3Ac%25\.csv,line=2,title=Blank row \[blank-row\]::/);
    expect(lines[2]).toMatch(/^::error file=data\/rekap\.xlsx,title=Wrong type \[type-error\]::'Data Lama'!C15: /);
    expect(lines[3]).toMatch(/^::error file=data\/hilang\.csv,title=File cannot be opened \[source-error\]::File cannot be opened: not found\./);
    expect(lines.some((l) => l.includes('[bom]'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^Invalid — 3 table\(s\), 3 error\(s\)/);
    for (const l of lines.slice(0, -1)) expect(l).not.toMatch(/[\r\n]/);
  });

  it('speaks Indonesian by default phrases', () => {
    expect(formatGithub(sampleReport(), { lang: 'id' })).toContain('Cara memperbaiki');
  });
});
