/** A repository-level failure (config, git, the folder itself): a catalog code and its params; exit code 2. */
export class RepoError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'RepoError';
  }
}
