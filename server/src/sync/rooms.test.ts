import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ROOT, SCHEMA_VERSION, readVoting, schemaVersionOf } from '@kickoff/model'
import { Hooks } from '../hooks.js'
import { MemoryStorage } from '../storage/memory.js'
import { meta } from '../storage/test/contract.js'
import type { SentKind } from '../hooks.js'
import type { Outgoing } from './broadcaster.js'
import type { Outlet } from './member.js'
import type { Room } from './room.js'
import { Rooms } from './rooms.js'
import { FakeClock } from './test/fakeClock.js'

const ROOM = 'L'.repeat(22)

class Null implements Outlet {
  lastSentAt = 0
  sent: SentKind[] = []
  send(_: Uint8Array, kind: SentKind) {
    this.sent.push(kind)
    return true
  }
  write(m: Outgoing) {
    this.sent.push(m.kind)
    return true
  }
}

/** MemoryStorage whose loads and appends wait for gates, counting loads. */
class SlowStorage extends MemoryStorage {
  loads = 0
  gate: Promise<void> = Promise.resolve()
  appendGate: Promise<void> = Promise.resolve()
  override async loadDoc(roomId: string) {
    this.loads++
    await this.gate
    return super.loadDoc(roomId)
  }
  override async appendUpdates(roomId: string, updates: readonly Uint8Array[]) {
    await this.appendGate
    return super.appendUpdates(roomId, updates)
  }
}

/** A room stored as `write` leaves a doc (by default: some text, at the current schema). */
async function setup(
  write: (doc: Y.Doc) => void = (doc) => {
    doc.getMap(ROOT.meta).set('schemaVersion', SCHEMA_VERSION)
    doc.getText('t').insert(0, 'stored')
  },
) {
  const storage = new SlowStorage()
  const doc = new Y.Doc()
  write(doc)
  await storage.createRoom(meta(ROOM), Y.encodeStateAsUpdate(doc))
  const events: string[] = []
  const migrations: unknown[] = []
  const rooms = new Rooms({
    storage,
    clock: new FakeClock(),
    hooks: new Hooks([
      {
        roomLoaded: (e) => {
          events.push('loaded')
          migrations.push(e.migration)
        },
        roomUnloaded: () => events.push('unloaded'),
      },
    ]),
    settings: {
      batchIntervalMs: 16,
      batchSendShare: 0.3,
      batchMaxIntervalMs: 33,
      fanoutPerSecond: 30_000,
      presenceRenewMs: 5000,
      compactAfter: 500,
      maxPresencePerConnection: 16,
    },
  })
  return { storage, rooms, events, migrations }
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setImmediate(r))
  expect(cond()).toBe(true)
}

