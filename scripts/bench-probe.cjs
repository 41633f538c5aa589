// Loaded into the server process by the benchmark and the soak (node --require): measures the
// event-loop delay and the largest RSS and heap over the run, and answers over the IPC channel.
// Worker threads inherit --require: only the main thread (whose loop serves requests) is probed.
if (!require('node:worker_threads').isMainThread) return;
const { monitorEventLoopDelay } = require('node:perf_hooks');

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let rssMax = 0;
let heapMax = 0;
setInterval(() => {
  const { rss, heapUsed } = process.memoryUsage();
  rssMax = Math.max(rssMax, rss);
  heapMax = Math.max(heapMax, heapUsed);
}, 50).unref();

process.on('message', (message) => {
  if (message === 'reset') {
    delay.reset();
    rssMax = process.memoryUsage().rss;
    heapMax = process.memoryUsage().heapUsed;
  }
  if (message === 'stats')
    process.send({ p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6, meanMs: delay.mean / 1e6, rssMaxMb: rssMax / 2 ** 20, heapMaxMb: heapMax / 2 ** 20, pid: process.pid });
});
process.channel?.unref();
