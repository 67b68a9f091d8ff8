/** The file-system errors a user can meet (missing file, permission, full disk…), as phrase keys for messages. */

const PHRASES: Record<string, string> = {
  ENOENT: '@reason.not-found',
  EACCES: '@reason.permission',
  EPERM: '@reason.permission',
  EROFS: '@reason.read-only',
  EISDIR: '@reason.directory',
  ENOTDIR: '@reason.not-directory',
  EEXIST: '@reason.exists',
  ENAMETOOLONG: '@reason.name-too-long',
  ENOSPC: '@reason.no-space',
  EDQUOT: '@reason.no-space',
  ELOOP: '@reason.loop',
  EMFILE: '@reason.too-many-files',
  EIO: '@reason.io',
};

/** The `reason` param for a file-system error: a phrase key, or the errno code itself. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  return (code && PHRASES[code]) ?? code ?? String((err as Error)?.message ?? err);
}

/** True for an operating-system error of the file system (it has an errno code and a syscall). */
export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException | undefined;
  return !!e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string';
}