describe('Rooms', () => {
  it('loads a room once however many join at once, and sends step 1 only after', async () => {
    const { storage, rooms } = await setup()
    let open!: () => void
    storage.gate = new Promise((r) => (open = r))
    const outlets = [new Null(), new Null(), new Null()]
    const joins = outlets.map((o) => rooms.join(ROOM, o, 'participant'))
    await new Promise((r) => setImmediate(r))
    expect(outlets[0]!.sent).toEqual([]) // nothing answered before the stored state is in
    open()
    const members = await Promise.all(joins)
    expect(storage.loads).toBe(1)
    expect(outlets.every((o) => o.sent[0] === 'sync')).toBe(true)
    expect(members[0]!.room.doc.getText('t').toString()).toBe('stored')
  })

  it('unloads after the last member leaves and its writes are stored; reloads on join', async () => {
    const { storage, rooms, events } = await setup()
    const m = await rooms.join(ROOM, new Null(), 'participant')
    m.room.doc.getText('t').insert(0, 'more ') // as if a member edited
    rooms.leave(m)
    await until(() => events.includes('unloaded'))
    expect(rooms.size).toBe(0)
    const again = await rooms.join(ROOM, new Null(), 'viewer')
    expect(again.room.doc.getText('t').toString()).toBe('more stored')
    expect(storage.loads).toBe(2)
    // Unloading compacted the history into one state.
    expect((await storage.loadDoc(ROOM)).updates).toHaveLength(1)
  })

  it('keeps a room that someone joins while it unloads', async () => {
    const { storage, rooms, events } = await setup()
    const a = await rooms.join(ROOM, new Null(), 'participant')
    const room = a.room as Room
    let open!: () => void
    storage.appendGate = new Promise((r) => (open = r))
    room.doc.getText('t').insert(0, 'x') // a write is in flight while the room unloads
    rooms.leave(a)
    const b = await rooms.join(ROOM, new Null(), 'participant')
    expect(b.room).toBe(room)
    open()
    await room.writer.flushed()
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r))
    expect(events).not.toContain('unloaded')
    expect(room.destroyed).toBe(false)
    expect(rooms.peek(ROOM)).toBe(room)
    rooms.leave(b)
    await until(() => events.includes('unloaded'))
  })

  it('a failed load rejects the join and leaves nothing behind', async () => {
    const { storage, rooms } = await setup()
    storage.gate = Promise.reject(new Error('disk gone'))
    storage.gate.catch(() => {})
    await expect(rooms.join(ROOM, new Null(), 'participant')).rejects.toThrow('disk gone')
    expect(rooms.size).toBe(0)
    storage.gate = Promise.resolve()
    await expect(rooms.join(ROOM, new Null(), 'participant')).resolves.toBeTruthy()
  })

  it('use(): the server writes to an unloaded room: loaded, written, stored, unloaded again', async () => {
    const { storage, rooms, events } = await setup()
    const text = await rooms.use(ROOM, (room) =>
      room.serverWrite('close-kickoff', (doc) => {
        doc.getText('t').insert(0, 'closed ')
        return doc.getText('t').toString()
      }),
    )
    expect(text).toBe('closed stored')
    await until(() => events.includes('unloaded'))
    expect(rooms.size).toBe(0)
    const doc = new Y.Doc()
    for (const u of (await storage.loadDoc(ROOM)).updates) Y.applyUpdate(doc, u)
    expect(doc.getText('t').toString()).toBe('closed stored')
  })

  it('use(): a server write reaches every member of a live room, which stays loaded', async () => {
    const { rooms, events } = await setup()
    const outlets = [new Null(), new Null()]
    const members = await Promise.all(outlets.map((o) => rooms.join(ROOM, o, 'participant')))
    await rooms.use(ROOM, (room) =>
      room.serverWrite('close-kickoff', (doc) => doc.getText('t').insert(0, '!')),
    )
    const room = members[0]!.room as Room
    room.flushBroadcast()
    for (const o of outlets) expect(o.sent.filter((k) => k === 'update')).toHaveLength(1)
    await room.writer.flushed()
    expect(events).not.toContain('unloaded')
    expect(rooms.peek(ROOM)).toBe(room)
  })
  it('migrates a room an older version wrote when it loads, before anyone syncs, and stores it', async () => {
    const { storage, rooms, migrations } = await setup((doc) => {
      // Schema 1, the walking skeleton: a title and a purpose, none of the later defaults.
      doc.getMap(ROOT.meta).set('schemaVersion', 1)
      doc.getMap(ROOT.meta).set('title', 'Old board')
    })
    const member = await rooms.join(ROOM, new Null(), 'participant')
    const room = member.room as Room
    expect(migrations).toEqual([{ from: 1, to: SCHEMA_VERSION, applied: ['002-kickoff-sections'] }])
    expect(schemaVersionOf(room.doc)).toBe(SCHEMA_VERSION)
    expect(readVoting(room.doc).state).toBe('draft')
    // The migration is a server write: stored like any update, so the next load has nothing to do.
    await room.writer.flushed()
    const stored = new Y.Doc()
    for (const u of (await storage.loadDoc(ROOM)).updates) Y.applyUpdate(stored, u)
    expect(schemaVersionOf(stored)).toBe(SCHEMA_VERSION)
    expect(stored.getMap(ROOT.meta).get('title')).toBe('Old board')
  })

  it('serves a room a newer version wrote as it is, and says why it did not migrate it', async () => {
    const { rooms, migrations } = await setup((doc) => {
      doc.getMap(ROOT.meta).set('schemaVersion', SCHEMA_VERSION + 1)
      doc.getText('t').insert(0, 'from the future')
    })
    const member = await rooms.join(ROOM, new Null(), 'participant')
    const room = member.room as Room
    expect(migrations).toEqual([{ refused: expect.stringContaining('newer version') }])
    expect(schemaVersionOf(room.doc)).toBe(SCHEMA_VERSION + 1)
    expect(room.doc.getText('t').toString()).toBe('from the future')
  })

  it('leaves a current room alone', async () => {
    const { rooms, migrations } = await setup()
    await rooms.join(ROOM, new Null(), 'participant')
    expect(migrations).toEqual([null])
  })
})
