#!/usr/bin/env node
/**
 * Runs a node script with extra environment variables, in this process (no extra child, so the bench's wall,
 * CPU and RSS are the script's): node env-run.mjs NAME=value ... -- script.js args...
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const sep = process.argv.indexOf('--');
if (sep < 0 || sep + 1 >= process.argv.length) {
  process.stderr.write('usage: env-run.mjs NAME=value ... -- script.js args...\n');
  process.exit(2);
}
for (const kv of process.argv.slice(2, sep)) {
  const eq = kv.indexOf('=');
  if (eq > 0) process.env[kv.slice(0, eq)] = kv.slice(eq + 1);
}
const script = resolve(process.argv[sep + 1]);
process.argv = [process.argv[0], script, ...process.argv.slice(sep + 2)];
await import(pathToFileURL(script).href);
