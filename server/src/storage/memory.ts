import type { RoomMeta, Storage, StoredDoc } from './types.js'

/** In-process storage for unit tests; loses everything with the process. */
export class MemoryStorage implements Storage {
  readonly #rooms = new Map<string, RoomMeta>()
  readonly #docs = new Map<string, { seq: number; update: Uint8Array }[]>()
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

  async close(): Promise<void> {
    this.#closed = true
  }
}
