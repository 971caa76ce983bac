// Preloaded into the measured cdstats process: reports its peak resident memory at exit.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
