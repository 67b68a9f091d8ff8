/** Wiring of `satudata validate` (alias `periksa`). */
import { Option } from 'commander';
import type { RegisterCommand } from './context.js';

export const registerValidate: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  program
    .command('validate')
    .alias('periksa')
    .description(id ? 'periksa berkas XLSX/CSV terhadap standar (Table Schema)' : 'validate XLSX/CSV files against a standard (Table Schema)')
    .argument('<files...>', id ? 'berkas data' : 'data files')
    .option('--standard <id>', id ? 'standar data dari katalog (ID atau ID@versi); tanpa ini, standar dipilih dari header' : 'data standard from the catalog (ID or ID@version); without it, chosen from the header')
    .option('--standards <dir>', id ? 'folder katalog standar walidata (default: bawaan; atau SATUDATA_STANDARDS)' : 'folder of the walidata\'s standards catalog (default: bundled; or SATUDATA_STANDARDS)')
    .option('--schema <file>', id ? 'Table Schema (JSON) untuk memeriksa data' : 'Table Schema (JSON) to check the data against')
    .option('--sheet <name|number|all>', id ? 'sheet yang diperiksa (default: sheet pertama yang berisi; all = semua sheet)' : 'sheet to check (default: first non-empty sheet; all = every sheet)')
    .option('--delimiter <char>', id ? 'pemisah kolom CSV (default: dideteksi)' : 'CSV delimiter (default: detected)')
    .addOption(new Option('--format <format>', id ? 'format laporan' : 'report format').choices(['pretty', 'json']).default('pretty'))
    .option('--max-errors <n>', id ? 'maksimum masalah yang dicatat per tabel' : 'most issues recorded per table', '1000')
    .addOption(new Option('--fail-on <level>', id ? 'tingkat yang membuat tidak valid' : 'level that makes a file invalid').choices(['error', 'warning']).default('error'))
    .option('--no-infos', id ? 'sembunyikan info di laporan pretty' : 'hide info lines in the pretty report')
    .action(async (files: string[], options: Record<string, unknown>) => {
      const { runValidate } = await import('./validate.js');
      ctx.exit(await runValidate(files, { ...options, lang: ctx.langNow(), version: ctx.version } as never));
    });
};
