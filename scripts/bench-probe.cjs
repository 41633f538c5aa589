// Loaded into the server process by the benchmark (node --require): measures the event-loop
// delay and the largest RSS over the run, and answers the benchmark over the IPC channel.
const { monitorEventLoopDelay } = require('node:perf_hooks');

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let rssMax = 0;
setInterval(() => {
  rssMax = Math.max(rssMax, process.memoryUsage().rss);
}, 50).unref();

process.on('message', (message) => {
  if (message === 'reset') {
    delay.reset();
    rssMax = process.memoryUsage().rss;
  }
  if (message === 'stats')
    process.send({ p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6, meanMs: delay.mean / 1e6, rssMaxMb: rssMax / 2 ** 20 });
});
process.channel?.unref();
