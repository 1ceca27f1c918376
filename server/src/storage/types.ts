import { z } from 'zod'
import { RecordIdSchema, RecordKindSchema, RoomIdSchema } from '@kickoff/protocol'

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)

/** What the server keeps about a room besides its document. Validated on every read. */
export const RoomMetaSchema = z.object({
  roomId: RoomIdSchema,
  title: z.string(),
  createdAt: z.iso.datetime(),
  tokenHashes: z.object({ facilitator: Sha256Hex, participant: Sha256Hex, viewer: Sha256Hex }),
})
export type RoomMeta = z.infer<typeof RoomMetaSchema>

/**
 * What is kept beside a record's content: enough to list it without reading it, and the hash
 * its content must match. Written once with the content, never changed.
 */
export const RecordMetaSchema = z.object({
  roomId: RoomIdSchema,
  recordId: RecordIdSchema,
  kind: RecordKindSchema,
  closedAt: z.iso.datetime(),
  closedBy: z.object({ personId: z.string().nullable(), name: z.string().nullable() }),
  title: z.string(),
  /** SHA-256 of the content bytes. */
  hash: Sha256Hex,
  bytes: z.int().nonnegative(),
})
export type RecordMeta = z.infer<typeof RecordMetaSchema>

/**
 * A record as stored. `meta` is null when what is stored beside the content does not parse
 * (changed by hand, or broken): the reader reports the record instead of trusting it.
 */
export interface StoredRecord {
  recordId: string
  meta: RecordMeta | null
  content: Uint8Array
}

/** Meta bytes as stored, or null when they do not parse (the reader reports the record). */
export function parseRecordMeta(bytes: Uint8Array): RecordMeta | null {
  try {
    const r = RecordMetaSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)))
    return r.success ? r.data : null
  } catch {
    return null
  }
}

/** putRecord's refusal: records are immutable, an id is never written twice. */
export class RecordExistsError extends Error {
  override readonly name = 'RecordExistsError'
  constructor(roomId: string, recordId: string) {
    super(`record ${recordId} of room ${roomId} exists; records are never overwritten`)
  }
}

/** A room's stored document: the updates in the order they were written. */
export interface StoredDoc {
  updates: Uint8Array[]
  /** Sequence number of the last stored update (compaction replaces everything up to it). */
  lastSeq: number
}

/**
 * Storage behind the sync protocol. Adapters (memory, LevelDB, later PostgreSQL) implement it
 * and pass the same contract suite (storage/contract.ts). No protocol code touches an adapter
 * directly.
 */
export interface Storage {
  /** Resolves when a write and a read round-trip; rejects when storage cannot serve. */
  ping(): Promise<void>
  createRoom(meta: RoomMeta, initialUpdate: Uint8Array): Promise<void>
  getRoom(roomId: string): Promise<RoomMeta | null>
  loadDoc(roomId: string): Promise<StoredDoc>
  /** Appends updates atomically and returns the sequence number of the last one. */
  appendUpdates(roomId: string, updates: readonly Uint8Array[]): Promise<number>
  /** Replaces every stored update with seq ≤ upToSeq by one merged state, atomically. */
  compact(roomId: string, state: Uint8Array, upToSeq: number): Promise<void>
  /**
   * Stores a record: its content bytes and its meta, together (atomically). Rejects with
   * RecordExistsError when the room already holds a record with this id: a record is written
   * once and never overwritten. There is no update and no delete.
   */
  putRecord(meta: RecordMeta, content: Uint8Array): Promise<void>
  /** The record as stored (not verified: see records/store.ts), or null. */
  getRecord(roomId: string, recordId: string): Promise<StoredRecord | null>
  /** Every record of the room, by id. */
  listRecords(roomId: string): Promise<StoredRecord[]>
  close(): Promise<void>
}
