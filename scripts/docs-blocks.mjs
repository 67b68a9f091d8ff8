#!/usr/bin/env node
/**
 * Runs every ```sh block of README.md and docs/**\/*.md as written, in a fresh clone of this repository (committed
 * state, HEAD), and checks each command's exit code and expected lines. Run by .ci/run after the tests; ends with one
 * plain line "N passed, N failed" (one per command).
 *
 * Annotations, as shell comments so the blocks stay copy-pasteable:
 *   cmd   # exit 1        the command is expected to exit 1 (default 0)
 *   # => some text        a line after a command: its stdout+stderr must contain "some text"
 * README.md runs first, in its own clone, and its `npm ci` and `npm install -g .` run for real (offline, from the npm
 * cache, into a temporary global prefix). Each docs page then runs in its own fresh clone "after npm ci": node_modules
 * is linked and dist/ copied from the README's clone (built there by that npm ci). `npm test` is not run a second time:
 * it is the command .ci/run itself runs, which is checked instead.
 * Usage: node scripts/docs-blocks.mjs [FILE.md…]
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The commands of a Markdown text's ```sh blocks: {line, command, exit, expect[]}. */
export function extractCommands(markdown) {
  const out = [];
  const lines = markdown.split('\n');
  let inSh = false;
  let fence = '';
  let pending = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const open = /^(\s*)(`{3,})(\S*)\s*$/.exec(raw);
    if (!inSh && !fence && open) { fence = open[2]; inSh = open[3] === 'sh'; continue; }
    if (fence && raw.trim() === fence) { fence = ''; inSh = false; pending = null; continue; }
    if (!inSh) continue;
    const line = raw.trim();
    const exp = /^#\s*=>\s?(.*)$/.exec(line);
    if (exp) { if (pending) pending.expect.push(exp[1].trim()); continue; }
    if (line === '' || line.startsWith('#')) continue;
    let command = raw;
    const first = i + 1;
    while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1)}\n${lines[++i]}`;
    const ex = /\s#\s*exit\s+(\d+)\s*$/.exec(command);
    pending = { line: first, command: command.trim(), exit: ex ? Number(ex[1]) : 0, expect: [] };
    out.push(pending);
  }
  return out;
}

function mdFiles() {
  const walk = (d) => readdirSync(join(ROOT, d), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.md') ? [join(d, e.name)] : []);
  return ['README.md', ...walk('docs').sort()];
}

function clone(into) {
  execFileSync('git', ['clone', '-q', '--no-hardlinks', ROOT, into], { stdio: 'ignore' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const only = process.argv.slice(2);
  const files = only.length ? only.map((f) => relative(ROOT, join(process.cwd(), f))) : mdFiles();
  const work = mkdtempSync(join(tmpdir(), 'satudata-docs-'));
  const home = join(work, 'home');
  const prefix = join(work, 'prefix');
  mkdirSync(home);
  const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state'),
    SATUDATA_CONFIG: join(home, 'satudata-config.json'), SATUDATA_LEDGER_DIR: join(home, 'ledger'),
    NO_COLOR: '1', CI: 'true', npm_config_prefix: prefix, npm_config_cache: npmCache, npm_config_offline: 'true',
    npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false',
    PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
  delete env.SATUDATA_LANG;
  delete env.FORCE_COLOR;
  const ciRun = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  let passed = 0;
  let failed = 0;
  let built = null; // the clone whose npm ci built node_modules and dist
  const started = Date.now();
  for (const file of files) {
    const cmds = extractCommands(readFileSync(join(ROOT, file), 'utf8'));
    if (cmds.length === 0) continue;
    const dir = join(work, file.replace(/[\\/]/g, '_'));
    clone(dir);
    if (built && !existsSync(join(dir, 'node_modules'))) {
      symlinkSync(join(built, 'node_modules'), join(dir, 'node_modules'));
      cpSync(join(built, 'dist'), join(dir, 'dist'), { recursive: true });
    }
    for (const c of cmds) {
      const where = `${file}:${c.line}`;
      if (c.command === 'npm test') {
        const ok = /^npm test\b/m.test(ciRun);
        ok ? passed++ : failed++;
        console.log(`${ok ? 'ok  ' : 'FAIL'} ${where}  npm test  (the command .ci/run runs; not run twice)`);
        continue;
      }
      const t0 = Date.now();
      const r = spawnSync('bash', ['-c', c.command], { cwd: dir, env, encoding: 'utf8', timeout: 240000 });
      const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
      const problems = [];
      if (r.status !== c.exit) problems.push(`exit ${r.status ?? r.signal}, expected ${c.exit}`);
      for (const e of c.expect) if (!output.includes(e)) problems.push(`output lacks "${e}"`);
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (problems.length === 0) {
        passed++;
        console.log(`ok   ${where}  ${c.command.split('\n')[0].slice(0, 100)}  (${secs} s)`);
      } else {
        failed++;
        console.log(`FAIL ${where}  ${c.command}\n     ${problems.join('; ')}\n${output.split('\n').slice(-15).map((l) => `     | ${l}`).join('\n')}`);
      }
    }
    if (!built && existsSync(join(dir, 'node_modules')) && existsSync(join(dir, 'dist'))) built = dir;
    if (!built) {
      // no block installed: the pages run "after npm ci" of this checkout
      built = ROOT;
    }
  }
  rmSync(work, { recursive: true, force: true });
  console.log(`docs blocks: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
