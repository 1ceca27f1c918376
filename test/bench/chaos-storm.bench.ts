// chaos.storm.resync.500.ms: 500 stock clients in one room (the app's reconnect jitter), the
// server restarts (SIGTERM: everything stored, sockets closed with 1012), five of them edit
// while it is down; the figure is the time from the SIGTERM until every client is synced again
// and holds all five offline edits. Goal ≤ 10,000 ms. Median of 3 restarts.
// chaos.storm.rss.500: the server's peak RSS (MB) over the whole run, restarts included.
// Extra fields: the restarted server's share (listening → all synced), the load generator's CPU.
import { purposeStatement } from '@kickoff/model'
import { ServerProcess } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { CHAOS_SERVER_ENV } from '../chaos/run.js'
import { Crowd } from './lib/crowd.js'
import { peakRss } from './lib/proc.js'
import { median, note, report } from './lib/report.js'

process.setMaxListeners(0)
const N = Number(process.env.STORM_CLIENTS ?? 500)
const RUNS = Number(process.env.STORM_RUNS ?? 3)

const server = new ServerProcess({ env: CHAOS_SERVER_ENV })
await server.start()
const rss = peakRss(() => server.pid)
const room = await server.createRoom('storm')
const crowd = new Crowd(server.wsUrl, room.roomId, room.tokens.participant)
const tConnect = performance.now()
await crowd.grow(N)
note(`${N} clients connected and synced in ${Math.round(performance.now() - tConnect)} ms`)

const resyncs: number[] = []
const afterListening: number[] = []
const cpu: number[] = []
for (let run = 0; run < RUNS; run++) {
  const texts = crowd.docs.map((d) => purposeStatement(d))
  const before = texts[0]!.length
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await server.stop()
  // While the server is down, five people keep typing (their providers are offline).
  let added = 0
  for (let i = 0; i < 5; i++) {
    const word = `offline-${run}-${i} `
    texts[Math.floor((i * N) / 5)]!.insert(0, word)
    added += word.length
  }
  await server.start()
  const tUp = performance.now()
  const expected = before + added
  await waitFor(() => crowd.syncedCount() === N && texts.every((t) => t.length === expected), {
    timeoutMs: 120_000,
    intervalMs: 25,
    what: 'every client to resync',
  })
  const t1 = performance.now()
  const used = process.cpuUsage(cpu0)
  resyncs.push(t1 - t0)
  afterListening.push(t1 - tUp)
  cpu.push(((used.user + used.system) / 1000 / (t1 - t0)) * 100)
  note(
    `restart ${run}: all ${N} resynced ${Math.round(t1 - t0)} ms after SIGTERM ` +
      `(${Math.round(t1 - tUp)} ms after the new server listened); load generator CPU ${cpu.at(-1)!.toFixed(0)} %`,
  )
}
report(`chaos.storm.resync.${N}.ms`, 'ms', median(resyncs), {
  runs: RUNS,
  afterListeningMs: Math.round(median(afterListening)),
  loadgenCpuPercent: Math.round(median(cpu)),
  goal: 10_000,
})
report(`chaos.storm.rss.${N}`, 'MB', rss.stop(), { clients: N })
crowd.destroy()
await server.dispose()
process.exit(0)
