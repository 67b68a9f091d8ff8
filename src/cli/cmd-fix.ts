/** Wiring of `satudata fix` (alias `rapikan`). */
import { Option } from 'commander';
import type { RegisterCommand } from './context.js';
import { formatOption } from './options.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export const registerFix: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  program
    .command('fix')
    .alias('rapikan')
    .description(id ? 'rapikan berkas OPD menjadi data standar (berkas asli tidak diubah; log perubahan ditulis)' : 'turn a messy OPD file into standard data (the input is never changed; a change log is written)')
    .argument('<file>', id ? 'berkas data, atau - untuk masukan standar (dengan --out)' : 'data file, or - for standard input (with --out)')
    .option('--standard <id>', id ? 'standar data dari katalog (ID atau ID@versi); tanpa ini: standar yang jelas paling cocok, seperti satudata periksa' : 'data standard from the catalog (ID or ID@version); without it: the standard the table clearly fits, as satudata validate chooses')
    .option('--standards <dir>', id ? 'folder katalog standar' : 'standards catalog folder')
    .option('--schema <file>', id ? 'berkas standar atau Table Schema (JSON)' : 'standard file or Table Schema (JSON)')
    .option('--out <file>', id ? 'berkas hasil .csv atau .xlsx (default: <berkas>.rapi.csv)' : 'output .csv or .xlsx (default: <file>.rapi.csv)')
    .option('--sheet <name|number>', id ? 'sheet yang dirapikan' : 'sheet to fix')
    .option('--delimiter <char>', id ? 'pemisah kolom CSV (default: dideteksi)' : 'CSV delimiter (default: detected)')
    .addOption(new Option('--dash <meaning>', id ? 'arti "-" di kolom angka: kosong (nilai hilang) atau nol' : 'meaning of "-" in number columns: kosong (missing) or nol (zero)').choices(['kosong', 'nol']).default('kosong'))
    .option('--set <field=value>', id ? 'isi kolom standar yang tidak ada di berkas, mis. --set tahun=2023 (boleh berulang)' : 'fill a standard field the file lacks, e.g. --set tahun=2023 (repeatable)', collect)
    .option('--recompute', id ? 'hitung ulang kolom turunan (rumus di standar) yang nilainya salah; setiap perubahan dicatat' : 'recompute derived columns (the standard\'s formulas) whose values are wrong; each change is logged')
    .option('--cakupan <kode>', id ? 'kode wilayah cakupan data (mis. 52.01) untuk mencocokkan nama wilayah; baris di luar wilayah ini tidak ditulis (default: cakupan di metadata)' : 'region code the data covers (e.g. 52.01), for matching region names; rows outside it are left out (default: the metadata\'s cakupan)')
    .option('--keep-outside', id ? 'tetap tulis baris di luar wilayah cakupan (tetap dihitung di ringkasan)' : 'keep the rows outside the cakupan (still counted in the summary)')
    .option('--time-limit <seconds>', id ? 'batas waktu seluruh perapian (default 120; SATUDATA_TIME_LIMIT); bila lewat, tidak ada berkas setengah jadi' : 'time limit for the whole fix (default 120; SATUDATA_TIME_LIMIT); when exceeded, nothing half-written is left')
    .addOption(formatOption(id, ['pretty', 'json'], true))
    .action(async (file: string, options: Record<string, unknown>) => {
      const { runFix } = await import('./fix.js');
      ctx.exit(await runFix(file, { ...options, lang: ctx.langNow() } as never));
    });
};
