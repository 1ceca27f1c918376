import { mkdir } from 'node:fs/promises'
import { ClassicLevel } from 'classic-level'
import { RoomMetaSchema, type RoomMeta, type Storage, type StoredDoc } from './types.js'

const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()

/** Sequence numbers as fixed-width hex so that LevelDB's byte order is numeric order. */
const seqKey = (roomId: string, seq: number) =>
  `docs!${roomId}!${seq.toString(16).padStart(13, '0')}`
const parseSeq = (key: string) => Number.parseInt(key.slice(key.lastIndexOf('!') + 1), 16)
// '!' sorts before every base64url character and '~' after every hex digit.
const docRange = (roomId: string) => ({ gt: `docs!${roomId}!`, lt: `docs!${roomId}!~` })
const roomKey = (roomId: string) => `rooms!${roomId}`
const counterKey = (roomId: string) => `seq!${roomId}`

/**
 * LevelDB under DATA_DIR. Key layout:
 *   rooms!<roomId>             → RoomMeta JSON
 *   docs!<roomId>!<seq hex13>  → one Yjs update (or a compacted state)
 *   seq!<roomId>               → last sequence number written
 */
export class LevelStorage implements Storage {
  readonly #db: ClassicLevel<string, Uint8Array>
  /** Per-room next sequence number, so that appends never race on a read-modify-write. */
  readonly #next = new Map<string, number>()
  /** Write options: `sync` fsyncs LevelDB's log before a write resolves. */
  readonly #write: { sync: boolean }

  private constructor(dir: string, fsync: boolean) {
    this.#db = new ClassicLevel<string, Uint8Array>(dir, {
      keyEncoding: 'utf8',
      valueEncoding: 'view',
    })
    this.#write = { sync: fsync }
  }

  /**
   * Opens (creating) the database in `dir`. With `fsync` (the default) every write is on disk
   * when it resolves, so it survives a machine crash; without, it survives a crash of this
   * process only (the OS holds it).
   */
  static async open(dir: string, opts: { fsync?: boolean } = {}): Promise<LevelStorage> {
    await mkdir(dir, { recursive: true })
    const s = new LevelStorage(dir, opts.fsync ?? true)
    await s.#db.open()
    return s
  }

  async ping(): Promise<void> {
    const value = utf8.encode(String(Date.now()))
    await this.#db.put('health!ping', value)
    const back = await this.#db.get('health!ping')
    if (!back || fromUtf8.decode(back) !== fromUtf8.decode(value)) {
      throw new Error('storage read-back mismatch')
    }
  }

  async createRoom(meta: RoomMeta, initialUpdate: Uint8Array): Promise<void> {
    const valid = RoomMetaSchema.parse(meta)
    if ((await this.#db.get(roomKey(valid.roomId))) !== undefined) {
      throw new Error(`room ${valid.roomId} exists`)
    }
    await this.#db.batch(
      [
        { type: 'put', key: roomKey(valid.roomId), value: utf8.encode(JSON.stringify(valid)) },
        { type: 'put', key: seqKey(valid.roomId, 1), value: initialUpdate },
        { type: 'put', key: counterKey(valid.roomId), value: utf8.encode('1') },
      ],
      this.#write,
    )
    this.#next.set(valid.roomId, 2)
  }

  async getRoom(roomId: string): Promise<RoomMeta | null> {
    const raw = await this.#db.get(roomKey(roomId))
    if (raw === undefined) return null
    return RoomMetaSchema.parse(JSON.parse(fromUtf8.decode(raw)))
  }

  async loadDoc(roomId: string): Promise<StoredDoc> {
    const updates: Uint8Array[] = []
    let lastSeq = 0
    for await (const [key, value] of this.#db.iterator(docRange(roomId))) {
      updates.push(value)
      lastSeq = parseSeq(key)
    }
    return { updates, lastSeq }
  }

  /** Reads the stored counter once per room; later calls hit the cache synchronously. */
  async #nextSeq(roomId: string): Promise<number> {
    const cached = this.#next.get(roomId)
    if (cached !== undefined) return cached
    const stored = await this.#db.get(counterKey(roomId))
    const next = (stored === undefined ? 0 : Number.parseInt(fromUtf8.decode(stored), 10)) + 1
    // Another append may have filled the cache while we awaited: it wins.
    const winner = this.#next.get(roomId) ?? next
    this.#next.set(roomId, winner)
    return winner
  }

  async appendUpdates(roomId: string, updates: readonly Uint8Array[]): Promise<number> {
    let seq = await this.#nextSeq(roomId)
    // Re-read after the await: a concurrent append may have advanced the counter.
    seq = Math.max(seq, this.#next.get(roomId) ?? seq)
    const ops = updates.map((value) => ({
      type: 'put' as const,
      key: seqKey(roomId, seq++),
      value,
    }))
    const last = seq - 1
    this.#next.set(roomId, seq)
    await this.#db.batch(
      [...ops, { type: 'put', key: counterKey(roomId), value: utf8.encode(String(last)) }],
      this.#write,
    )
    return last
  }

  async compact(roomId: string, state: Uint8Array, upToSeq: number): Promise<void> {
    const dels = []
    for await (const key of this.#db.keys({
      gt: `docs!${roomId}!`,
      lte: seqKey(roomId, upToSeq),
    })) {
      dels.push({ type: 'del' as const, key })
    }
    // The merged state takes the slot of the last update it covers, so the order stays right.
    await this.#db.batch(
      [...dels, { type: 'put', key: seqKey(roomId, upToSeq), value: state }],
      this.#write,
    )
  }

  async close(): Promise<void> {
    await this.#db.close()
  }
}
