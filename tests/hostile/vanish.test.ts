/** A file that vanishes or fails with an I/O error while it is being read: the reader's stream error
 *  (ENOENT, EIO) becomes a coded `source-error` report, not a crash, and the source is closed. */
import { describe, expect, it, vi } from 'vitest';
import type { RowSource } from '../../src/read/table.js';

let closed = 0;
vi.mock('../../src/read/open.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/read/open.js')>()),
  openSource: async (path: string): Promise<RowSource> => ({
    info: { path, format: 'csv', bytes: 100, merges: [], notes: [] },
    async *batches() {
      yield [{ n: 1, cells: ['kode', 'nama'] }];
      const code = path.includes('eio') ? 'EIO' : 'ENOENT';
      throw Object.assign(new Error(`${code}: read failed`), { code, syscall: 'read' });
    },
    async close() {
      closed++;
    },
  }),
}));

const { validateFile } = await import('../../src/check/validate-file.js');

describe('vanishing and unreadable files mid-run', () => {
  it('ENOENT while reading → source-error (not found), source closed', async () => {
    const [r] = await validateFile('/data/vanished.csv', { maxErrors: 100, metadata: false, autoStandard: false });
    expect(r!.unreadable).toBe(true);
    expect(r!.issues).toEqual([expect.objectContaining({ code: 'source-error', params: { reason: '@reason.not-found' } })]);
    expect(closed).toBeGreaterThan(0);
  });

  it('EIO while reading → source-error (device input/output error)', async () => {
    const [r] = await validateFile('/data/eio.csv', { maxErrors: 100, metadata: false, autoStandard: false });
    expect(r!.issues[0]).toMatchObject({ code: 'source-error', params: { reason: '@reason.io' } });
  });
});
