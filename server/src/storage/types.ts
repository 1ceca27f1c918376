import { z } from 'zod'
import { RoomIdSchema } from '@kickoff/protocol'

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)

/** What the server keeps about a room besides its document. Validated on every read. */
export const RoomMetaSchema = z.object({
  roomId: RoomIdSchema,
  title: z.string(),
  createdAt: z.iso.datetime(),
  tokenHashes: z.object({ facilitator: Sha256Hex, participant: Sha256Hex, viewer: Sha256Hex }),
})
export type RoomMeta = z.infer<typeof RoomMetaSchema>

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
  close(): Promise<void>
}
