// Preloaded into the benchmarked process: writes its peak RSS (KiB) to AXION_BENCH_RSS_FILE at exit.
const { appendFileSync } = require("node:fs");
const target = process.env.AXION_BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    appendFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
