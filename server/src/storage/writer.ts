import * as Y from 'yjs'
import type { Hooks } from '../hooks.js'
import type { Storage } from './types.js'

export interface WriterOptions {
  /** Compact after this many stored updates since the last compaction. */
  compactAfter: number
  hooks: Hooks
  /** First retry delay after a failed write; doubles up to 5 s. */
  retryMs?: number
}

/**
 * Stores one room's updates, in the order they were applied, with group commit: an update goes
 * into the first storage write that starts after it was applied, and a room has at most one
 * write in flight, so under load one write carries everything that arrived during the previous
 * one. An applied update is therefore durable within two storage writes. A failed write keeps
 * its updates and retries with backoff; nothing is dropped.
 *
 * Compaction (the whole document as one state replacing the history) runs in the same queue,
 * after `compactAfter` stored updates and when the room unloads, so that load time stays flat.
 */
export class RoomWriter {
  #pending: Uint8Array[] = []
  #running: Promise<void> | null = null
  #compactWanted: 'threshold' | 'unload' | null = null
  #sinceCompaction: number
  #lastSeq: number
  #retryMs: number

  constructor(
    readonly roomId: string,
    readonly storage: Storage,
    readonly doc: Y.Doc,
    readonly opts: WriterOptions,
    stored: { entries: number; lastSeq: number },
  ) {
    // A room loaded from one compacted state has nothing to compact.
    this.#sinceCompaction = Math.max(0, stored.entries - 1)
    this.#lastSeq = stored.lastSeq
    this.#retryMs = opts.retryMs ?? 100
    if (this.#sinceCompaction >= opts.compactAfter) this.compact('threshold')
  }

  /** Updates applied but not yet stored. */
  get pendingCount(): number {
    return this.#pending.length
  }

  /** Nothing pending and nothing being written. */
  get idle(): boolean {
    return this.#pending.length === 0 && this.#running === null && this.#compactWanted === null
  }

  /** Stored updates since the last compaction. */
  get sinceCompaction(): number {
    return this.#sinceCompaction
  }

  append(update: Uint8Array): void {
    this.#pending.push(update)
    this.#kick()
  }

  compact(reason: 'threshold' | 'unload'): void {
    this.#compactWanted ??= reason
    this.#kick()
  }

  /** Resolves when every update appended so far is stored (and any requested compaction ran). */
  async flushed(): Promise<void> {
    while (this.#running) await this.#running
  }

  #kick(): void {
    if (this.#running) return
    this.#running = this.#drain().finally(() => {
      this.#running = null
    })
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0 || this.#compactWanted) {
      if (this.#pending.length > 0) await this.#write()
      else await this.#compact()
    }
  }

  async #write(): Promise<void> {
    const batch = this.#pending
    this.#pending = []
    // Everything applied so far is in this batch or stored before it: after this write, storage
    // covers this state vector.
    const stateVector = this.opts.hooks.wantsStateVector ? Y.encodeStateVector(this.doc) : null
    const t0 = performance.now()
    try {
      this.#lastSeq = await this.storage.appendUpdates(this.roomId, batch)
    } catch (err) {
      this.#pending = batch.concat(this.#pending)
      this.opts.hooks.emit('storageFailed', { roomId: this.roomId, op: 'append', err })
      await new Promise((r) => setTimeout(r, this.#retryMs))
      this.#retryMs = Math.min(this.#retryMs * 2, 5000)
      return
    }
    this.#retryMs = this.opts.retryMs ?? 100
    this.#sinceCompaction += batch.length
    let bytes = 0
    for (const u of batch) bytes += u.length
    this.opts.hooks.emit('stored', {
      roomId: this.roomId,
      updates: batch.length,
      bytes,
      ms: performance.now() - t0,
      seq: this.#lastSeq,
      stateVector,
    })
    if (this.#sinceCompaction >= this.opts.compactAfter) this.#compactWanted ??= 'threshold'
  }

  async #compact(): Promise<void> {
    const reason = this.#compactWanted ?? 'threshold'
    this.#compactWanted = null
    if (this.#sinceCompaction === 0) return
    // Encoded now, after every stored update was applied: the state covers all of them (and
    // possibly later ones still pending, which is harmless: Yjs updates are idempotent).
    const t0 = performance.now()
    const state = Y.encodeStateAsUpdate(this.doc)
    try {
      await this.storage.compact(this.roomId, state, this.#lastSeq)
      this.#sinceCompaction = 0
      this.opts.hooks.emit('compacted', {
        roomId: this.roomId,
        ms: performance.now() - t0,
        bytes: state.length,
        reason,
      })
    } catch (err) {
      // The history stays as it is, which is correct, only slower to load; try again later.
      this.opts.hooks.emit('storageFailed', { roomId: this.roomId, op: 'compact', err })
    }
  }
}
