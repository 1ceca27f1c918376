// The load generator: its own process (pinned to its own core by the bench), so that the server
// under test does not share a core with 1,000 client sockets. Usage:
//   node --import tsx loadgen.ts '<LoadSpec JSON>'
// It connects every socket, prints {"ready":true}, waits for "go" on stdin, runs the load,
// waits for stragglers, prints one JSON result line and exits.
//
// Receivers are minimal: raw ws sockets that count messages and decode nothing, plus a spread
// sample that decode (Yjs updates or presence) to measure latency and deliveries.
import { createInterface } from 'node:readline'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { awarenessMessage, readAwareness, Reader, updateMessage } from './wire.js'

export interface LoadSpec {
  mode: 'doc' | 'presence'
  /** Socket URL for writers / movers. */
  writerUrl: string
  /** Socket URL for everyone else. */
  readerUrl: string
  clients: number
  /** doc: writers; presence: cursor movers. */
  writers: number
  /** Updates (or moves) per second per writer. */
  rate: number
  durationMs: number
  stragglerMs: number
  samples: number
  /** presence: idle clients renew their state this often (y-protocols: 15 s). */
  renewMs?: number
}

export interface LoadResult {
  latencies: { p50: number; p99: number; max: number; count: number }
  sent: number
  expected: number
  delivered: number
  /** Messages received by all sockets during the load window, per second. */
  egressPerSecond: number
  /** Seconds from load end until the last expected delivery (or the straggler deadline). */
  stragglerSeconds: number
  loadgenCpuPercent: number
  closedEarly: number
  /** presence: fraction of (sample, mover) pairs whose final state arrived. */
  converged?: number
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec

/** `count` indices spread evenly over 0..n-1 (first, middle, last joiners), avoiding some. */
function spread(count: number, n: number, offset: number, avoid: Set<number>): Set<number> {
  const out = new Set<number>()
  for (let k = 0; k < Math.min(count, n - avoid.size); k++) {
    let idx = Math.floor((k * n) / count + offset) % n
    while (avoid.has(idx) || out.has(idx)) idx = (idx + 1) % n
    out.add(idx)
  }
  return out
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const writerIdx = spread(spec.writers, spec.clients, 0, new Set())
const sampleIdx = spread(
  spec.samples,
  spec.clients,
  Math.floor(spec.clients / spec.samples / 2),
  writerIdx,
)

let received = 0
let closedEarly = 0
let loadRunning = false
const latencies: number[] = []
let delivered = 0
let lastDeliveryAt = 0

interface Client {
  ws: WebSocket
  index: number
}

function connect(index: number): Promise<Client> {
  const url = writerIdx.has(index) ? spec.writerUrl : spec.readerUrl
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    let joined = false
    ws.on('message', () => {
      received++
      if (!joined) {
        // The server's first message (sync step 1) means it has joined us to the room.
        joined = true
        resolve({ ws, index })
      }
    })
    ws.on('close', () => {
      if (!joined) reject(new Error(`socket ${index} closed before joining`))
      else if (loadRunning) closedEarly++
    })
    ws.on('error', (err) => {
      if (!joined) reject(err)
    })
  })
}

async function connectAll(): Promise<Client[]> {
  const clients: Client[] = new Array(spec.clients)
  let next = 0
  const workers = Array.from({ length: 32 }, async () => {
    while (next < spec.clients) {
      const i = next++
      clients[i] = await connect(i)
    }
  })
  await Promise.all(workers)
  return clients
}

