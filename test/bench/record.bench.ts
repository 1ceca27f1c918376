// record.build.10k.ms: the time the server takes to write a kickoff record of a board with
// 10,000 entries (1,074 people, 200 teams, 400 members, 20 milestones, 2,000 dependencies,
// 926 risks, 10 lenses, 5,370 dots): buildRecord (every section as the views show it, the final
// tally, checks and readiness, problems, the document state in base64), then sealRecord
// (canonical JSON and its SHA-256). Storage is not included. Each run builds from a freshly
// loaded doc (loading not timed): the server's copy of a room has no view caches warmed, since
// the server renders nothing, so this is what closing costs. Median of 7 runs after 2 warm-ups
// (of the code, on other docs). Goal (issue 6): ≤ 200.
import * as Y from 'yjs'
import { buildRecord, importKickoff, sealRecord } from '@kickoff/model'
import { board10k, NOW } from './lib/boards.js'
import { median, note, report } from './lib/report.js'

const RUNS = 7
const WARMUP = 2

const { data, items } = board10k()
const source = new Y.Doc()
importKickoff(source, data)
const update = Y.encodeStateAsUpdate(source)

const options = {
  kind: 'kickoff' as const,
  now: NOW,
  roomId: 'bench-room-0000000',
  recordId: 'bench-record-00000',
  closedBy: { personId: 'p0' },
}

async function once(): Promise<{ ms: number; bytes: number; buildMs: number }> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  const t0 = performance.now()
  const content = buildRecord(doc, options)
  const t1 = performance.now()
  const sealed = await sealRecord(content)
  const ms = performance.now() - t0
  doc.destroy()
  return { ms, bytes: sealed.text.length, buildMs: t1 - t0 }
}

for (let i = 0; i < WARMUP; i++) await once()
const runs: Awaited<ReturnType<typeof once>>[] = []
for (let i = 0; i < RUNS; i++) runs.push(await once())
const ms = runs.map((r) => r.ms)
note(`record: ${items} entries, ${Math.round(runs[0]!.bytes / 1024)} KB of canonical JSON`)
report('record.build.10k.ms', 'ms', median(ms), {
  items,
  buildMs: Math.round(median(runs.map((r) => r.buildMs)) * 10) / 10,
  recordKB: Math.round(runs[0]!.bytes / 1000),
  stateKB: Math.round(update.byteLength / 1000),
  runs: ms.map((x) => Math.round(x * 10) / 10),
  goal: 200,
})
