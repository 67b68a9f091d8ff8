/** Wiring of `satudata config`: show, path, set-portal, remove-portal. Never echoes tokens. */
import { Option } from 'commander';
import type { RegisterCommand } from './context.js';

export const registerConfig: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  const config = program
    .command('config')
    .description(id ? 'tampilkan atau atur portal (token tidak pernah ditampilkan)' : 'show or set portals (tokens are never shown)');
  config
    .command('show', { isDefault: true })
    .description(id ? 'tampilkan lokasi berkas dan portal' : 'show the file location and portals')
    .action(async () => {
      const { runConfigShow } = await import('./config.js');
      ctx.exit(await runConfigShow(ctx.langNow()));
    });
  config
    .command('path')
    .description(id ? 'cetak lokasi berkas konfigurasi' : 'print the config file location')
    .action(async () => {
      const { configPath } = await import('../config/location.js');
      process.stdout.write(configPath() + '\n');
    });
  config
    .command('set-portal')
    .description(id ? 'tambah atau ubah portal' : 'add or change a portal')
    .argument('<name>', id ? 'nama portal (huruf kecil, angka, - _)' : 'portal name (lowercase, digits, - _)')
    .addOption(new Option('--kind <kind>', id ? 'jenis portal' : 'portal kind').choices(['ckan', 'sipd', 'manual']))
    .option('--url <url>', id ? 'alamat dasar portal' : 'portal base URL')
    .option('--org <name>', id ? 'organisasi CKAN (owner_org)' : 'CKAN organisation (owner_org)')
    .option('--dir <dir>', id ? 'folder ZIP (manual)' : 'ZIP folder (manual)')
    .option('--kodepemda <kode>', id ? 'kode pemda (SIPD)' : 'kode pemda (SIPD)')
    .option('--max-upload-mb <n>', id ? 'batas unggah MB (default 10)' : 'upload limit in MB (default 10)')
    .option('--concurrency <n>', id ? 'dataset paralel (default 4)' : 'datasets in parallel (default 4)')
    .option('--token-stdin', id ? 'baca token dari stdin (disimpan dengan mode 0600)' : 'read the token from stdin (stored with mode 0600)')
    .action(async (name: string, options: Record<string, unknown>) => {
      const { runConfigSet } = await import('./config.js');
      ctx.exit(await runConfigSet(name, { ...options, lang: ctx.langNow() } as never));
    });
  config
    .command('remove-portal')
    .description(id ? 'hapus portal' : 'remove a portal')
    .argument('<name>')
    .action(async (name: string) => {
      const { runConfigRemove } = await import('./config.js');
      ctx.exit(await runConfigRemove(name, ctx.langNow()));
    });
};
