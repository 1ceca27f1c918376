// server.roundtrip.p50 / .p99: one keystroke from one stock client to another through the real
// server (its own process), in a quiet two-person room. Median of 5 runs of 200 edits each.
import { purposeStatement } from '@kickoff/model'
import { connectClient, whenSynced } from '../helpers/clients.js'
import { ServerProcess } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { median, note, percentile, report } from './lib/report.js'

const server = new ServerProcess({ env: { LOG_LEVEL: 'info' } })
await server.start()
const p50s: number[] = []
const p99s: number[] = []
for (let run = 0; run < 5; run++) {
  const room = await server.createRoom(`bench ${run}`)
  const a = connectClient(server.wsUrl, room.roomId, room.tokens.participant)
  const b = connectClient(server.wsUrl, room.roomId, room.tokens.participant)
  await Promise.all([whenSynced(a), whenSynced(b)])
  const textB = purposeStatement(b.doc)
  const samples: number[] = []
  for (let i = 0; i < 200; i++) {
    const expected = textB.length + 1
    const t0 = performance.now()
    purposeStatement(a.doc).insert(0, 'x')
    await waitFor(() => textB.length === expected, { intervalMs: 0, what: 'edit to arrive' })
    samples.push(performance.now() - t0)
  }
  p50s.push(percentile(samples, 50))
  p99s.push(percentile(samples, 99))
  a.destroy()
  b.destroy()
  note(
    `run ${run}: p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms`,
  )
}
report('server.roundtrip.p50', 'ms', median(p50s), { runs: 5, edits: 200 })
report('server.roundtrip.p99', 'ms', median(p99s), { runs: 5, edits: 200 })
await server.dispose()
