import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Hooks, type SyncHooks } from '../hooks.js'
import { MemoryStorage } from './memory.js'
import { meta } from './test/contract.js'
import type { Storage } from './types.js'
import { RoomWriter } from './writer.js'

const ROOM = 'W'.repeat(22)

/** MemoryStorage whose appends wait for `release()` and can fail on demand. */
class GatedStorage extends MemoryStorage {
  appends: number[] = []
  failNext = 0
  #gate: Promise<void> | null = null
  #open: (() => void) | null = null

  hold(): void {
    this.#gate = new Promise((r) => (this.#open = r))
  }
  release(): void {
    this.#open?.()
    this.#gate = null
  }
  override async appendUpdates(roomId: string, updates: readonly Uint8Array[]): Promise<number> {
    this.appends.push(updates.length)
    if (this.#gate) await this.#gate
    if (this.failNext > 0) {
      this.failNext--
      throw new Error('disk full')
    }
    return super.appendUpdates(roomId, updates)
  }
}

async function setup(storage: Storage, compactAfter = 1000, hooks: SyncHooks = {}) {
  await storage.createRoom(meta(ROOM), Y.encodeStateAsUpdate(new Y.Doc()))
  const doc = new Y.Doc()
  const writer = new RoomWriter(
    ROOM,
    storage,
    doc,
    { compactAfter, hooks: new Hooks([hooks], { wantsStateVector: true }), retryMs: 1 },
    { entries: 1, lastSeq: 1 },
  )
  doc.on('update', (u: Uint8Array) => writer.append(u))
  return { doc, writer }
}

async function loaded(storage: Storage): Promise<Y.Doc> {
  const doc = new Y.Doc()
  for (const u of (await storage.loadDoc(ROOM)).updates) Y.applyUpdate(doc, u)
  return doc
}

describe('RoomWriter', () => {
  it('group-commits: what arrives during a write goes in the next one, together', async () => {
    const storage = new GatedStorage()
    const { doc, writer } = await setup(storage)
    storage.hold()
    doc.getArray('a').push([0]) // starts a write, which waits
    for (let i = 1; i < 10; i++) doc.getArray('a').push([i])
    expect(writer.pendingCount).toBe(9)
    storage.release()
    await writer.flushed()
    expect(storage.appends).toEqual([1, 9])
    expect((await loaded(storage)).getArray('a').toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('reports the stored state vector, which the stored history covers', async () => {
    const storage = new MemoryStorage()
    const stored: Uint8Array[] = []
    const { doc, writer } = await setup(storage, 1000, {
      stored: (e) => stored.push(e.stateVector!),
    })
    doc.getText('t').insert(0, 'hello')
    await writer.flushed()
    const sv = Y.decodeStateVector(stored.at(-1)!)
    const back = Y.decodeStateVector(Y.encodeStateVector(await loaded(storage)))
    for (const [client, clock] of sv) expect(back.get(client)).toBeGreaterThanOrEqual(clock)
    expect(sv.get(doc.clientID)).toBe(5)
  })

  it('keeps failed writes and retries them; nothing is lost', async () => {
    const storage = new GatedStorage()
    const failures: string[] = []
    const { doc, writer } = await setup(storage, 1000, {
      storageFailed: (e) => failures.push(e.op),
    })
    storage.failNext = 3
    doc.getText('t').insert(0, 'abc')
    doc.getText('t').insert(3, 'def')
    await writer.flushed()
    expect(failures).toEqual(['append', 'append', 'append'])
    expect((await loaded(storage)).getText('t').toString()).toBe('abcdef')
  })

  it('compacts during operation: stored history stays short however long the session', async () => {
    const storage = new MemoryStorage()
    const compactions: string[] = []
    const { doc, writer } = await setup(storage, 50, {
      compacted: (e) => compactions.push(e.reason),
    })
    for (let i = 0; i < 500; i++) {
      doc.getArray('a').push([i])
      if (i % 7 === 0) await writer.flushed()
    }
    await writer.flushed()
    expect(compactions.length).toBeGreaterThanOrEqual(5)
    const entries = (await storage.loadDoc(ROOM)).updates.length
    expect(entries).toBeLessThanOrEqual(51)
    expect((await loaded(storage)).getArray('a').length).toBe(500)
  })

  it('compacts on request (unload) only when there is history', async () => {
    const storage = new MemoryStorage()
    const compactions: string[] = []
    const { doc, writer } = await setup(storage, 1000, {
      compacted: (e) => compactions.push(e.reason),
    })
    writer.compact('unload')
    await writer.flushed()
    expect(compactions).toEqual([])
    doc.getText('t').insert(0, 'x')
    doc.getText('t').insert(1, 'y')
    writer.compact('unload')
    await writer.flushed()
    expect(compactions).toEqual(['unload'])
    expect((await storage.loadDoc(ROOM)).updates).toHaveLength(1)
    expect((await loaded(storage)).getText('t').toString()).toBe('xy')
  })
})
