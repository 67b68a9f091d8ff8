/**
 * A closed pipe is a normal end (`satudata standards list | head -1`): when the reader of stdout or stderr goes
 * away, the process ends quietly — no stack trace — with the exit code it already had (0 when none was set).
 */
let installed = false;

export function endQuietlyOnClosedPipe(currentCode: () => number): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(currentCode());
      throw err;
    });
  }
}
