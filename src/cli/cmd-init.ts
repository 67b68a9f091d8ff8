/** Wiring of `satudata init`: the metadata wizard (every prompt has a flag, for CI and scripts). */
import { Option } from 'commander';
import type { RegisterCommand } from './context.js';

export const registerInit: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  program
    .command('init')
    .description(id ? 'buat metadata dataset (wizard; atau lewat opsi tanpa bertanya)' : 'create dataset metadata (wizard; or through options without questions)')
    .argument('[file]', id ? 'berkas data (metadata ditulis di sampingnya: <berkas>.metadata.json)' : 'data file (metadata is written beside it: <file>.metadata.json)')
    .option('--standard <id>', id ? 'standar data dari katalog' : 'data standard from the catalog')
    .option('--standards <dir>', id ? 'folder katalog standar' : 'standards catalog folder')
    .option('--opd <kode>', id ? 'kode atau singkatan OPD produsen (standards/codes/opd-ntb.csv)' : 'producer OPD code or abbreviation (standards/codes/opd-ntb.csv)')
    .option('--periode-awal <periode>', id ? 'periode awal: 2023, 2023-Q1, 2023-S1, 2023-01' : 'first period: 2023, 2023-Q1, 2023-S1, 2023-01')
    .option('--periode-akhir <periode>', id ? 'periode akhir' : 'last period')
    .option('--cakupan <kode>', id ? 'kode wilayah cakupan (mis. 52 atau 52.01)' : 'coverage region code (e.g. 52 or 52.01)')
    .option('--judul <teks>', id ? 'judul dataset (default: dari standar, wilayah dan periode)' : 'dataset title (default: from the standard, area and period)')
    .addOption(new Option('--akses <tingkat>', id ? 'tingkat akses' : 'access level').choices(['terbuka', 'terbatas', 'tertutup']))
    .option('--lisensi <id>', id ? 'lisensi (default CC-BY-4.0)' : 'licence (default CC-BY-4.0)')
    .option('--sumber <teks>', id ? 'sumber data (default: nama OPD)' : 'data source (default: the OPD name)')
    .option('--metode <teks>', id ? 'metode perhitungan (default: dari standar)' : 'calculation method (default: from the standard)')
    .option('--kontak <email>', id ? 'email kontak' : 'contact email')
    .option('--out <file>', id ? 'berkas metadata JSON (default: <berkas>.metadata.json)' : 'metadata JSON file (default: <file>.metadata.json)')
    .option('--sheet-out <file.xlsx>', id ? 'tulis salinan workbook dengan sheet "Metadata" (bukan JSON)' : 'write a copy of the workbook with a "Metadata" sheet (instead of JSON)')
    .option('--force', id ? 'timpa berkas metadata yang sudah ada' : 'overwrite an existing metadata file')
    .option('-y, --yes', id ? 'tanpa bertanya: pakai opsi dan nilai bawaan' : 'no questions: use the options and defaults')
    .action(async (file: string | undefined, options: Record<string, unknown>) => {
      const { runInit } = await import('./init.js');
      ctx.exit(await runInit(file, { ...options, lang: ctx.langNow() } as never));
    });
};
