/** Wiring of `satudata package`. */
import { Option } from 'commander';
import type { RegisterCommand } from './context.js';
import { formatOption } from './options.js';

export const registerPackage: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  program
    .command('package')
    .description(id ? 'kemas berkas tervalidasi sebagai Frictionless Data Package (CSV rapi, metadata, laporan)' : 'package validated files as Frictionless Data Packages (tidy CSV, metadata, report)')
    .argument('<files...>', id ? 'berkas data' : 'data files')
    .option('--schema <file>', id ? 'Table Schema atau berkas standar (JSON)' : 'Table Schema or standard file (JSON)')
    .option('--standard <id>', id ? 'standar dari katalog (ID atau ID@versi); tanpa ini: standar yang jelas paling cocok per berkas, seperti satudata periksa' : 'standard from the catalog (ID or ID@version); without it: the standard each file clearly fits, as satudata validate chooses')
    .option('--standards <dir>', id ? 'folder katalog standar' : 'standards catalog folder')
    .option('--out <dir|zip>', id ? 'folder tujuan (paket di <dir>/<nama>/) atau berkas .zip' : 'output folder (package in <dir>/<name>/) or a .zip file', 'paket')
    .option('--sheet <name|number>', id ? 'sheet yang dikemas' : 'sheet to package')
    .option('--delimiter <char>', id ? 'pemisah kolom CSV (default: dideteksi)' : 'CSV delimiter (default: detected)')
    .option('--allow-invalid', id ? 'tetap kemas data bergalat (paket ditandai tidak valid)' : 'package data with errors (the package is marked invalid)')
    .addOption(new Option('--fail-on <level>', id ? 'tingkat yang membuat tidak valid' : 'level that makes data invalid').choices(['error', 'warning']).default('error'))
    .addOption(formatOption(id))
    .action(async (files: string[], options: Record<string, unknown>) => {
      const { runPackage } = await import('./package.js');
      ctx.exit(await runPackage(files, { ...options, lang: ctx.langNow(), version: ctx.version } as never));
    });
};
