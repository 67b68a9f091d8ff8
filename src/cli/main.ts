/**
 * The `satudata` command line: commander wiring only. Heavy modules load when a command runs, so that
 * `satudata --help` stays fast.
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveLang, type Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { EXIT_USAGE, type CliContext } from './context.js';
import { COMMANDS } from './commands.js';
import { helpInLanguage, translateCommanderError } from './commander-text.js';
import { endQuietlyOnClosedPipe } from './epipe.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));
  return pkg.version as string;
}

/** Runs the CLI and resolves to the exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const langFlag = argFlag(argv, '--lang');
  const preLang = resolveLang(langFlag) ?? 'id';
  const versionText = version();
  const id = preLang === 'id';
  const program = new Command('satudata');
  program
    .description(id
      ? 'Periksa, rapikan, kemas dan kirim data Satu Data Indonesia (XLSX/CSV) sesuai standar data.'
      : 'Validate, fix, package and push Satu Data Indonesia spreadsheets (XLSX/CSV) against data standards.')
    .version(versionText, '-V, --version', id ? 'tampilkan versi' : 'print the version')
    .helpOption('-h, --help', id ? 'tampilkan bantuan' : 'show help')
    .addOption(new Option('--lang <lang>', id ? 'bahasa pesan: id atau en (atau SATUDATA_LANG)' : 'message language: id or en (or SATUDATA_LANG)'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(translateCommanderError(s, preLang, program)),
    })
    // every command's help lists --lang (a global option) and is in the language, headings included
    .configureHelp({ showGlobalOptions: true, ...helpInLanguage(preLang) });
  program.helpCommand(id ? 'help [perintah]' : 'help [command]', id ? 'bantuan untuk perintah' : 'help for a command');

  let code = 0;
  endQuietlyOnClosedPipe(() => code);
  const ctx: CliContext = {
    lang: preLang,
    id,
    version: versionText,
    langNow: () => langOf(program, preLang),
    exit: (c) => {
      code = c;
    },
  };
  for (const register of COMMANDS) register(program, ctx);
  // a usage error names the command whose help to read
  const eachCommand = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      sub.configureOutput({ ...cmd.configureOutput(), outputError: (s, write) => write(translateCommanderError(s, preLang, sub)) });
      eachCommand(sub);
    }
  };
  eachCommand(program);

  try {
    if (langFlag !== undefined && resolveLang(langFlag) === null) {
      // the language is the unknown: say it in both
      process.stderr.write(`satudata: [usage-error] ${t('id', 'cli.lang-error', { lang: langFlag })}\nsatudata: [usage-error] ${t('en', 'cli.lang-error', { lang: langFlag })}\n`);
      return EXIT_USAGE;
    }
    if (argv.length <= 2) {
      // no command: the help, on stderr, and the usage exit code
      process.stderr.write(program.helpInformation());
      return EXIT_USAGE;
    }
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help, help, --version end well; help shown because a command is missing is a usage error
      if ((err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') && err.exitCode === 0) return 0;
      return EXIT_USAGE;
    }
    const { reportInternalError } = await import('./internal-error.js');
    return reportInternalError(err, preLang);
  }
}

function langOf(program: Command, fallback: Lang): Lang {
  return resolveLang(program.opts().lang as string | undefined) ?? fallback;
}

/** Reads a global flag before commander parses (the language of help and errors depends on it). */
function argFlag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === name) return argv[i + 1];
    if (a.startsWith(name + '=')) return a.slice(name.length + 1);
  }
  return undefined;
}
