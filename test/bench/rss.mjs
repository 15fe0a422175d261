// Loaded with `node --import`: reports the process's peak RSS on exit, so the bench needs no GNU time.
process.on('exit', () => process.stderr.write(`\nMAXRSS_KIB ${process.resourceUsage().maxRSS}\n`));
