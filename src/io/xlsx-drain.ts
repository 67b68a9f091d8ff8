/** Backpressure for exceljs's streaming WorkbookWriter (annotated copies, fix's XLSX output). */

/** Bytes the streaming writer may hold for the zip before the copy waits for it (exceljs writes rows into its
 *  zip stream without backpressure: without this wait a fast reader fills memory with compressed-to-be XML). */
const WRITE_BACKLOG = 4 << 20;

export async function drained(ws: object): Promise<void> {
  // the sheet's StreamBuf pipes into the zip entry (a readable-stream PassThrough: its buffered length is in
  // _writableState.length)
  type Pipe = { writableLength?: number; _writableState?: { length?: number }; once(event: 'drain', f: () => void): void; removeListener(event: 'drain', f: () => void): void };
  const pipes = (ws as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes ?? [];
  const backlog = (p: Pipe) => p._writableState?.length ?? p.writableLength ?? 0;
  for (const pipe of pipes) {
    while (backlog(pipe) > WRITE_BACKLOG) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pipe.removeListener('drain', done);
          resolve();
        };
        const timer = setTimeout(done, 50);
        pipe.once('drain', done);
      });
    }
  }
}
