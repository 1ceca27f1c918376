import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RecordExistsError, type RecordMeta, type RoomMeta, type Storage } from '../types.js'

const hex = (c: string) => c.repeat(64)

export function meta(roomId: string): RoomMeta {
  return {
    roomId,
    title: 'Contract',
    createdAt: '2026-11-21T10:00:00.000Z',
    tokenHashes: { facilitator: hex('a'), participant: hex('b'), viewer: hex('c') },
  }
}

export function recordMeta(roomId: string, recordId: string, bytes = 3): RecordMeta {
  return {
    roomId,
    recordId,
    kind: 'kickoff',
    closedAt: '2026-11-21T16:00:00.000Z',
    closedBy: { personId: 'ada', name: 'Ada' },
    title: 'Contract',
    hash: hex('d'),
    bytes,
  }
}

const bytesOf = (s: string) => new TextEncoder().encode(s)

function update(fn: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array {
  let out: Uint8Array | null = null
  const listener = (u: Uint8Array) => (out = out ? Y.mergeUpdates([out, u]) : u)
  doc.on('update', listener)
  fn(doc)
  doc.off('update', listener)
  return out ?? new Uint8Array([0, 0])
}

/**
 * Every storage adapter passes this suite (memory, LevelDB, and any later one). Rule ids are
 * stable: STORE-1 …
 */
export function storageContract(
  name: string,
  open: () => Promise<{ storage: Storage; reopen?: () => Promise<Storage> }>,
) {
  describe(`storage contract: ${name}`, () => {
    it('STORE-1 a created room reads back with its meta and initial update', async () => {
      const { storage } = await open()
      const init = update((d) => d.getText('t').insert(0, 'hi'))
      await storage.createRoom(meta('R'.repeat(22)), init)
      expect(await storage.getRoom('R'.repeat(22))).toEqual(meta('R'.repeat(22)))
      const loaded = await storage.loadDoc('R'.repeat(22))
      const doc = new Y.Doc()
      for (const u of loaded.updates) Y.applyUpdate(doc, u)
      expect(doc.getText('t').toString()).toBe('hi')
      await storage.close()
    })

    it('STORE-2 an unknown room reads as null and an empty document', async () => {
      const { storage } = await open()
      expect(await storage.getRoom('U'.repeat(22))).toBeNull()
      expect((await storage.loadDoc('U'.repeat(22))).updates).toEqual([])
      await storage.close()
    })

    it('STORE-3 appended updates load in order, rooms stay apart', async () => {
      const { storage } = await open()
      const a = 'A'.repeat(22)
      const b = 'B'.repeat(22)
      const docA = new Y.Doc()
      await storage.createRoom(
        meta(a),
        update(() => {}, docA),
      )
      await storage.createRoom(
        meta(b),
        update((d) => d.getText('t').insert(0, 'b')),
      )
      const words = ['one ', 'two ', 'three ']
      for (const w of words) {
        const t = docA.getText('t')
        await storage.appendUpdates(a, [update(() => t.insert(t.length, w), docA)])
      }
      const loaded = new Y.Doc()
      for (const u of (await storage.loadDoc(a)).updates) Y.applyUpdate(loaded, u)
      expect(loaded.getText('t').toString()).toBe('one two three ')
      const other = new Y.Doc()
      for (const u of (await storage.loadDoc(b)).updates) Y.applyUpdate(other, u)
      expect(other.getText('t').toString()).toBe('b')
      await storage.close()
    })

    it('STORE-4 compaction replaces history with one state and keeps later updates', async () => {
      const { storage } = await open()
      const r = 'C'.repeat(22)
      const doc = new Y.Doc()
      await storage.createRoom(
        meta(r),
        update(() => {}, doc),
      )
      for (let i = 0; i < 20; i++) {
        await storage.appendUpdates(r, [update(() => doc.getArray<number>('a').push([i]), doc)])
      }
      const before = await storage.loadDoc(r)
      const merged = Y.mergeUpdates(before.updates)
      // An update lands while compaction runs: it must survive.
      const late = storage.appendUpdates(r, [
        update(() => doc.getArray<number>('a').push([99]), doc),
      ])
      await storage.compact(r, merged, before.lastSeq)
      await late
      const after = await storage.loadDoc(r)
      expect(after.updates.length).toBe(2)
      const loaded = new Y.Doc()
      for (const u of after.updates) Y.applyUpdate(loaded, u)
      expect(loaded.getArray('a').toArray()).toEqual([
        ...Array.from({ length: 20 }, (_, i) => i),
        99,
      ])
      await storage.close()
    })

    it('STORE-5 concurrent appends never share a sequence number', async () => {
      const { storage } = await open()
      const r = 'D'.repeat(22)
      const doc = new Y.Doc()
      await storage.createRoom(
        meta(r),
        update(() => {}, doc),
      )
      const ups = Array.from({ length: 50 }, (_, i) =>
        update(() => doc.getArray<number>('a').push([i]), doc),
      )
      const seqs = await Promise.all(ups.map((u) => storage.appendUpdates(r, [u])))
      expect(new Set(seqs).size).toBe(50)
      const loaded = new Y.Doc()
      for (const u of (await storage.loadDoc(r)).updates) Y.applyUpdate(loaded, u)
      expect(loaded.getArray('a').length).toBe(50)
      await storage.close()
    })

    it('STORE-6 creating a room twice fails and keeps the first', async () => {
      const { storage } = await open()
      const r = 'E'.repeat(22)
      await storage.createRoom(
        meta(r),
        update(() => {}),
      )
      await expect(
        storage.createRoom(
          { ...meta(r), title: 'again' },
          update(() => {}),
        ),
      ).rejects.toThrow()
      expect((await storage.getRoom(r))?.title).toBe('Contract')
      await storage.close()
    })

    it('STORE-7 ping resolves while open', async () => {
      const { storage } = await open()
      await expect(storage.ping()).resolves.toBeUndefined()
      await storage.close()
    })

    it('STORE-9 a record reads back with its meta and exactly its bytes; rooms keep their own', async () => {
      const { storage } = await open()
      const r = 'G'.repeat(22)
      const other = 'H'.repeat(22)
      const content = bytesOf('{"record":"one","é":1}')
      await storage.putRecord(recordMeta(r, 'rec-b'.padEnd(22, 'b'), content.length), content)
      await storage.putRecord(recordMeta(r, 'rec-a'.padEnd(22, 'a')), bytesOf('two'))
      await storage.putRecord(recordMeta(other, 'rec-c'.padEnd(22, 'c')), bytesOf('three'))
      const got = await storage.getRecord(r, 'rec-b'.padEnd(22, 'b'))
      expect(got?.meta).toEqual(recordMeta(r, 'rec-b'.padEnd(22, 'b'), content.length))
      expect(got && [...got.content]).toEqual([...content])
      const list = await storage.listRecords(r)
      expect(list.map((x) => x.recordId)).toEqual([
        'rec-a'.padEnd(22, 'a'),
        'rec-b'.padEnd(22, 'b'),
      ])
      expect(new TextDecoder().decode(list[0]!.content)).toBe('two')
      expect((await storage.listRecords(other)).map((x) => x.recordId)).toEqual([
        'rec-c'.padEnd(22, 'c'),
      ])
      await storage.close()
    })

    it('STORE-10 records are immutable: a second put of an id is refused and the first stays', async () => {
      const { storage } = await open()
      const r = 'I'.repeat(22)
      const id = 'immutable'.padEnd(22, 'x')
      await storage.putRecord(recordMeta(r, id), bytesOf('first'))
      await expect(
        storage.putRecord({ ...recordMeta(r, id), title: 'again' }, bytesOf('second')),
      ).rejects.toBeInstanceOf(RecordExistsError)
      // Two puts of a new id at once: exactly one lands.
      const race = 'race'.padEnd(22, 'y')
      const results = await Promise.allSettled([
        storage.putRecord(recordMeta(r, race), bytesOf('one')),
        storage.putRecord(recordMeta(r, race), bytesOf('two')),
      ])
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1)
      const got = await storage.getRecord(r, id)
      expect(got?.meta?.title).toBe('Contract')
      expect(new TextDecoder().decode(got!.content)).toBe('first')
      // The interface offers no way to change or remove one.
      for (const name of ['deleteRecord', 'updateRecord', 'replaceRecord'])
        expect(name in storage).toBe(false)
      await storage.close()
    })

    it('STORE-11 an unknown record reads as null, a room without records lists none', async () => {
      const { storage } = await open()
      expect(await storage.getRecord('J'.repeat(22), 'nothing'.padEnd(22, 'z'))).toBeNull()
      expect(await storage.listRecords('J'.repeat(22))).toEqual([])
      await storage.close()
    })

    it('STORE-8 data survives close and reopen (durable adapters)', async () => {
      const { storage, reopen } = await open()
      if (!reopen) {
        await storage.close()
        return
      }
      const r = 'F'.repeat(22)
      await storage.createRoom(
        meta(r),
        update((d) => d.getText('t').insert(0, 'kept')),
      )
      await storage.close()
      const again = await reopen()
      const doc = new Y.Doc()
      for (const u of (await again.loadDoc(r)).updates) Y.applyUpdate(doc, u)
      expect(doc.getText('t').toString()).toBe('kept')
      // The sequence counter survives too: a new append lands after the old ones.
      await again.appendUpdates(r, [update(() => doc.getText('t').insert(4, '!'), doc)])
      const reloaded = new Y.Doc()
      for (const u of (await again.loadDoc(r)).updates) Y.applyUpdate(reloaded, u)
      expect(reloaded.getText('t').toString()).toBe('kept!')
      await again.close()
    })

    it('STORE-12 records survive close and reopen, and stay immutable (durable adapters)', async () => {
      const { storage, reopen } = await open()
      if (!reopen) {
        await storage.close()
        return
      }
      const r = 'K'.repeat(22)
      const id = 'durable'.padEnd(22, 'd')
      await storage.putRecord(recordMeta(r, id), bytesOf('kept'))
      await storage.close()
      const again = await reopen()
      expect(new TextDecoder().decode((await again.getRecord(r, id))!.content)).toBe('kept')
      await expect(again.putRecord(recordMeta(r, id), bytesOf('other'))).rejects.toBeInstanceOf(
        RecordExistsError,
      )
      await again.close()
    })
  })
}
