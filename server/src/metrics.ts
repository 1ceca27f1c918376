import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { SyncHooks } from './hooks.js'
import type { Traffic } from './sync/traffic.js'

/** What metrics read when scraped. */
export interface MetricsSources {
  traffic: Traffic
  roomsLoaded(): number
  /** Open connections by role (null: not yet authenticated). */
  connections(): Iterable<{ role: string | null }>
  /** Loaded rooms' member counts, presence states and unstored updates. */
  rooms(): Iterable<{ members: number; presence: number; pendingWrites: number }>
}

const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

/**
 * Prometheus metrics (prom-client), in a registry of their own. Events arrive as hooks; counts
 * that move on every socket write are read from `Traffic` at scrape time. No label carries a
 * room id or a token.
 */
export function createMetrics(sources: MetricsSources): { registry: Registry; hooks: SyncHooks } {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const r = [registry]

  new Gauge({
    name: 'kickoff_rooms_loaded',
    help: 'Rooms whose document is in memory.',
    registers: r,
    collect() {
      this.set(sources.roomsLoaded())
    },
  })
  new Gauge({
    name: 'kickoff_connections',
    help: 'Open sync connections by role (none: token not checked yet).',
    labelNames: ['role'],
    registers: r,
    collect() {
      const counts: Record<string, number> = { facilitator: 0, participant: 0, viewer: 0, none: 0 }
      for (const c of sources.connections()) counts[c.role ?? 'none']!++
      for (const [role, n] of Object.entries(counts)) this.set({ role }, n)
    },
  })
  new Gauge({
    name: 'kickoff_room_members_max',
    help: 'Members of the largest loaded room.',
    registers: r,
    collect() {
      let max = 0
      for (const room of sources.rooms()) max = Math.max(max, room.members)
      this.set(max)
    },
  })
  new Gauge({
    name: 'kickoff_presence_states',
    help: 'Presence (awareness) states held across loaded rooms.',
    registers: r,
    collect() {
      let n = 0
      for (const room of sources.rooms()) n += room.presence
      this.set(n)
    },
  })
  new Gauge({
    name: 'kickoff_storage_pending_updates',
    help: 'Updates applied but not yet stored, across rooms.',
    registers: r,
    collect() {
      let n = 0
      for (const room of sources.rooms()) n += room.pendingWrites
      this.set(n)
    },
  })

  // Monotonic totals kept in Traffic: each scrape adds what moved since the last one.
  const seen = new Map<string, number>()
  const catchUp = (
    c: Counter<string>,
    key: string,
    total: number,
    labels?: Record<string, string>,
  ) => {
    const delta = total - (seen.get(key) ?? 0)
    seen.set(key, total)
    // Also at 0, so that every series exists from the first scrape.
    if (labels) c.inc(labels, delta)
    else c.inc(delta)
  }
  new Counter({
    name: 'kickoff_messages_received_total',
    help: 'WebSocket messages received.',
    registers: r,
    collect() {
      catchUp(this, 'in.messages', sources.traffic.in.messages)
    },
  })
  new Counter({
    name: 'kickoff_received_bytes_total',
    help: 'Bytes of WebSocket messages received.',
    registers: r,
    collect() {
      catchUp(this, 'in.bytes', sources.traffic.in.bytes)
    },
  })
  new Counter({
    name: 'kickoff_messages_sent_total',
    help: 'WebSocket messages queued to sockets, by kind (sync, update, presence, keepalive).',
    labelNames: ['kind'],
    registers: r,
    collect() {
      for (const [kind, o] of Object.entries(sources.traffic.out)) {
        catchUp(this, `out.messages.${kind}`, o.messages, { kind })
      }
    },
  })
  new Counter({
    name: 'kickoff_sent_bytes_total',
    help: 'Bytes of WebSocket messages queued to sockets, by kind.',
    labelNames: ['kind'],
    registers: r,
    collect() {
      for (const [kind, o] of Object.entries(sources.traffic.out)) {
        catchUp(this, `out.bytes.${kind}`, o.bytes, { kind })
      }
    },
  })
  const opened = new Counter({
    name: 'kickoff_connections_opened_total',
    help: 'Sync connections accepted (before the token check).',
    registers: r,
  })
  const closed = new Counter({
    name: 'kickoff_connections_closed_total',
    help: 'Sync connections closed, by close code.',
    labelNames: ['code'],
    registers: r,
  })
  const refused = new Counter({
    name: 'kickoff_connections_refused_total',
    help: 'Sync connections refused: unknown-room, unauthorized, room-full, address-full, shutdown.',
    labelNames: ['reason'],
    registers: r,
  })
  const rejected = new Counter({
    name: 'kickoff_messages_rejected_total',
    help: 'Messages refused (their connection closed), by problem.',
    labelNames: ['problem'],
    registers: r,
  })
  const backpressure = new Counter({
    name: 'kickoff_backpressure_drops_total',
    help: 'Connections closed (4503) because their send buffer was over MAX_BUFFERED_BYTES.',
    registers: r,
  })
  const timeouts = new Counter({
    name: 'kickoff_ping_timeouts_total',
    help: 'Connections closed (4508) for neither answering pings nor moving bytes.',
    registers: r,
  })
  const flushes = new Counter({
    name: 'kickoff_flushes_total',
    help: 'Room broadcasts: immediate (quiet room) or batched (busy room).',
    labelNames: ['mode'],
    registers: r,
  })
  const batchUpdates = new Histogram({
    name: 'kickoff_batch_updates',
    help: 'Document updates merged into one broadcast.',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: r,
  })
  const batchPresence = new Histogram({
    name: 'kickoff_batch_presence_states',
    help: 'Presence states coalesced into one broadcast.',
    buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: r,
  })
  const batchRecipients = new Histogram({
    name: 'kickoff_batch_recipients',
    help: 'Members one broadcast was written to.',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
    registers: r,
  })
  const flushTime = new Histogram({
    name: 'kickoff_flush_seconds',
    help: 'Time to write one broadcast to every member of a room (sets a busy room period).',
    buckets: SECONDS,
    registers: r,
  })
  const loads = new Histogram({
    name: 'kickoff_storage_load_seconds',
    help: 'Time to load a room from storage and apply it.',
    buckets: SECONDS,
    registers: r,
  })
  const writes = new Histogram({
    name: 'kickoff_storage_write_seconds',
    help: 'Time of one storage write (one group commit of a room).',
    buckets: SECONDS,
    registers: r,
  })
  const writeUpdates = new Histogram({
    name: 'kickoff_storage_write_updates',
    help: 'Updates carried by one storage write.',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: r,
  })
  const compactions = new Histogram({
    name: 'kickoff_storage_compaction_seconds',
    help: 'Time to encode and store a compacted state.',
    buckets: SECONDS,
    registers: r,
  })
  const storageFailures = new Counter({
    name: 'kickoff_storage_failures_total',
    help: 'Failed storage operations (load, append, compact); appends are retried.',
    labelNames: ['op'],
    registers: r,
  })
  const unloaded = new Counter({
    name: 'kickoff_rooms_unloaded_total',
    help: 'Rooms unloaded after their last member left and their writes were stored.',
    registers: r,
  })

  const hooks: SyncHooks = {
    connectionOpened: () => opened.inc(),
    connectionClosed: (e) => closed.inc({ code: String(e.code) }),
    connectionRefused: (e) => refused.inc({ reason: e.refusal }),
    rejected: (e) => rejected.inc({ problem: e.problem }),
    backpressure: () => backpressure.inc(),
    timedOut: () => timeouts.inc(),
    flushed: (e) => {
      flushes.inc({ mode: e.batched ? 'batched' : 'immediate' })
      batchUpdates.observe(e.updates)
      batchPresence.observe(e.presence)
      batchRecipients.observe(e.recipients)
      flushTime.observe(e.ms / 1000)
    },
    roomLoaded: (e) => loads.observe(e.ms / 1000),
    roomUnloaded: () => unloaded.inc(),
    stored: (e) => {
      writes.observe(e.ms / 1000)
      writeUpdates.observe(e.updates)
    },
    compacted: (e) => compactions.observe(e.ms / 1000),
    storageFailed: (e) => storageFailures.inc({ op: e.op }),
  }
  return { registry, hooks }
}
