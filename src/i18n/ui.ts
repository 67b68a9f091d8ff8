/**
 * Every user-facing phrase that is not an issue message: summaries, labels, hints referenced from issue
 * params as `@key` (or `@key:argument`), type names. Each entry has an Indonesian and an English text.
 */
import type { Lang } from './lang.js';

type Phrase = { id: string; en: string };

export const UI: Record<string, Phrase> = {
  // summaries
  'summary.valid': { id: 'Valid', en: 'Valid' },
  'summary.invalid': { id: 'Tidak valid', en: 'Invalid' },
  'summary.line': { id: '{tables} tabel, {errors} galat, {warnings} peringatan, {infos} info ({seconds} dtk)', en: '{tables} tables, {errors} errors, {warnings} warnings, {infos} notes ({seconds} s)' },
  'summary.table': { id: '{rows} baris ({dataRows} baris data), {errors} galat, {warnings} peringatan', en: '{rows} rows ({dataRows} data rows), {errors} errors, {warnings} warnings' },
  'summary.truncated': { id: 'Daftar masalah dipotong pada {limit} (--max-errors).', en: 'Issue list cut at {limit} (--max-errors).' },
  'label.hint': { id: 'Cara memperbaiki', en: 'How to fix' },
  'label.standard': { id: 'Standar', en: 'Standard' },
  'label.layout': { id: 'Tata letak', en: 'Layout' },
  'label.header': { id: 'header baris {rows}', en: 'header row {rows}' },
  'label.data': { id: 'data baris {first}–{last}', en: 'data rows {first}–{last}' },
  'label.nodata': { id: 'tanpa baris data', en: 'no data rows' },
  'label.columns': { id: 'Kolom (tanpa standar, hasil inferensi)', en: 'Columns (no standard, inferred)' },
  'label.more': { id: '… dan {count} masalah lain', en: '… and {count} more' },
  'label.otherSheets': { id: 'Sheet lain', en: 'Other sheets' },
  'label.file': { id: 'berkas', en: 'file' },
  'label.row': { id: 'baris', en: 'row' },
  'severity.error': { id: 'galat', en: 'error' },
  'severity.warning': { id: 'peringatan', en: 'warning' },
  'severity.info': { id: 'info', en: 'info' },
  // types
  'type.string': { id: 'teks', en: 'text' },
  'type.integer': { id: 'bilangan bulat', en: 'integer' },
  'type.number': { id: 'angka', en: 'number' },
  'type.boolean': { id: 'nilai ya/tidak (boolean)', en: 'boolean' },
  'type.date': { id: 'tanggal', en: 'date' },
  'type.datetime': { id: 'tanggal-waktu', en: 'datetime' },
  'type.time': { id: 'waktu', en: 'time' },
  'type.year': { id: 'tahun (4 digit)', en: 'year (4 digits)' },
  'type.yearmonth': { id: 'tahun-bulan (TTTT-BB)', en: 'year-month (YYYY-MM)' },
  'type.any': { id: 'nilai', en: 'value' },
  // type-error hints
  'hint.t.integer': { id: 'Tulis bilangan bulat tanpa pemisah ribuan, mis. 12345.', en: 'Write a whole number without thousand separators, e.g. 12345.' },
  'hint.t.number': { id: 'Tulis angka saja, mis. 1234.5 (atau sesuai decimalChar standar).', en: 'Write a bare number, e.g. 1234.5 (or as the standard\'s decimalChar says).' },
  'hint.t.year': { id: 'Tulis tahun empat digit, mis. 2024.', en: 'Write a four-digit year, e.g. 2024.' },
  'hint.t.yearmonth': { id: 'Tulis tahun-bulan sebagai TTTT-BB, mis. 2024-03.', en: 'Write year-month as YYYY-MM, e.g. 2024-03.' },
  'hint.t.date': { id: 'Tulis tanggal sebagai TTTT-BB-HH, mis. 2024-08-17.', en: 'Write the date as YYYY-MM-DD, e.g. 2024-08-17.' },
  'hint.t.datetime': { id: 'Tulis sebagai TTTT-BB-HHTjj:mm:dd, mis. 2024-08-17T14:30:00.', en: 'Write as YYYY-MM-DDThh:mm:ss, e.g. 2024-08-17T14:30:00.' },
  'hint.t.time': { id: 'Tulis waktu sebagai jj:mm, mis. 14:30 (bukan 14.30).', en: 'Write the time as hh:mm, e.g. 14:30.' },
  'hint.t.boolean': { id: 'Gunakan nilai yang diizinkan standar (mis. true/false).', en: 'Use the values the standard allows (e.g. true/false).' },
  'hint.t.string': { id: 'Periksa isi sel.', en: 'Check the cell content.' },
  'hint.t.any': { id: 'Periksa isi sel.', en: 'Check the cell content.' },
  'hint.t.marker': { id: 'Penanda seperti "-" atau "..." bukan angka: kosongkan sel, atau nyatakan penanda itu di missingValues standar.', en: 'Markers like "-" or "..." are not numbers: leave the cell empty, or declare the marker in the standard\'s missingValues.' },
  'hint.t.float-code': { id: 'Angka tersimpan sebagai desimal (".0"); tulis tanpa ".0" dan format kolom sebagai Teks.', en: 'The value is stored as a float (".0"); write it without ".0" and format the column as Text.' },
  'hint.t.bare-number': { id: 'Hapus "Rp", "%" dan satuan dari sel; tulis angkanya saja.', en: 'Remove "Rp", "%" and units from the cell; write the number only.' },
  'hint.t.padded': { id: 'Angka tersimpan sebagai teks dengan spasi; hapus spasi dan tanda kutip.', en: 'The number is stored as text with spaces; remove the spaces and quotes.' },
  'hint.t.group-dot': { id: 'Angka memakai titik ribuan (gaya Indonesia); hapus titiknya, atau nyatakan groupChar "." di standar.', en: 'The number uses thousand dots (Indonesian style); remove the dots, or declare groupChar "." in the standard.' },
  'hint.t.decimal-comma': { id: 'Angka memakai koma desimal; ganti dengan titik, atau nyatakan decimalChar "," di standar.', en: 'The number uses a decimal comma; use a point, or declare decimalChar "," in the standard.' },
  'hint.t.integer-decimal': { id: 'Kolom ini bilangan bulat; bila titik adalah pemisah ribuan, hapus titiknya.', en: 'This column holds whole numbers; if the dot groups thousands, remove it.' },
  'hint.t.date-iso': { id: 'Tulis tanggal dalam format ISO: {iso}.', en: 'Write the date in ISO format: {iso}.' },
  // constraint hints
  'hint.c.required': { id: 'Kolom ini wajib diisi.', en: 'This column must be filled.' },
  'hint.c.minimum': { id: 'Nilai tidak boleh lebih kecil dari batas bawah; periksa salah ketik.', en: 'The value must not be below the minimum; check for typos.' },
  'hint.c.maximum': { id: 'Nilai tidak boleh lebih besar dari batas atas; periksa salah ketik atau satuan.', en: 'The value must not exceed the maximum; check for typos or units.' },
  'hint.c.exclusiveMinimum': { id: 'Nilai harus lebih besar dari batas itu.', en: 'The value must be greater than that bound.' },
  'hint.c.exclusiveMaximum': { id: 'Nilai harus lebih kecil dari batas itu.', en: 'The value must be less than that bound.' },
  'hint.c.minLength': { id: 'Teks terlalu pendek; periksa nol di depan yang hilang.', en: 'The text is too short; check for lost leading zeros.' },
  'hint.c.maxLength': { id: 'Teks terlalu panjang.', en: 'The text is too long.' },
  'hint.c.pattern': { id: 'Nilai harus mengikuti pola standar (lihat contoh di standar).', en: 'The value must follow the standard\'s pattern (see its example).' },
  'hint.c.enum': { id: 'Gunakan salah satu nilai yang diizinkan.', en: 'Use one of the allowed values.' },
  'hint.rename': { id: ', atau ganti nama kolom "{arg}" menjadi "{field}"', en: ', or rename the column "{arg}" to "{field}"' },
  // kinds for wide layout
  'kind.year': { id: 'tahun', en: 'years' },
  'kind.month': { id: 'bulan', en: 'months' },
  'kind.sex': { id: 'jenis kelamin', en: 'sexes' },
  'kind.category': { id: 'kategori', en: 'categories' },
  'delim.tab': { id: 'tab', en: 'tab' },
  // file reasons
  'reason.not-found': { id: 'tidak ditemukan', en: 'not found' },
  'reason.permission': { id: 'tidak ada izin baca', en: 'permission denied' },
  'reason.directory': { id: 'ini sebuah folder', en: 'it is a directory' },
  'reason.loop': { id: 'tautan simbolik berputar', en: 'symbolic link loop' },
  'detected.binary': { id: 'berkas biner', en: 'a binary file' },
  'detected.utf16': { id: 'teks UTF-16', en: 'UTF-16 text' },
  'detected.pdf': { id: 'PDF', en: 'PDF' },
  'detected.zip': { id: 'zip tanpa buku kerja Excel', en: 'a zip without an Excel workbook' },
  // CLI
  'cli.unknown-command': { id: 'Perintah tidak dikenal: {name}', en: 'Unknown command: {name}' },
  'cli.unknown-option': { id: 'Opsi tidak dikenal: {name}', en: 'Unknown option: {name}' },
  'cli.missing-argument': { id: 'Argumen wajib tidak ada: {name}', en: 'Missing required argument: {name}' },
  'cli.missing-option-value': { id: 'Opsi {name} perlu nilai', en: 'Option {name} needs a value' },
  'cli.invalid-option-value': { id: 'Nilai "{value}" tidak sah untuk opsi {name}', en: 'Value "{value}" is not valid for option {name}' },
  'cli.too-many-arguments': { id: 'Terlalu banyak argumen', en: 'Too many arguments' },
  'cli.see-help': { id: 'Lihat: satudata --help', en: 'See: satudata --help' },
  'cli.usage-error': { id: 'Perintah tidak dikenali atau opsi salah: {detail}', en: 'Unknown command or wrong option: {detail}' },
  'cli.lang-error': { id: 'Bahasa tidak dikenal: {lang} (pakai id atau en).', en: 'Unknown language: {lang} (use id or en).' },
  'cli.no-files': { id: 'Sebutkan minimal satu berkas, mis. satudata validate data.xlsx', en: 'Name at least one file, e.g. satudata validate data.xlsx' },
  'cli.internal': { id: 'Galat internal satudata ({detail}). Laporkan ke pengembang beserta berkasnya.', en: 'satudata internal error ({detail}). Please report it with the file.' },
  'cli.progress': { id: 'Memeriksa {file}… {rows} baris', en: 'Checking {file}… {rows} rows' },
  'cli.bad-number': { id: 'Opsi {option} harus bilangan bulat positif, bukan "{value}".', en: 'Option {option} must be a positive whole number, not "{value}".' },
  'cli.bad-choice': { id: 'Opsi {option} harus salah satu dari: {choices} (bukan "{value}").', en: 'Option {option} must be one of: {choices} (not "{value}").' },
};

/** Fills {name} placeholders. */
export function fill(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
}

/** A UI phrase in the language, with its placeholders filled. Unknown keys come back as the key. */
export function t(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  const p = UI[key];
  return p ? fill(p[lang], params) : key;
}
