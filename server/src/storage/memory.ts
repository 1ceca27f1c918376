import {
  RecordExistsError,
  RecordMetaSchema,
  parseRecordMeta,
  type RecordMeta,
  type RoomMeta,
  type Storage,
  type StoredDoc,
  type StoredRecord,
} from './types.js'

/** In-process storage for unit tests; loses everything with the process. */
export class MemoryStorage implements Storage {
  readonly #rooms = new Map<string, RoomMeta>()
  readonly #docs = new Map<string, { seq: number; update: Uint8Array }[]>()
  /** `<roomId>!<recordId>` → the record, as bytes (meta as JSON text, like LevelDB keeps it). */
  readonly #records = new Map<string, { meta: Uint8Array; content: Uint8Array }>()
  #seq = 0
  #closed = false

  async ping(): Promise<void> {
    if (this.#closed) throw new Error('storage closed')
  }

  async createRoom(meta: RoomMeta, initialUpdate: Uint8Array): Promise<void> {
    if (this.#rooms.has(meta.roomId)) throw new Error(`room ${meta.roomId} exists`)
    this.#rooms.set(meta.roomId, structuredClone(meta))
    this.#docs.set(meta.roomId, [{ seq: ++this.#seq, update: initialUpdate.slice() }])
  }

  async getRoom(roomId: string): Promise<RoomMeta | null> {
    const meta = this.#rooms.get(roomId)
    return meta ? structuredClone(meta) : null
  }

  async loadDoc(roomId: string): Promise<StoredDoc> {
    const entries = this.#docs.get(roomId) ?? []
    return {
      updates: entries.map((e) => e.update.slice()),
      lastSeq: entries.at(-1)?.seq ?? 0,
    }
  }

  async appendUpdates(roomId: string, updates: readonly Uint8Array[]): Promise<number> {
    const entries = this.#docs.get(roomId) ?? []
    for (const u of updates) entries.push({ seq: ++this.#seq, update: u.slice() })
    this.#docs.set(roomId, entries)
    return this.#seq
  }

  async compact(roomId: string, state: Uint8Array, upToSeq: number): Promise<void> {
    const entries = this.#docs.get(roomId) ?? []
    const rest = entries.filter((e) => e.seq > upToSeq)
    this.#docs.set(roomId, [{ seq: upToSeq, update: state.slice() }, ...rest])
  }

  async putRecord(meta: RecordMeta, content: Uint8Array): Promise<void> {
    const valid = RecordMetaSchema.parse(meta)
    const key = `${valid.roomId}!${valid.recordId}`
    if (this.#records.has(key)) throw new RecordExistsError(valid.roomId, valid.recordId)
    this.#records.set(key, {
      meta: new TextEncoder().encode(JSON.stringify(valid)),
      content: content.slice(),
    })
  }

  async getRecord(roomId: string, recordId: string): Promise<StoredRecord | null> {
    const r = this.#records.get(`${roomId}!${recordId}`)
    return r ? stored(recordId, r) : null
  }

  async listRecords(roomId: string): Promise<StoredRecord[]> {
    const prefix = `${roomId}!`
    return [...this.#records.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, r]) => stored(k.slice(prefix.length), r))
  }

  /**
   * Tests only: changes a stored record's bytes behind the interface's back, as someone editing
   * the database would.
   */
  tamperRecord(
    roomId: string,
    recordId: string,
    edit: (r: { meta: Uint8Array; content: Uint8Array }) => {
      meta: Uint8Array
      content: Uint8Array
    },
  ): void {
    const key = `${roomId}!${recordId}`
    const r = this.#records.get(key)
    if (!r) throw new Error(`no record ${key}`)
    this.#records.set(key, edit(r))
  }

  async close(): Promise<void> {
    this.#closed = true
  }
}

function stored(recordId: string, r: { meta: Uint8Array; content: Uint8Array }): StoredRecord {
  return { recordId, meta: parseRecordMeta(r.meta), content: r.content.slice() }
}
