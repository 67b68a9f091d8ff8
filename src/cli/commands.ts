/** Every command of the CLI, in help order. Each entry is light wiring; implementations load lazily. */
import type { RegisterCommand } from './context.js';
import { registerValidate } from './cmd-validate.js';

export const COMMANDS: RegisterCommand[] = [
  registerValidate,
];
