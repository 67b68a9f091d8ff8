#!/usr/bin/env node
// A smaller inlining budget for V8's optimising compiler, set before any code of the tool is loaded: it
// compiles each hot function on a background thread, once per thread that runs it (the main one, a second
// shard, repository-mode file workers), and on two cores that compiling competes with the rows. Measured on a
// 1M-row CSV with Node 20 (V8 11.3): ~30% less compiling, 5–7% less wall time split over two threads, the same
// single-threaded. Only there: V8 prints an error line for a flag it does not know, and other versions (Maglev
// from V8 12) were not measured.
import { setFlagsFromString } from 'node:v8';
if (process.versions.v8.startsWith('11.')) setFlagsFromString('--max-inlined-bytecode-size-cumulative=150');
// `validate big.csv`: its second thread starts now, while the command line's modules load (see early-start.ts)
await (await import('../dist/cli/early-start.js')).startEarly(process.argv.slice(2));
const { main } = await import('../dist/cli/main.js');
// Exits once the output is written, without waiting for the runtime to take itself down (a finished shard
// worker's thread, the heap): ~15 ms of a 1.8 s validation. Everything the command does is awaited before
// main() settles; 'exit' handlers still run.
main(process.argv).then((code) => {
  process.exitCode = code;
  let open = 2;
  const flushed = () => {
    if (--open === 0) process.exit(code);
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
});
