/** Wiring of `satudata report` (alias `laporan`): the walidata's weekly audit. */
import { Option } from 'commander';
import type { RegisterCommand } from './context.js';

export const registerReport: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  program
    .command('report')
    .alias('laporan')
    .description(id ? 'laporan mingguan walidata: kelengkapan Daftar Data per OPD, tren dan daftar keterlambatan' : 'walidata weekly audit: Daftar Data completeness per OPD, trend and overdue worklist')
    .argument('<daftar-data>', id ? 'Daftar Data (XLSX/CSV)' : 'the Daftar Data registry (XLSX/CSV)')
    .option('--ledger <file>', id ? 'keadaan dari ledger satudata package/push (JSON)' : 'observed state from the satudata package/push ledger (JSON)')
    .option('--folder <dir>', id ? 'keadaan dari folder berkas kiriman OPD (divalidasi langsung)' : 'observed state from a folder of submitted files (validated on the fly)')
    .option('--ckan <url>', id ? 'keadaan dari portal CKAN (package_search); token dari env CKAN_TOKEN' : 'observed state from a CKAN portal (package_search); token from env CKAN_TOKEN')
    .option('--as-of <date>', id ? 'tanggal laporan, TTTT-BB-HH atau waktu ISO (default: sekarang, WITA)' : 'report date, YYYY-MM-DD or ISO timestamp (default: now, WITA)')
    .option('--opd <kode>', id ? 'laporan satu OPD (kode atau singkatan)' : "one OPD's own report (code or abbreviation)")
    .option('--out <dir>', id ? 'tulis semua format ke folder ini' : 'write the formats into this folder')
    .addOption(new Option('--format <format>', id ? 'format keluaran' : 'output format').choices(['md', 'html', 'xlsx', 'csv', 'json', 'all']))
    .option('--history <dir>', id ? 'folder snapshot mingguan' : 'weekly snapshot folder', '.satudata/laporan')
    .option('--no-history', id ? 'jangan baca/tulis snapshot' : 'do not read or write snapshots')
    .option('--grace <spec>', id ? 'jeda rilis dan tenggang per frekuensi, mis. bulanan=30:14:30' : 'release lag and graces per frequency, e.g. bulanan=30:14:30')
    .option('--check-links', id ? 'periksa tautan sumber daya di portal (HEAD/GET; butuh --ckan)' : "check the portal's resource links (HEAD/GET; needs --ckan)")
    .option('--link-failures <n>', id ? 'tautan dihitung rusak setelah gagal pada N laporan berturut-turut (default 1)' : 'a link counts as broken after failing N weekly runs in a row (default 1)')
    .option('--weights <spec>', id ? 'bobot peringkat kelengkapan,ketepatan,metadata[,min jenis data], default 50,30,20,5' : 'ranking weights completeness,timeliness,metadata[,min items], default 50,30,20,5')
    .action(async (registry: string, options: Record<string, unknown>) => {
      const { runReport } = await import('./report.js');
      ctx.exit(await runReport(registry, { ...options, lang: ctx.langNow() } as never));
    });
};
