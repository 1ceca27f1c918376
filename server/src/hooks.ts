import type { Role } from '@kickoff/protocol'

/** Kinds of message the server sends. */
export type SentKind = 'sync' | 'update' | 'presence' | 'keepalive'

/** Why a connection was refused before it joined a room. */
export type Refusal = 'room-full' | 'address-full' | 'unknown-room' | 'unauthorized' | 'shutdown'

/**
 * Typed events of the sync server. Metrics and logs are hooks; the server calls every hook in
 * order, and a hook implements only what it needs. Payloads never carry tokens.
 */
export interface SyncHooks {
  connectionOpened?(e: { roomId: string }): void
  connectionRefused?(e: { roomId: string; refusal: Refusal }): void
  connectionClosed?(e: { roomId: string; role: Role | null; code: number; reason: string }): void
  /** A message was refused and its connection closed with `code`. */
  rejected?(e: { roomId: string; problem: string; code: number; detail: string }): void
  /** A room sent what it had pending: `batched` when it had waited for the batch interval. */
  flushed?(e: {
    updates: number
    presence: number
    recipients: number
    batched: boolean
    /** How long writing it to every member took. */
    ms: number
  }): void
  /** A connection was closed because its send buffer was over the bound. */
  backpressure?(e: { roomId: string; buffered: number }): void
  /** A connection was closed because it neither answered pings nor moved bytes. */
  timedOut?(e: { roomId: string }): void
  /**
   * A room's stored state is loaded. `migration`: the model's schema steps the server applied
   * (a room written by an older version), or why it could not (a newer version wrote it).
   */
  roomLoaded?(e: {
    roomId: string
    ms: number
    storedUpdates: number
    bytes: number
    migration: { from: number; to: number; applied: string[] } | { refused: string } | null
  }): void
  roomUnloaded?(e: { roomId: string }): void
  /** Updates reached storage. `stateVector` is the room's state vector at the moment the
   * batch was taken: everything it covers is now stored. */
  stored?(e: {
    roomId: string
    updates: number
    bytes: number
    ms: number
    seq: number
    stateVector: Uint8Array | null
  }): void
  compacted?(e: { roomId: string; ms: number; bytes: number; reason: 'threshold' | 'unload' }): void
  storageFailed?(e: { roomId: string; op: 'load' | 'append' | 'compact'; err: unknown }): void
}

type Handler<K extends keyof SyncHooks> = NonNullable<SyncHooks[K]>

/** Calls an ordered list of hooks. A hook that throws is reported and does not stop the rest. */
export class Hooks {
  readonly #list: readonly SyncHooks[]
  /** Whether any hook wants the state vector in `stored` (it costs an encode per write). */
  readonly wantsStateVector: boolean

  constructor(list: readonly SyncHooks[], opts: { wantsStateVector?: boolean } = {}) {
    this.#list = list
    this.wantsStateVector = opts.wantsStateVector ?? false
  }

  emit<K extends keyof SyncHooks>(name: K, event: Parameters<Handler<K>>[0]): void {
    for (const hook of this.#list) {
      const fn = hook[name] as ((e: typeof event) => void) | undefined
      if (!fn) continue
      try {
        fn.call(hook, event)
      } catch (err) {
        // A broken metric must not break sync. Report to stderr without the payload.
        process.stderr.write(`hook ${String(name)} failed: ${String(err)}\n`)
      }
    }
  }
}

export const noHooks = new Hooks([])
