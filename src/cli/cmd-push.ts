/** Wiring of `satudata push`. */
import type { RegisterCommand } from './context.js';
import { formatOption } from './options.js';

export const registerPush: RegisterCommand = (program, ctx) => {
  const id = ctx.id;
  program
    .command('push')
    .description(id ? 'kirim paket ke portal (CKAN, SIPD e-Walidata, atau ZIP unggah manual)' : 'push packages to a portal (CKAN, SIPD e-Walidata, or a manual-upload ZIP)')
    .argument('<packages...>', id ? 'folder paket atau .zip dari satudata package' : 'package folders or .zip files from satudata package')
    .requiredOption('--portal <name>', id ? 'nama portal di konfigurasi (satudata config show)' : 'portal name from the config (satudata config show)')
    .option('--dry-run', id ? 'tampilkan rencana tanpa menulis apa pun' : 'print the plan without writing anything')
    .option('--force', id ? 'kirim juga data yang validasinya gagal' : 'push data whose validation failed too')
    .option('--confirm', id ? 'portal manual: konfirmasi bahwa ZIP dataset NAMA… sudah diunggah (argumen = nama dataset)' : 'manual portal: confirm the ZIPs of datasets NAME… were uploaded (arguments = dataset names)')
    .option('--concurrency <n>', id ? 'dataset paralel (default 4)' : 'datasets in parallel (default 4)')
    .addOption(formatOption(id))
    .action(async (packages: string[], options: Record<string, unknown>) => {
      const { runPush } = await import('./push.js');
      ctx.exit(await runPush(packages, { ...options, lang: ctx.langNow() } as never));
    });
};
