/** Every command of the CLI, in help order. Each entry is light wiring; implementations load lazily. */
import type { RegisterCommand } from './context.js';
import { registerValidate } from './cmd-validate.js';
import { registerStandards } from './cmd-standards.js';
import { registerCodes } from './cmd-codes.js';
import { registerPackage } from './cmd-package.js';
import { registerPush } from './cmd-push.js';
import { registerConfig } from './cmd-config.js';
import { registerReport } from './cmd-report.js';
import { registerFix } from './cmd-fix.js';
import { registerInit } from './cmd-init.js';

export const COMMANDS: RegisterCommand[] = [
  registerValidate,
  registerStandards,
  registerCodes,
  registerPackage,
  registerPush,
  registerConfig,
  registerReport,
  registerFix,
  registerInit,
];
