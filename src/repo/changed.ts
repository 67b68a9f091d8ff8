/**
 * `--changed-since REF`: the files changed on this branch since REF (`git diff --name-only REF...HEAD`),
 * plus uncommitted and untracked ones, relative to the repository folder being validated.
 * git runs through child_process with a timeout; failures become `not-a-git-repo` / `git-error`.
 */
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { RepoError } from './errors.js';

const TIMEOUT_MS = 30_000;

function git(cwd: string, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } }, (err, stdout, stderr) => {
      resolve({ ok: !err, stdout: String(stdout), stderr: String(stderr || (err ? err.message : '')) });
    });
  });
}

function names(out: string): string[] {
  return out.split('\0').filter(Boolean);
}

/** Changed paths relative to `root` (with `/`), or throws a RepoError. */
export async function changedSince(root: string, ref: string): Promise<Set<string>> {
  if (ref.startsWith('-')) throw new RepoError('git-error', { ref, detail: 'ref tidak sah / invalid ref' });
  const top = await git(root, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new RepoError('not-a-git-repo', { path: root });
  const topDir = await realpath(top.stdout.trim());
  const verify = await git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!verify.ok) throw new RepoError('git-error', { ref, detail: 'ref tidak dikenal / unknown ref' });
  const committed = await git(topDir, ['diff', '--name-only', '-z', '--diff-filter=ACMRT', `${ref}...HEAD`]);
  if (!committed.ok) throw new RepoError('git-error', { ref, detail: firstLine(committed.stderr) });
  const worktree = await git(topDir, ['diff', '--name-only', '-z', '--diff-filter=ACMRT', 'HEAD']);
  const untracked = await git(topDir, ['ls-files', '--others', '--exclude-standard', '-z']);
  const rootReal = await realpath(root);
  const out = new Set<string>();
  for (const name of [...names(committed.stdout), ...names(worktree.stdout), ...names(untracked.stdout)]) {
    const rel = relative(rootReal, join(topDir, name));
    if (rel.startsWith('..') || rel === '') continue;
    out.add(rel.split(sep).join('/'));
  }
  return out;
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim()) ?? '').replace(/^fatal: /, '').slice(0, 200);
}
