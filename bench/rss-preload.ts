import { writeFileSync } from "node:fs";

/**
 * Loaded into the benchmarked child with NODE_OPTIONS=--import=<this file>: at exit it writes the
 * process's peak resident set size (getrusage ru_maxrss, KiB on Linux) and CPU time to the file named by
 * LAMBDA_POSTURE_BENCH_RSS_FILE. Nothing in src/ knows about it.
 */
const target = process.env.LAMBDA_POSTURE_BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    try {
      const usage = process.resourceUsage();
      // CPU time as well: on a shared machine it tells what the run cost, whatever the wall time.
      writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, pid: process.pid }));
    } catch {
      // The benchmark reports a missing measurement; the child's own exit code must not change.
    }
  });
}
