/**
 * The short "Dibaca sebagai" / "Read as" block of the pretty report: one line per column that says something
 * (`D Jenis Kelamin › Laki-laki → laki_laki (angka, titik ribuan)`), then the constants from titles and header
 * (`tahun = 2023 (dari judul baris 2)`).
 */
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { cellAddress } from '../read/table.js';
import type { Reading } from './reading.js';
import { shownLabel } from './report.js';

const LABEL_MAX = 48;

export function describeReading(reading: Reading, lang: Lang): string[] {
  const lines: string[] = [];
  const withStandard = reading.standard.how !== 'none';
  for (const c of reading.columns) {
    const notes: string[] = [];
    const n = c.number;
    if (n && n.style !== 'plain') notes.push(`${t(lang, 'reading.number')}, ${t(lang, `reading.style.${n.style}`)}`);
    if (c.codes) notes.push(t(lang, `reading.codes.${c.codes.system}`) + (c.codes.level ? ` ${c.codes.level}` : ''));
    if (c.category) notes.push(t(lang, 'reading.category'));
    if (c.markers?.length) notes.push(t(lang, 'reading.markers', { arg: c.markers.map((m) => `"${m}"`).join(', ') }));
    let label = shownLabel(c) || '—';
    if (label.length > LABEL_MAX) label = label.slice(0, LABEL_MAX - 1) + '…';
    let target = '';
    if (c.field) target = ` → ${c.field}`;
    else if (c.candidates) target = ` → ? ${t(lang, 'reading.could-be', { arg: c.candidates.join(' / ') })}`;
    else if (withStandard && c.rowNumber) target = ` — ${t(lang, 'reading.row-number')}`;
    else if (withStandard && c.values > 0) target = ` — ${t(lang, 'reading.unmapped')}`;
    if (!target && notes.length === 0) continue;
    lines.push(`${c.letter} ${label}${target}${notes.length ? ` (${notes.join('; ')})` : ''}`);
  }
  for (const k of reading.constants) {
    const where = k.from === 'title' ? t(lang, 'reading.from-title', { arg: k.row }) : t(lang, 'reading.from-header', { arg: cellAddress(k.col, k.row) });
    const name = k.field ?? k.kind;
    lines.push(`${name} = ${k.value}${k.name ? ` ${k.name}` : ''} (${where})`);
  }
  if (reading.derived.length) lines.push(t(lang, 'reading.derived', { arg: reading.derived.join(', ') }));
  return lines;
}
