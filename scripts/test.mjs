#!/usr/bin/env node
// Runs vitest for one project (`fast` for `npm test`, `slow` for `npm run test:slow`), passing further arguments
// on. When the output is not a terminal (CI, `| tee`), colours are off: CI=true alone would turn them on.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const [project = 'fast', ...rest] = process.argv.slice(2);
const env = { ...process.env };
if (!process.stdout.isTTY) {
  env.NO_COLOR = '1';
  delete env.FORCE_COLOR;
}
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', '--project', project, ...rest], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
