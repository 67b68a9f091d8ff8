/** Wiring of `satudata codes search|show` (alias `kode cari|show`): look up kode referensi. */
import { Option } from 'commander';
import type { RegisterCommand } from './context.js';
import { formatOption } from './options.js';

export const registerCodes: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  const cmd = program
    .command('codes')
    .alias('kode')
    .description(id ? 'cari kode referensi (wilayah Kemendagri, OPD, urusan, satuan…)' : 'look up reference codes (Kemendagri regions, OPD, affairs, units…)');
  const list = () => new Option('--list <name>', id ? 'daftar kode: wilayah (default), opd-ntb, urusan, satuan, frekuensi, lisensi, topik' : 'code list: wilayah (default), opd-ntb, urusan, satuan, frekuensi, lisensi, topik').default('wilayah');
  const format = () => formatOption(id);
  cmd
    .command('search')
    .alias('cari')
    .description(id ? 'cari kode menurut nama (mis. satudata kode cari "Lombok Barat")' : 'search codes by name (e.g. satudata codes search "Lombok Barat")')
    .argument('<text...>', id ? 'nama atau bagian nama' : 'name or part of it')
    .addOption(list())
    .addOption(new Option('--daftar <name>').hideHelp())
    .addOption(new Option('--level <level>', id ? 'tingkat wilayah' : 'region level').choices(['provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan']))
    .option('--limit <n>', id ? 'jumlah hasil maksimum' : 'most results', '20')
    .addOption(format())
    .action(async (text: string[], o: Record<string, string>) => {
      const { runCodesSearch } = await import('./codes.js');
      ctx.exit(await runCodesSearch(text.join(' '), { ...o, list: o.daftar ?? o.list } as never, ctx.langNow()));
    });
  cmd
    .command('show')
    .alias('lihat')
    .description(id ? 'tampilkan satu kode (mis. satudata kode show 52.71.01.1004)' : 'show one code (e.g. satudata codes show 52.71.01.1004)')
    .argument('<code>', id ? 'kode' : 'code')
    .addOption(list())
    .addOption(new Option('--daftar <name>').hideHelp())
    .addOption(format())
    .action(async (code: string, o: Record<string, string>) => {
      const { runCodesShow } = await import('./codes.js');
      ctx.exit(await runCodesShow(code, { ...o, list: o.daftar ?? o.list } as never, ctx.langNow()));
    });
};
