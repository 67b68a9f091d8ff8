/** Preload (node --import) used when /usr/bin/time is missing: reports the process's peak RSS and CPU at exit. */
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nBENCH_MAXRSS_KB ${u.maxRSS} ${(u.userCPUTime + u.systemCPUTime) / 1e6}\n`);
});
