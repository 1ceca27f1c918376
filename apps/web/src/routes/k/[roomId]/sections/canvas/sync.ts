import type { RecordType } from '@tldraw/store'
import {
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  type TLPage,
  type TLRecord,
  type TLStore,
} from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { z } from 'zod'

/**
 * The page every canvas starts with. Its id is fixed, so two people opening an empty canvas at
 * the same time create the same page (the same key in the Y.Map) instead of two pages.
 */
export const FIRST_PAGE_ID = PageRecordType.createId('page')

/** The least a value in the canvas map must be before tldraw's own validators look at it. */
const RecordEnvelopeSchema = z.looseObject({
  id: z.string().min(1).max(256),
  typeName: z.string().min(1).max(64),
})

export interface CanvasSyncOptions {
  /** The editor's store. */
  store: TLStore
  /** `ROOT.canvas`: tldraw document records keyed by record id. */
  map: Y.Map<unknown>
  /**
   * Whether local changes may go into the document; read at every write. False for viewers and
   * refused links: the server would refuse their updates and close the socket.
   */
  canWrite: () => boolean
  /**
   * Local changes are gathered and written at most this often, in one transaction. A drag
   * changes a shape on every pointer move (~60 a second); each write sends the whole record to
   * everyone in the room and stays in the document's history, so 50 ms (20 a second) is smooth
   * enough to watch and a third of the traffic. 0 writes in the same tick.
   */
  flushMs?: number
  /** Told about every remote record that was skipped; defaults to console.warn. */
  onReject?: (id: string, reason: string) => void
}

export interface CanvasSync {
  /** Writes gathered local changes now (call before unmounting). */
  flush(): void
  /** Stops syncing; the store keeps what it has. */
  destroy(): void
  /** How many remote records were skipped as invalid so far. */
  readonly rejected: number
}

/**
 * Two-way binding between a tldraw store and the `canvas` Y.Map of the board document.
 *
 * - Only document-scoped records (shapes, pages, bindings, assets, the document, users) are
 *   synced. Session records (camera, instance, page state, pointer) stay in each browser, and
 *   presence goes through awareness (presence.ts), never into the document.
 * - Each record is one value, the whole record as JSON, under its id: concurrent edits of one
 *   shape resolve to one writer's version (Yjs picks the same one everywhere), edits of
 *   different shapes never conflict.
 * - Local changes (`source: 'user'`) are written in a transaction whose origin is private to
 *   this binding, so its own observer skips them; everything else that changes the map (the
 *   server, other tabs, IndexedDB, future model code) is applied to the store as remote.
 * - Remote values are untrusted: each must be an object with a matching id, of a known
 *   document-scoped type, pass tldraw's validators, and (shapes, bindings) point at records that
 *   exist. Bad ones are skipped and reported, never thrown into the editor. A record waiting
 *   for its parent is retried when more records arrive.
 */