/** Tells the bench we are set up, then waits for its "go" (it starts watching the server). */
function waitForGo(): Promise<void> {
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`)
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin })
    rl.on('line', (line) => {
      if (line.trim() === 'go') {
        rl.close()
        resolve()
      }
    })
  })
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 5))
  }
  return true
}

// ─── doc mode: writers set keys in a Y.Map; samples apply updates and time each key ───

async function runDoc(clients: Client[]): Promise<LoadResult> {
  const tag = `r${Date.now().toString(36)}:`
  for (const i of sampleIdx) {
    const doc = new Y.Doc()
    const map = doc.getMap<number>('bench')
    map.observe((event) => {
      const now = performance.now()
      for (const key of event.keysChanged) {
        if (!key.startsWith(tag)) continue
        latencies.push(now - map.get(key)!)
        delivered++
        lastDeliveryAt = now
      }
    })
    clients[i]!.ws.on('message', (data: Buffer) => {
      if (data[0] !== 0) return
      const r = new Reader(data)
      r.varUint()
      const sub = r.varUint()
      if (sub !== 1 && sub !== 2) return
      Y.applyUpdate(doc, r.bytes())
    })
  }
  await waitForGo()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  received = 0
  loadRunning = true
  let sent = 0
  const writers = [...writerIdx].map((i, w) => {
    const doc = new Y.Doc()
    const map = doc.getMap<number>('bench')
    const ws = clients[i]!.ws
    doc.on('update', (u: Uint8Array) => ws.send(updateMessage(u)))
    let seq = 0
    const interval = 1000 / spec.rate
    // Staggered starts, so that writers do not all fire in the same millisecond.
    let timer: ReturnType<typeof setInterval> | undefined
    const start = setTimeout(
      () => {
        timer = setInterval(() => {
          if (performance.now() - t0 >= spec.durationMs) return
          map.set(`${tag}${w}:${seq++}`, performance.now())
          sent++
        }, interval)
      },
      (w * interval) / spec.writers,
    )
    return () => {
      clearTimeout(start)
      clearInterval(timer)
    }
  })
  await new Promise((r) => setTimeout(r, spec.durationMs))
  for (const stop of writers) stop()
  const loadEnd = performance.now()
  const egress = received / ((loadEnd - t0) / 1000)
  const expected = sent * sampleIdx.size
  await until(() => delivered >= expected, spec.stragglerMs)
  const cpu = process.cpuUsage(cpu0)
  const wall = (performance.now() - t0) / 1000
  loadRunning = false
  const sorted = latencies.sort((a, b) => a - b)
  return {
    latencies: {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      count: sorted.length,
    },
    sent,
    expected,
    delivered,
    egressPerSecond: egress,
    stragglerSeconds: Math.max(0, (lastDeliveryAt - loadEnd) / 1000),
    loadgenCpuPercent: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
    closedEarly,
  }
}

// ─── presence mode: everyone has a state; movers move at `rate` Hz; idle ones renew ───

async function runPresence(clients: Client[]): Promise<LoadResult> {
  const renewMs = spec.renewMs ?? 15_000
  const states = clients.map((c) => ({
    clientId: 1_000_000 + c.index,
    clock: 1,
    user: `{"name":"Person ${c.index}","color":"#${(c.index * 2654435761).toString(16).slice(-6).padStart(6, '0')}"}`,
  }))
  const base = (i: number) => `{"user":${states[i]!.user}}`
  // What each sample has seen: the newest clock per client id.
  const seen = [...sampleIdx].map(() => new Map<number, number>())
  ;[...sampleIdx].forEach((i, s) => {
    const mine = seen[s]!
    clients[i]!.ws.on('message', (data: Buffer) => {
      if (data[0] !== 1) return
      const now = performance.now()
      for (const e of readAwareness(data)) {
        const last = mine.get(e.clientId) ?? 0
        if (e.clock <= last) continue
        mine.set(e.clientId, e.clock)
        if (!loadRunning || !e.state.includes('"t":')) continue
        const t = (JSON.parse(e.state) as { t: number }).t
        latencies.push(now - t)
        delivered++
        lastDeliveryAt = now
      }
    })
  })
  // Everyone announces itself; wait until the samples know everyone (the steady state).
  for (const c of clients) c.ws.send(awarenessMessage(states[c.index]!.clientId, 1, base(c.index)))
  const everyone = await until(() => seen.every((m) => m.size >= spec.clients - 1), 60_000)
  if (!everyone) process.stderr.write('warning: not every sample saw every presence state\n')
  await waitForGo()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  received = 0
  loadRunning = true
  let sent = 0
  const timers: (() => void)[] = []
  const movers = [...writerIdx]
  movers.forEach((i, m) => {
    const s = states[i]!
    const interval = 1000 / spec.rate
    let timer: ReturnType<typeof setInterval> | undefined
    const start = setTimeout(
      () => {
        timer = setInterval(() => {
          if (performance.now() - t0 >= spec.durationMs) return
          s.clock++
          const x = Math.round(Math.random() * 2000)
          const y = Math.round(Math.random() * 1200)
          const state = `{"user":${s.user},"cursor":{"x":${x},"y":${y}},"t":${performance.now()}}`
          clients[i]!.ws.send(awarenessMessage(s.clientId, s.clock, state))
          sent++
        }, interval)
      },
      (m * interval) / movers.length,
    )
    timers.push(() => {
      clearTimeout(start)
      clearInterval(timer)
    })
  })
  // Idle clients renew (same state, clock + 1) every renewMs, at a random phase: steady state.
  for (const c of clients) {
    if (writerIdx.has(c.index)) continue
    const s = states[c.index]!
    let timer: ReturnType<typeof setInterval> | undefined
    const start = setTimeout(() => {
      const renew = () => {
        s.clock++
        c.ws.send(awarenessMessage(s.clientId, s.clock, base(c.index)))
      }
      renew()
      timer = setInterval(renew, renewMs)
    }, Math.random() * renewMs)
    timers.push(() => {
      clearTimeout(start)
      clearInterval(timer)
    })
  }
  await new Promise((r) => setTimeout(r, spec.durationMs))
  for (const stop of timers) stop()
  const loadEnd = performance.now()
  const egress = received / ((loadEnd - t0) / 1000)
  // Every sample ends up with every mover's final state (coalescing may skip the ones between).
  const final = () =>
    seen.reduce(
      (n, m) => n + movers.filter((i) => m.get(states[i]!.clientId) === states[i]!.clock).length,
      0,
    )
  const pairs = seen.length * movers.length
  await until(() => final() >= pairs, spec.stragglerMs)
  const cpu = process.cpuUsage(cpu0)
  const wall = (performance.now() - t0) / 1000
  loadRunning = false
  const sorted = latencies.sort((a, b) => a - b)
  return {
    latencies: {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      count: sorted.length,
    },
    sent,
    expected: sent * sampleIdx.size,
    delivered,
    egressPerSecond: egress,
    stragglerSeconds: Math.max(0, (lastDeliveryAt - loadEnd) / 1000),
    loadgenCpuPercent: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
    closedEarly,
    converged: final() / pairs,
  }
}

const clients = await connectAll()
const result = spec.mode === 'doc' ? await runDoc(clients) : await runPresence(clients)
process.stdout.write(`${JSON.stringify({ result })}\n`)
for (const c of clients) c.ws.terminate()
process.exit(0)
