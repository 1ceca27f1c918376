// Fan-out: N clients in one room (N = 50, 200, 500, 1,000), 10 writers at 20 updates/s each
// for 10 s; latency from send to arrival at a spread sample of 20 decoding receivers; after the
// load, up to 10 s for stragglers (late is not lost). The same load runs against our server and
// against the reference (@y/websocket-server 0.1.1), alternating, each in its own process, with
// the load generator pinned to the other core. Figures are medians of BENCH_RUNS runs (3).
// Every client shares presence as a stock client of the app does (announced, renewed every 15 s):
// a room of N people carries that next to the updates, and a server that relays each message to
// every client one by one pays for it (BENCH_PRESENCE=0 measures updates alone).
import {
  calibrate,
  describeRun,
  hasTaskset,
  niceness,
  runLoad,
  startOurs,
  startReference,
  type RunOutcome,
  type RunningTarget,
  type Target,
} from './lib/harness.js'
import { median, note, report } from './lib/report.js'

const sizes = (process.env.BENCH_SIZES ?? '50,200,500,1000').split(',').map(Number)
const runs = Number(process.env.BENCH_RUNS ?? 3)
const load = {
  mode: 'doc' as const,
  writers: 10,
  rate: 20,
  durationMs: 10_000,
  stragglerMs: 10_000,
  samples: 20,
  receivers: (process.env.BENCH_RECEIVERS === 'ws' ? 'ws' : 'bare') as 'ws' | 'bare',
  // Every client shares presence as the app's stock clients do (BENCH_PRESENCE=0: updates only).
  presence: process.env.BENCH_PRESENCE !== '0',
}

const calibration = [calibrate()]
if (!hasTaskset) note('taskset not available: server and load generator are not pinned to cores')
const start: Record<Target, () => Promise<RunningTarget>> = {
  server: () => startOurs(),
  reference: () => startReference(),
}

const p99 = new Map<string, number>()
for (const n of sizes) {
  const outcomes: Record<Target, RunOutcome[]> = { server: [], reference: [] }
  for (let run = 0; run < runs; run++) {
    for (const target of ['server', 'reference'] as const) {
      // A fresh process per run: a server still draining the previous run's backlog (the
      // reference, with no backpressure, can hold seconds of sends) would share the pinned core
      // with the next run, and presence states would carry over from one run to the next.
      const running = await start[target]()
      try {
        const o = await runLoad(running, { ...load, clients: n })
        describeRun(target, n, run, o)
        outcomes[target].push(o)
      } finally {
        await running.stop()
      }
    }
  }
  for (const target of ['server', 'reference'] as const) {
    const os = outcomes[target]
    const fig = (f: (o: RunOutcome) => number) => ({ value: median(os.map(f)), runs: os.map(f) })
    const p50 = fig((o) => o.result.latencies.p50)
    const p99s = fig((o) => o.result.latencies.p99)
    const delivered = fig((o) => o.result.delivered / Math.max(1, o.result.expected))
    // Updates the writers actually sent (the spec: 10 × 20/s × 10 s = 2,000).
    const sent = os.map((o) => o.result.sent)
    const cpu = fig((o) => o.server.cpuPercent)
    const lg = fig((o) => o.result.loadgenCpuPercent)
    const rss = fig((o) => o.server.peakRssMB)
    const extra = {
      clients: n,
      runs: undefined as unknown,
      pinned: hasTaskset,
      receivers: load.receivers,
      presence: load.presence,
      ...(niceness !== null ? { nice: niceness } : {}),
    }
    report(`${target}.fanout.p50.${n}`, 'ms', p50.value, { ...extra, runs: p50.runs })
    report(`${target}.fanout.p99.${n}`, 'ms', p99s.value, { ...extra, runs: p99s.runs })
    report(`${target}.fanout.delivered.${n}`, 'fraction', delivered.value, {
      ...extra,
      runs: delivered.runs,
      sent,
    })
    report(`${target}.cpu.${n}`, '%', cpu.value, { ...extra, runs: cpu.runs })
    report(`${target}.loadgen.cpu.${n}`, '%', lg.value, { ...extra, runs: lg.runs })
    if (n === 1000)
      report(`${target}.rss.${n}`, 'MB', Math.max(...rss.runs), { ...extra, runs: rss.runs })
    p99.set(`${target}.${n}`, p99s.value)
  }
}
if (p99.has('server.1000')) {
  report('server.fanout.ratio.1000', 'ratio', p99.get('reference.1000')! / p99.get('server.1000')!)
}
calibration.push(calibrate())
report('machine.loop.ms', 'ms', median(calibration), {
  runs: calibration,
  what: '10^8 additions in node on the server core, before and after; lower is a faster, quieter machine',
})
