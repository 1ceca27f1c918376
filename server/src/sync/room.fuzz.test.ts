// A deterministic in-memory network: simulated stock clients (y-protocols sync and awareness,
// as y-websocket runs them) talk to a real Room through queues the test delivers in a seeded
// random order, with a fake clock driving batching, renewals and keepalives. After every step
// cheap invariants hold; at the end, after everyone reconnects and the queues drain, every
// replica, the room and its storage hold the same document. A failure prints the seed and the
// op log; a seed that once failed stays below as a named test.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { Role } from '@kickoff/protocol'
import { Hooks, type SentKind } from '../hooks.js'
import { MemoryStorage } from '../storage/memory.js'
import { meta } from '../storage/test/contract.js'
import type { Outgoing } from './broadcaster.js'
import type { Member, Outlet } from './member.js'
import { readFrame } from './messages/frame.js'
import { Room } from './room.js'
import { FakeClock } from './test/fakeClock.js'

const ROOM = 'F'.repeat(22)
const VIEWER_MARK = '<viewer>'

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A stock client: y-websocket's message handling, with queues instead of a socket. */
class SimClient implements Outlet {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  /** Server → client, in order. */
  inbox: Uint8Array[] = []
  /** Client → server, in order. */
  outbox: Uint8Array[] = []
  member: Member | null = null
  connected = false
  lastSentAt = 0
  refused = 0

  constructor(
    readonly name: string,
    readonly role: Role,
  ) {
    this.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === this || !this.member) return
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      syncProtocol.writeUpdate(e, u)
      this.outbox.push(encoding.toUint8Array(e))
    })
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      if (!this.member) return
      const ids = [...added!, ...updated!, ...removed!].filter((id) => id === this.doc.clientID)
      if (ids.length > 0) this.outbox.push(this.#awarenessMessage(ids))
    })
  }

  #awarenessMessage(ids: number[]): Uint8Array {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
    return encoding.toUint8Array(e)
  }

  send(data: Uint8Array, _kind: SentKind): boolean {
    if (!this.connected) return false
    this.inbox.push(data)
    return true
  }

  write(m: Outgoing): boolean {
    return this.send(m.payload, m.kind)
  }

  connect(room: Room): void {
    this.connected = true
    this.member = room.join(this, this.role)
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    syncProtocol.writeSyncStep1(e, this.doc)
    this.outbox.push(encoding.toUint8Array(e))
    if (this.awareness.getLocalState() !== null) {
      this.outbox.push(this.#awarenessMessage([this.doc.clientID]))
    }
  }

  disconnect(room: Room): void {
    if (!this.member) return
    room.leave(this.member)
    this.member = null
    this.connected = false
    this.inbox = []
    this.outbox = []
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID)
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this)
  }

  /** Delivers one message to the server; returns false when the server refused it. */
  deliverUp(room: Room): boolean {
    const msg = this.outbox.shift()
    if (!msg || !this.member) return true
    const refused = this.member.receive(readFrame(msg))
    if (refused) {
      this.refused++
      this.disconnect(room)
      return false
    }
    return true
  }

  deliverDown(): void {
    const msg = this.inbox.shift()
    if (!msg) return
    const d = decoding.createDecoder(msg)
    const type = decoding.readVarUint(d)
    if (type === 0) {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      syncProtocol.readSyncMessage(d, e, this.doc, this)
      if (encoding.length(e) > 1) this.outbox.push(encoding.toUint8Array(e))
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), this)
    }
  }

  destroy(): void {
    this.awareness.destroy()
    this.doc.destroy()
  }
}

interface Stats {
  immediate: number
  batched: number
  compactions: number
  refused: number
}

