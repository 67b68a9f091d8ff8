/** Wiring of `satudata standards list|show|check` (the data-standard catalog). */
import type { RegisterCommand } from './context.js';
import { formatOption } from './options.js';

export const registerStandards: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  const cmd = program
    .command('standards')
    .alias('standar')
    .description(id ? 'katalog standar data: daftar, rincian, periksa' : 'data-standard catalog: list, show, check');
  const format = () => formatOption(id);
  const dir = id ? 'folder katalog (default: bawaan; atau SATUDATA_STANDARDS)' : 'catalog folder (default: bundled; or SATUDATA_STANDARDS)';
  cmd
    .command('list')
    .alias('daftar')
    .description(id ? 'daftar standar di katalog' : 'list the standards in the catalog')
    .option('--standards <dir>', dir)
    .addOption(format())
    .action(async (o: { standards?: string; format: string }) => {
      const { runStandardsList } = await import('./standards.js');
      ctx.exit(await runStandardsList(o, ctx.langNow()));
    });
  cmd
    .command('show')
    .alias('lihat')
    .description(id ? 'rincian satu standar' : 'details of one standard')
    .argument('<id>', id ? 'ID standar (atau ID@versi)' : 'standard ID (or ID@version)')
    .option('--standards <dir>', dir)
    .addOption(format())
    .action(async (stdId: string, o: { standards?: string; format: string }) => {
      const { runStandardsShow } = await import('./standards.js');
      ctx.exit(await runStandardsShow(stdId, o, ctx.langNow()));
    });
  cmd
    .command('check')
    .alias('periksa')
    .description(id ? 'periksa semua berkas standar dalam folder (format standar, aturan, kode)' : 'check every standard file in a folder (format, rules, bindings)')
    .argument('[dir]', id ? 'folder katalog' : 'catalog folder')
    .addOption(format())
    .action(async (d: string | undefined, o: { format: string }) => {
      const { runStandardsCheck } = await import('./standards.js');
      ctx.exit(await runStandardsCheck(d, o, ctx.langNow()));
    });
};
