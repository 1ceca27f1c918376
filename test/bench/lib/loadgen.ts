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
import { bareConnect, type BareSocket } from './barews.js'
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
  /** Idle clients renew their presence state this often (y-protocols: 15 s). */
  renewMs?: number
  /**
   * doc: every client also shares a presence state, as a stock y-websocket client in the app
   * does (announced on join, renewed every renewMs), so the room carries the presence traffic
   * of N real clients next to the updates. Off: receivers send nothing at all.
   */
  presence?: boolean
  /**
   * Receivers that neither send nor decode: `bare` TCP sockets that only walk frame headers
   * (cheapest), or `ws` clients that ignore what they get (each message still parsed by ws).
   */
  receivers?: 'bare' | 'ws'
}

export interface LoadResult {
  latencies: { p50: number; p90: number; p99: number; max: number; count: number }
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
  index: number
  /** Only writers and sampled receivers run a full ws client (they send or decode). */
  ws: WebSocket | null
  bare: BareSocket | null
  send(data: Uint8Array): void
  close(): void
}

const full = (i: number) => spec.receivers === 'ws' || writerIdx.has(i) || sampleIdx.has(i)

function connect(index: number): Promise<Client> {
  const url = writerIdx.has(index) ? spec.writerUrl : spec.readerUrl
  if (!full(index)) {
    return bareConnect(url, { onClose: () => loadRunning && closedEarly++ }).then((bare) => ({
      index,
      ws: null,
      bare,
      send: (d) => bare.send(d),
      close: () => bare.close(),
    }))
  }
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    let joined = false
    ws.on('message', () => {
      received++
      if (!joined) {
        // The server's first message (sync step 1) means it has joined us to the room.
        joined = true
        resolve({ index, ws, bare: null, send: (d) => ws.send(d), close: () => ws.terminate() })
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

/** Messages received by every socket so far. */
function receivedTotal(clients: Client[]): number {
  let n = received
  for (const c of clients) if (c.bare) n += c.bare.messages
  return n
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

/**
 * Runs `count` senders at `rate` per second each for `durationMs`, phases spread evenly. One
 * timer drives all of them and catches up when it fires late, so the offered load is the spec's
 * even when this process is briefly starved (each send is timestamped when it really happens).
 */
function pace(
  count: number,
  rate: number,
  durationMs: number,
  send: (sender: number) => void,
): Promise<void> {
  const interval = 1000 / rate
  const perSender = Math.floor((durationMs / 1000) * rate)
  const done = new Array<number>(count).fill(0)
  const t0 = performance.now()
  return new Promise((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - t0
      let finished = true
      for (let k = 0; k < count; k++) {
        const phase = (k * interval) / count
        const due = Math.min(perSender, Math.max(0, Math.floor((elapsed - phase) / interval) + 1))
        while (done[k]! < due) {
          done[k]!++
          send(k)
        }
        if (done[k]! < perSender) finished = false
      }
      if (finished) {
        clearInterval(timer)
        resolve()
      }
    }
    const timer = setInterval(tick, Math.max(1, Math.floor(interval / count)))
  })
}

/** Ends the load (after the straggler wait) and sums it up. */
function finish(run: {
  cpu0: NodeJS.CpuUsage
  t0: number
  loadEnd: number
  sent: number
  expected: number
  egress: number
}): LoadResult {
  const cpu = process.cpuUsage(run.cpu0)
  const wall = (performance.now() - run.t0) / 1000
  loadRunning = false
  const sorted = latencies.sort((a, b) => a - b)
  return {
    latencies: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
      count: sorted.length,
    },
    sent: run.sent,
    expected: run.expected,
    delivered,
    egressPerSecond: run.egress,
    stragglerSeconds: Math.max(0, (lastDeliveryAt - run.loadEnd) / 1000),
    loadgenCpuPercent: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
    closedEarly,
  }
}

// ─── presence shared by both modes: one state per client, announced, then renewed ───

const presence = {
  states: [] as { clientId: number; clock: number; user: string }[],
  base(i: number): string {
    return `{"user":${presence.states[i]!.user}}`
  },
}

/** Every client announces its presence state; resolves once every sample has seen everyone. */
async function announceAll(clients: Client[], seen: Map<number, number>[]): Promise<void> {
  presence.states = clients.map((c) => ({
    clientId: 1_000_000 + c.index,
    clock: 1,
    user: `{"name":"Person ${c.index}","color":"#${(c.index * 2654435761).toString(16).slice(-6).padStart(6, '0')}"}`,
  }))
  for (const c of clients) c.send(awarenessMessage(1_000_000 + c.index, 1, presence.base(c.index)))
  const everyone = await until(() => seen.every((m) => m.size >= spec.clients - 1), 60_000)
  if (!everyone) process.stderr.write('warning: not every sample saw every presence state\n')
}

/** Idle clients renew (same state, clock + 1) every renewMs at a random phase: the steady state. */
function renewDuringLoad(clients: Client[], skip: Set<number>): () => void {
  const renewMs = spec.renewMs ?? 15_000
  const timers: ReturnType<typeof setTimeout>[] = []
  for (const c of clients) {
    if (skip.has(c.index)) continue
    const s = presence.states[c.index]!
    const renew = () => {
      s.clock++
      c.send(awarenessMessage(s.clientId, s.clock, presence.base(c.index)))
    }
    for (let at = Math.random() * renewMs; at < spec.durationMs; at += renewMs) {
      timers.push(setTimeout(renew, at))
    }
  }
  return () => timers.forEach(clearTimeout)
}

/** Records, per sample, the newest presence clock seen of every client id. */
function watchPresence(
  clients: Client[],
  onEntry?: (now: number, e: { clientId: number; clock: number; state: string }) => void,
): Map<number, number>[] {
  return [...sampleIdx].map((i) => {
    const mine = new Map<number, number>()
    clients[i]!.ws!.on('message', (data: Buffer) => {
      if (data[0] !== 1) return
      const now = performance.now()
      for (const e of readAwareness(data)) {
        const last = mine.get(e.clientId) ?? 0
        if (e.clock <= last) continue
        mine.set(e.clientId, e.clock)
        onEntry?.(now, e)
      }
    })
    return mine
  })
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
    clients[i]!.ws!.on('message', (data: Buffer) => {
      if (data[0] !== 0) return
      const r = new Reader(data)
      r.varUint()
      const sub = r.varUint()
      if (sub !== 1 && sub !== 2) return
      Y.applyUpdate(doc, r.bytes())
    })
  }
  if (spec.presence) await announceAll(clients, watchPresence(clients))
  await waitForGo()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const received0 = receivedTotal(clients)
  loadRunning = true
  let sent = 0
  const stopRenewing = spec.presence ? renewDuringLoad(clients, new Set()) : () => {}
  const writers = [...writerIdx].map((i, w) => {
    const doc = new Y.Doc()
    const map = doc.getMap<number>('bench')
    const client = clients[i]!
    doc.on('update', (u: Uint8Array) => client.send(updateMessage(u)))
    let seq = 0
    return () => map.set(`${tag}${w}:${seq++}`, performance.now())
  })
  await pace(writers.length, spec.rate, spec.durationMs, (w) => {
    writers[w]!()
    sent++
  })
  stopRenewing()
  const loadEnd = performance.now()
  const egress = (receivedTotal(clients) - received0) / ((loadEnd - t0) / 1000)
  const expected = sent * sampleIdx.size
  await until(() => delivered >= expected, spec.stragglerMs)
  return finish({ cpu0, t0, loadEnd, sent, expected, egress })
}

// ─── presence mode: everyone has a state; movers move at `rate` Hz; idle ones renew ───

async function runPresence(clients: Client[]): Promise<LoadResult> {
  const seen = watchPresence(clients, (now, e) => {
    if (!loadRunning || !e.state.includes('"t":')) return
    const t = (JSON.parse(e.state) as { t: number }).t
    latencies.push(now - t)
    delivered++
    lastDeliveryAt = now
  })
  await announceAll(clients, seen)
  const states = presence.states
  await waitForGo()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const received0 = receivedTotal(clients)
  loadRunning = true
  let sent = 0
  const movers = [...writerIdx]
  const stopRenewing = renewDuringLoad(clients, writerIdx)
  await pace(movers.length, spec.rate, spec.durationMs, (m) => {
    const i = movers[m]!
    const s = states[i]!
    s.clock++
    const x = Math.round(Math.random() * 2000)
    const y = Math.round(Math.random() * 1200)
    const state = `{"user":${s.user},"cursor":{"x":${x},"y":${y}},"t":${performance.now()}}`
    clients[i]!.send(awarenessMessage(s.clientId, s.clock, state))
    sent++
  })
  stopRenewing()
  const loadEnd = performance.now()
  const egress = (receivedTotal(clients) - received0) / ((loadEnd - t0) / 1000)
  // Every sample ends up with every mover's final state (coalescing may skip the ones between).
  const final = () =>
    seen.reduce(
      (n, m) => n + movers.filter((i) => m.get(states[i]!.clientId) === states[i]!.clock).length,
      0,
    )
  const pairs = seen.length * movers.length
  await until(() => final() >= pairs, spec.stragglerMs)
  const result = finish({ cpu0, t0, loadEnd, sent, expected: sent * sampleIdx.size, egress })
  return { ...result, converged: final() / pairs }
}

const clients = await connectAll()
const result = spec.mode === 'doc' ? await runDoc(clients) : await runPresence(clients)
process.stdout.write(`${JSON.stringify({ result })}\n`)
for (const c of clients) c.close()
process.exit(0)
