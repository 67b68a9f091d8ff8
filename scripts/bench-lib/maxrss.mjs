/** Preload (node --import) used when /usr/bin/time is missing: reports the process's peak RSS at exit. */
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
});