export function bindCanvas(opts: CanvasSyncOptions): CanvasSync {
  const { store, map, canWrite } = opts
  if (!map.doc) throw new Error('the canvas map must belong to a Y.Doc')
  const doc: Y.Doc = map.doc
  const flushMs = opts.flushMs ?? 50
  const onReject =
    opts.onReject ?? ((id, reason) => console.warn(`canvas: skipped record ${id}: ${reason}`))
  const origin = Symbol('canvas-local-change')

  const documentTypes = new Map<string, RecordType<TLRecord, never>>()
  for (const [typeName, type] of Object.entries(store.schema.types)) {
    const recordType = type as RecordType<TLRecord, never>
    if (recordType.scope === 'document') documentTypes.set(typeName, recordType)
  }

  let rejected = 0
  /** Valid records whose parent or binding ends are not there yet. */
  const waiting = new Set<string>()
  /** Local changes not yet written: the latest record, or null for a removal. */
  const unsent = new Map<TLRecord['id'], TLRecord | null>()
  let timer: ReturnType<typeof setTimeout> | null = null

  function reject(id: string, reason: string): null {
    rejected++
    onReject(id, reason)
    return null
  }

  function validate(key: string, value: unknown): TLRecord | null {
    const envelope = RecordEnvelopeSchema.safeParse(value)
    if (!envelope.success) return reject(key, 'not a record')
    if (envelope.data.id !== key) return reject(key, `its id says ${envelope.data.id}`)
    if (!documentTypes.has(envelope.data.typeName))
      return reject(key, `"${envelope.data.typeName}" is not a document record type`)
    const before = store.get(key as TLRecord['id']) ?? null
    try {
      return store.schema.validateRecord(
        store,
        value as TLRecord,
        before ? 'updateRecord' : 'createRecord',
        before,
      )
    } catch (err) {
      return reject(key, err instanceof Error ? err.message : String(err))
    }
  }

  /** The ids a record needs to exist before it can go into the store. */
  function references(record: TLRecord): string[] {
    switch (record.typeName) {
      case 'shape':
        return [record.parentId]
      case 'binding':
        return [record.fromId, record.toId]
      default:
        return []
    }
  }

  function applyRemote(keys: Iterable<string>): void {
    const toPut = new Map<string, TLRecord>()
    const toRemove = new Set<TLRecord['id']>()
    for (const key of new Set(keys)) {
      const id = key as TLRecord['id']
      // The document now says something newer than our unsent local change: it wins here as it
      // does everywhere, so this store and the document agree.
      unsent.delete(id)
      waiting.delete(key)
      if (!map.has(key)) {
        // The document record is never removed: the editor cannot work without it.
        if (store.has(id) && id !== TLDOCUMENT_ID) toRemove.add(id)
        continue
      }
      const record = validate(key, map.get(key))
      if (record) toPut.set(key, record)
    }
    // Drop records whose references are missing, until none are left (a child of a dropped
    // shape is dropped too); they wait for a later change.
    const exists = (id: string) =>
      toPut.has(id) || (store.has(id as TLRecord['id']) && !toRemove.has(id as TLRecord['id']))
    for (let dropped = true; dropped;) {
      dropped = false
      for (const [key, record] of toPut) {
        if (references(record).every(exists)) continue
        toPut.delete(key)
        waiting.add(key)
        dropped = true
      }
    }
    if (toPut.size === 0 && toRemove.size === 0) return
    try {
      store.mergeRemoteChanges(() => {
        if (toRemove.size) store.remove([...toRemove])
        if (toPut.size) store.put([...toPut.values()])
      })
    } catch (err) {
      // Validated records should never get here; if tldraw still refuses, keep the editor alive.
      reject([...toPut.keys(), ...toRemove].join(', '), `the editor refused them: ${String(err)}`)
    }
  }

  /**
   * A canvas needs the document record and a page. If nobody has created them yet, create them
   * with fixed ids (so concurrent creators agree) in the store and, if we may, in the document.
   */
  function ensureDocumentAndPage(): void {
    const missing: TLRecord[] = []
    if (!store.has(TLDOCUMENT_ID)) missing.push(DocumentRecordType.create({ id: TLDOCUMENT_ID }))
    const hasPage = store.allRecords().some((record) => record.typeName === 'page')
    if (!hasPage)
      missing.push(
        PageRecordType.create({
          id: FIRST_PAGE_ID,
          name: 'Page 1',
          index: 'a1' as TLPage['index'],
          meta: {},
        }),
      )
    if (missing.length === 0) return
    store.mergeRemoteChanges(() => store.put(missing))
    if (!canWrite()) return
    doc.transact(() => {
      for (const record of missing) if (!map.has(record.id)) map.set(record.id, record)
    }, origin)
  }

  function flush(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (unsent.size === 0) return
    const batch = [...unsent]
    unsent.clear()
    if (!canWrite()) return
    doc.transact(() => {
      for (const [id, record] of batch) {
        if (record) map.set(id, record)
        else map.delete(id)
      }
    }, origin)
  }

  applyRemote(map.keys())
  ensureDocumentAndPage()

  const stopListening = store.listen(
    ({ changes }) => {
      for (const record of Object.values(changes.added)) unsent.set(record.id, record)
      for (const [, record] of Object.values(changes.updated)) unsent.set(record.id, record)
      for (const record of Object.values(changes.removed)) unsent.set(record.id, null)
      if (flushMs === 0) flush()
      else timer ??= setTimeout(flush, flushMs)
    },
    { source: 'user', scope: 'document' },
  )

  const observer = (event: Y.YMapEvent<unknown>, tr: Y.Transaction) => {
    if (tr.origin === origin) return
    applyRemote([...event.keysChanged, ...waiting])
  }
  map.observe(observer)

  return {
    flush,
    destroy() {
      flush()
      stopListening()
      map.unobserve(observer)
    },
    get rejected() {
      return rejected
    },
  }
}
