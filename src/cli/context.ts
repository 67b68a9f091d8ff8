/** What every command's wiring shares: the language, the version, and how to set the exit code. */
import type { Command } from 'commander';
import type { Lang } from '../i18n/lang.js';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export interface CliContext {
  /** Language known before parsing (from --lang or SATUDATA_LANG), used for help texts. */
  lang: Lang;
  /** True when help texts are Indonesian. */
  id: boolean;
  version: string;
  /** The language after parsing (the global --lang option). */
  langNow(): Lang;
  /** Sets the process exit code the command ends with. */
  exit(code: number): void;
}

/** One command's commander wiring. It must stay light: the implementation is imported in the action. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;