async function simulate(seed: number, steps: number): Promise<Stats> {
  const stats: Stats = { immediate: 0, batched: 0, compactions: 0, refused: 0 }
  const random = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
  const log: string[] = []
  const clock = new FakeClock()
  const storage = new MemoryStorage()
  const init = new Y.Doc()
  init.getText('t').insert(0, 'start ')
  await storage.createRoom(meta(ROOM), Y.encodeStateAsUpdate(init))
  const room = await Room.load(ROOM, {
    storage,
    clock,
    hooks: new Hooks([
      {
        flushed: (e) => (e.batched ? stats.batched++ : stats.immediate++),
        compacted: () => stats.compactions++,
      },
    ]),
    settings: {
      batchIntervalMs: 16,
      batchSendShare: 0.3,
      batchMaxIntervalMs: 33,
      // Small enough that a handful of clients switch between immediate and batched.
      fanoutPerSecond: 200,
      presenceRenewMs: 5000,
      compactAfter: 20,
      maxPresencePerConnection: 4,
    },
  })
  const clients = [
    new SimClient('a', 'facilitator'),
    new SimClient('b', 'participant'),
    new SimClient('c', 'participant'),
    new SimClient('v', 'viewer'),
  ]
  const check = (cond: boolean, what: string) => {
    if (!cond) throw new Error(what)
  }
  try {
    for (const c of clients) c.connect(room)
    for (let step = 0; step < steps; step++) {
      const c = pick(clients)
      const r = random()
      let op: string
      if (r < 0.25) {
        const t = c.doc.getText('t')
        const pos = Math.floor(random() * (t.length + 1))
        if (c.role === 'viewer') {
          op = `${c.name} tries to write`
          t.insert(pos, VIEWER_MARK)
        } else if (random() < 0.2 && t.length > 0) {
          op = `${c.name} deletes at ${pos}`
          t.delete(Math.min(pos, t.length - 1), 1)
        } else {
          op = `${c.name} inserts at ${pos}`
          t.insert(pos, `${c.name}${step} `)
        }
      } else if (r < 0.5) {
        op = `deliver up ${c.name}`
        c.deliverUp(room)
      } else if (r < 0.75) {
        op = `deliver down ${c.name}`
        c.deliverDown()
      } else if (r < 0.85) {
        const ms = Math.floor(random() * 40)
        op = `advance ${ms} ms`
        clock.advance(ms)
      } else if (r < 0.92) {
        op = `${c.name} moves its cursor`
        c.awareness.setLocalStateField('cursor', { x: step })
      } else if (c.member) {
        op = `${c.name} disconnects`
        c.disconnect(room)
      } else {
        op = `${c.name} reconnects`
        c.connect(room)
      }
      log.push(op)
      // Invariants after every step.
      check(!room.doc.getText('t').toString().includes(VIEWER_MARK), 'a viewer edit landed')
      check(
        room.members.size === clients.filter((x) => x.member).length,
        'room members differ from connected clients',
      )
    }
    // Everyone (but the viewer, whose replica holds its refused edit) reconnects; drain.
    for (const c of clients) {
      if (c.role === 'viewer') c.disconnect(room)
      else if (!c.member) c.connect(room)
    }
    const drain = () => {
      for (let round = 0; round < 50; round++) {
        clock.advance(40)
        for (const c of clients) {
          while (c.outbox.length > 0) c.deliverUp(room)
          while (c.inbox.length > 0) c.deliverDown()
        }
      }
    }
    drain()
    const expected = room.doc.getText('t').toString()
    for (const c of clients.filter((x) => x.role !== 'viewer')) {
      check(c.doc.getText('t').toString() === expected, `${c.name} did not converge`)
    }
    // Presence: after a reconnect, y-protocols only accepts a state with a higher clock, so a
    // client that reconnected sees the others (and is seen) once states renew, as stock
    // Awareness does every 15 s. Renew everyone; the server forwards renewals in its sweep.
    for (const c of clients) {
      if (c.member) c.awareness.setLocalState(c.awareness.getLocalState())
    }
    for (let i = 0; i < 3; i++) {
      drain()
      clock.advance(5000)
    }
    drain()
    for (const c of clients.filter((x) => x.member)) {
      for (const other of clients.filter((x) => x.member && x !== c)) {
        check(
          c.awareness.getStates().has(other.doc.clientID),
          `${c.name} does not see ${other.name}`,
        )
      }
    }
    await room.writer.flushed()
    const stored = new Y.Doc()
    for (const u of (await storage.loadDoc(ROOM)).updates) Y.applyUpdate(stored, u)
    check(stored.getText('t').toString() === expected, 'storage differs from the room')
    check(!expected.includes(VIEWER_MARK), 'viewer edit stored')
    stats.refused = clients.reduce((n, c) => n + c.refused, 0)
    return stats
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    throw new Error(`seed ${seed}: ${message}\nlast ops:\n  ${log.slice(-40).join('\n  ')}`, {
      cause: err,
    })
  } finally {
    for (const c of clients) c.destroy()
    room.destroy()
  }
}

describe('room over a deterministic in-memory network', () => {
  it.each(Array.from({ length: 25 }, (_, i) => i + 1))('seed %i converges', async (seed) => {
    await simulate(seed, 400)
  })

  it('a long run converges (seed 4242, 3,000 steps) through every path', async () => {
    const stats = await simulate(4242, 3000)
    // Guards the simulation itself: it must exercise both send modes, compaction, and the
    // refusal of a viewer that writes.
    expect(stats.immediate).toBeGreaterThan(0)
    expect(stats.batched).toBeGreaterThan(0)
    expect(stats.compactions).toBeGreaterThan(0)
    expect(stats.refused).toBeGreaterThan(0)
  })
})
