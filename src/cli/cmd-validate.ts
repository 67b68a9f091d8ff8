/** Wiring of `satudata validate` (alias `periksa`). */
import { Option } from 'commander';
import type { RegisterCommand } from './context.js';
import { formatOption } from './options.js';

export const registerValidate: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  program
    .command('validate')
    .alias('periksa')
    .description(id ? 'periksa berkas XLSX/CSV terhadap standar (Table Schema)' : 'validate XLSX/CSV files against a standard (Table Schema)')
    .argument('<files...>', id ? 'berkas data, folder repositori data (mis. .), atau - untuk masukan standar' : 'data files, a dataset repository folder (e.g. .), or - for standard input')
    .option('--standard <id>', id ? 'standar data dari katalog (ID atau ID@versi); tanpa ini, standar dipilih dari header' : 'data standard from the catalog (ID or ID@version); without it, chosen from the header')
    .option('--standards <dir>', id ? 'folder katalog standar walidata (default: bawaan; atau SATUDATA_STANDARDS)' : 'folder of the walidata\'s standards catalog (default: bundled; or SATUDATA_STANDARDS)')
    .option('--schema <file>', id ? 'Table Schema (JSON) untuk memeriksa data' : 'Table Schema (JSON) to check the data against')
    .option('--sheet <name|number|all>', id ? 'sheet yang diperiksa (default: sheet pertama yang berisi; all = semua sheet)' : 'sheet to check (default: first non-empty sheet; all = every sheet)')
    .option('--delimiter <char>', id ? 'pemisah kolom CSV (default: dideteksi)' : 'CSV delimiter (default: detected)')
    .addOption(formatOption(id, ['pretty', 'json', 'github', 'junit', 'markdown'], true))
    .option('--annotate <out.xlsx>', id ? 'tulis salinan buku kerja dengan sel bermasalah ditandai dan catatan perbaikan (satu berkas)' : 'write a copy of the workbook with problem cells highlighted and fix notes (one file)')
    .option('--output <file>', id ? 'tulis juga laporan JSON ke berkas ini' : 'also write the JSON report to this file')
    .option('--changed-since <ref>', id ? 'mode repositori: hanya berkas yang berubah sejak ref git ini' : 'repository mode: only files changed since this git ref')
    .option('--concurrency <n>', id ? 'jumlah berkas yang diperiksa bersamaan (default 4)' : 'files validated at the same time (default 4)')
    .option('--time-limit <seconds>', id ? 'batas waktu per berkas (default 120; SATUDATA_TIME_LIMIT)' : 'time limit per file (default 120; SATUDATA_TIME_LIMIT)')
    .option('--max-errors <n>', id ? 'maksimum masalah yang dicatat per tabel (default 1000)' : 'most issues recorded per table (default 1000)')
    .addOption(new Option('--fail-on <level>', id ? 'tingkat yang membuat tidak valid (default error)' : 'level that makes a file invalid (default error)').choices(['error', 'warning']))
    .option('--no-infos', id ? 'sembunyikan info di laporan pretty' : 'hide info lines in the pretty report')
    .action(async (files: string[], options: Record<string, unknown>) => {
      // one large CSV: its second thread, started by bin/satudata.js from the raw arguments (kept when commander
      // read the same file) or else now, while the validator's modules load; the region index is read meanwhile
      // on the thread pool
      const shards = await import('../check/shard-start.js');
      if (files.length === 1 && shards.prestartShardWorker(files[0]!)) {
        void import('../standards/region-index.js').then((m) => m.preload());
      } else shards.dropPrestarted();
      const { runValidate } = await import('./validate.js');
      ctx.exit(await runValidate(files, { ...options, lang: ctx.langNow(), version: ctx.version } as never));
    });
};
