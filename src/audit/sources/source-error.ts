/** A source (ledger, folder, portal) that cannot be read: an issue code from the catalog and its params. */
export class SourceError extends Error {
  constructor(readonly code: string, readonly params: Record<string, string | number>) {
    super(code);
    this.name = 'SourceError';
  }
}
