// Presence: 500 clients in one room, each with a presence state that renews every 15 s (as
// y-protocols does), 20 of them moving their cursor at 10 Hz for 10 s. Latency from a move to
// its arrival at a spread sample of 20 receivers; egress is every message the 500 sockets
// received during the load, per second. Ours and the reference, alternating; medians of
// BENCH_RUNS runs (3).
import {
  calibrate,
  describeRun,
  hasTaskset,
  niceness,
  runLoad,
  startOurs,
  startReference,
  type RunOutcome,
} from './lib/harness.js'
import { median, note, report } from './lib/report.js'

const n = Number(process.env.BENCH_PRESENCE_CLIENTS ?? 500)
const runs = Number(process.env.BENCH_RUNS ?? 3)
const load = {
  mode: 'presence' as const,
  clients: n,
  writers: 20,
  rate: 10,
  durationMs: 10_000,
  stragglerMs: 10_000,
  samples: 20,
  receivers: (process.env.BENCH_RECEIVERS === 'ws' ? 'ws' : 'bare') as 'ws' | 'bare',
  renewMs: 15_000,
}

const calibration = [calibrate()]
if (!hasTaskset) note('taskset not available: server and load generator are not pinned to cores')
const outcomes: Record<'server' | 'reference', RunOutcome[]> = { server: [], reference: [] }
const start = { server: startOurs, reference: startReference }
for (let run = 0; run < runs; run++) {
  for (const target of ['server', 'reference'] as const) {
    // A fresh process per run, so that nothing of one run (a backlog still draining on the pinned
    // core, presence states of the last run's clients) weighs on the next.
    const running = await start[target]()
    try {
      const o = await runLoad(running, load)
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
  const extra = {
    clients: n,
    movers: load.writers,
    hz: load.rate,
    pinned: hasTaskset,
    receivers: load.receivers,
    ...(niceness !== null ? { nice: niceness } : {}),
  }
  const p50 = fig((o) => o.result.latencies.p50)
  const p99 = fig((o) => o.result.latencies.p99)
  const egress = fig((o) => o.result.egressPerSecond)
  const converged = fig((o) => o.result.converged ?? Number.NaN)
  const cpu = fig((o) => o.server.cpuPercent)
  const lg = fig((o) => o.result.loadgenCpuPercent)
  report(`${target}.presence.p50.${n}`, 'ms', p50.value, { ...extra, runs: p50.runs })
  report(`${target}.presence.p99.${n}`, 'ms', p99.value, { ...extra, runs: p99.runs })
  report(`${target}.presence.egress.${n}`, 'msg/s', egress.value, { ...extra, runs: egress.runs })
  report(`${target}.presence.converged.${n}`, 'fraction', converged.value, {
    ...extra,
    runs: converged.runs,
  })
  report(`${target}.presence.cpu.${n}`, '%', cpu.value, { ...extra, runs: cpu.runs })
  report(`${target}.presence.loadgen.cpu.${n}`, '%', lg.value, { ...extra, runs: lg.runs })
}
calibration.push(calibrate())
report('machine.loop.ms', 'ms', median(calibration), {
  runs: calibration,
  what: '10^8 additions in node on the server core, before and after; lower is a faster, quieter machine',
})
