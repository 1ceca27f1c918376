// Storage over real restarts: unload and reload, compaction, SIGTERM (store everything, 1012),
// and SIGKILL in the middle of a stream of edits.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { purposeStatement } from '@kickoff/model'
import { CloseCode } from '@kickoff/protocol'
import { whenSynced } from '../helpers/clients.js'
import type { LogLine } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { useStage } from './lib/stage.js'

const { server, client } = useStage({ env: { COMPACT_AFTER_UPDATES: '50' } })

const forRoom = (roomId: string, msg: string) => (l: LogLine) =>
  l.msg === msg && l.roomId === roomId

describe('storage', () => {
  it('unloads a room after its last client leaves and reloads it on the next join', async () => {
    const room = await server.createRoom('Unload')
    const a = client(room.roomId, room.tokens.participant)
    await whenSynced(a)
    const text = purposeStatement(a.doc)
    for (let i = 0; i < 300; i++) text.insert(text.length, `${i % 10}`)
    await waitFor(() => server.logs.some(forRoom(room.roomId, 'compacted')), {
      what: 'compaction during the session',
    })
    a.destroy()
    await waitFor(() => server.logs.some(forRoom(room.roomId, 'room unloaded')), {
      what: 'the room to unload',
    })
    const b = client(room.roomId, room.tokens.participant)
    await whenSynced(b)
    expect(purposeStatement(b.doc).length).toBe(300)
    // Log lines and socket messages travel apart: wait for the line.
    const loads = await waitFor(() => {
      const lines = server.logs.filter(forRoom(room.roomId, 'room loaded'))
      return lines.length === 2 ? lines : null
    })
    // Compacted on the way out: the reload reads one stored state, not 300 updates.
    expect(loads[1]!.storedUpdates).toBe(1)
  })

  it('SIGTERM stores everything first and tells clients to reconnect (1012)', async () => {
    const room = await server.createRoom('Graceful')
    const a = client(room.roomId, room.tokens.participant)
    const b = client(room.roomId, room.tokens.participant)
    await Promise.all([whenSynced(a), whenSynced(b)])
    for (let i = 0; i < 200; i++) purposeStatement(a.doc).insert(0, 'x')
    // b has all 200: the server applied them; most are not stored yet.
    await waitFor(() => purposeStatement(b.doc).length === 200, { what: 'b to see all edits' })
    const code = await server.stop()
    expect(code).toBe(0)
    expect(server.linesWith('stopped: everything stored')).toHaveLength(1)
    for (const c of [a, b]) {
      await waitFor(() => c.closes.length > 0, { what: 'the close' })
      expect(c.closes[0]!.code).toBe(CloseCode.serverRestart.code)
      c.provider.disconnect() // so that what the server has is its own, not resynced
    }
    await server.start()
    const fresh = client(room.roomId, room.tokens.viewer)
    await whenSynced(fresh)
    expect(purposeStatement(fresh.doc).length).toBe(200)
    // The old clients come back and sync with the restarted server.
    a.provider.connect()
    await whenSynced(a)
    purposeStatement(a.doc).insert(0, 'back ')
    await waitFor(() => purposeStatement(fresh.doc).toString().startsWith('back '), {
      what: 'sync after the restart',
    })
  })

  it('SIGKILL mid-stream: every stored edit survives, and clients converge after resync', async () => {
    const room = await server.createRoom('Crash')
    const writers = [0, 1, 2].map(() => client(room.roomId, room.tokens.participant))
    await Promise.all(writers.map((w) => whenSynced(w)))
    let pushes = 0
    const timers = writers.map((w, i) =>
      setInterval(() => {
        w.doc.getArray<string>('stream').push([`${i}:${pushes++}`])
      }, 3),
    )
    const storedLines = () => server.logs.filter(forRoom(room.roomId, 'stored'))
    try {
      await waitFor(() => storedLines().length >= 30, { what: '30 durable writes' })
      await server.kill()
    } finally {
      for (const t of timers) clearInterval(t)
    }
    // What the server had made durable before it died, by its own account.
    const last = storedLines().at(-1)!
    const stored = Y.decodeStateVector(Buffer.from(last.stateVector as string, 'base64'))
    for (const w of writers) w.provider.disconnect()
    await server.start()
    const fresh = client(room.roomId, room.tokens.viewer)
    await whenSynced(fresh)
    const after = Y.decodeStateVector(Y.encodeStateVector(fresh.doc))
    let covered = 0
    for (const [clientId, clock] of stored) {
      expect(after.get(clientId) ?? 0).toBeGreaterThanOrEqual(clock)
      covered++
    }
    expect(covered).toBeGreaterThanOrEqual(3)
    // Each push is one clock tick of its writer: count what the restarted server has.
    const items = fresh.doc.getArray<string>('stream').toArray()
    for (const w of writers) {
      const mine = items.filter((x) => x.startsWith(`${writers.indexOf(w)}:`)).length
      expect(mine).toBeGreaterThanOrEqual(stored.get(w.doc.clientID) ?? 0)
    }
    // Everyone comes back: what the server lost is resent by the writers; all converge.
    for (const w of writers) w.provider.connect()
    await Promise.all(writers.map((w) => whenSynced(w)))
    await waitFor(
      () => [...writers, fresh].every((c) => c.doc.getArray('stream').length === pushes),
      { what: 'every replica to hold every push', timeoutMs: 30_000 },
    )
    const texts = [...writers, fresh].map((c) => JSON.stringify(c.doc.getArray('stream').toJSON()))
    expect(new Set(texts).size).toBe(1)
  })
})
