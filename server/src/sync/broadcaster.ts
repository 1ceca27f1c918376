import * as Y from 'yjs'
import type { Hooks, SentKind } from '../hooks.js'
import type { FanoutBudget } from './budget.js'
import type { Clock } from './clock.js'
import { KEEPALIVE, writeAwareness } from './messages/awareness.js'
import { writeUpdate } from './messages/sync.js'
import { binaryFrame } from './wsframe.js'
import type { PresenceStore } from './presence.js'

/** A message encoded and framed once, written as is to every recipient. */
export interface Outgoing {
  readonly kind: SentKind
  readonly payload: Uint8Array
  /** The payload as one WebSocket frame. */
  readonly frame: Buffer
}

export function outgoing(payload: Uint8Array, kind: SentKind): Outgoing {
  return { kind, payload, frame: binaryFrame(payload) }
}

/** Someone the room sends to. */
export interface Recipient {
  /** Queues one framed message; false when the recipient could not take it (being dropped). */
  write(message: Outgoing): boolean
  /** `clock.now()` when a message was last queued to it. */
  readonly lastSentAt: number
}

const KEEPALIVE_MESSAGE = outgoing(KEEPALIVE, 'keepalive')

/**
 * A stock client closes its socket after 30 s without a message (y-websocket's watchdog). The
 * renewal sweep sends an empty presence message to anyone who got nothing for this long.
 */
export const KEEPALIVE_AFTER_MS = 15_000

export interface BroadcasterOptions {
  clock: Clock
  budget: FanoutBudget
  /** Shortest time between a busy room's flushes. */
  minIntervalMs: number
  /** Longest: a busy room flushes at least this often while anything is pending. */
  maxIntervalMs: number
  /** Share of the time a busy room may spend writing broadcasts (0–1): sets its period. */
  sendShare: number
  hooks: Hooks
}

/**
 * What a room sends, and when. Document updates and presence changes are gathered; when the room
 * is quiet (its fan-out budget allows) they go out at once; otherwise the room flushes once per
 * period — as long as writing one broadcast to every member takes, divided by `sendShare`,
 * between the minimum and maximum batch interval — and they go out merged: one `Y.mergeUpdates`
 * and one presence message with the latest state per client, each encoded and framed once and
 * written to every member. Presence renewals (same state, higher clock) wait for the sweep.
 */
export class Broadcaster<R extends Recipient> {
  #updates: Uint8Array[] = []
  readonly #changed = new Set<number>()
  readonly #renewed = new Set<number>()
  /** The one member everything pending came from (it already has it), else null. */
  #source: R | null | undefined = undefined
  #timer: unknown = null
  #flushing = false
  #destroyed = false
  /** When the last flush started. */
  #lastFlushAt = Number.NEGATIVE_INFINITY
  /** Measured time one socket write takes (moving average, ms). */
  #writeCost = 0

  constructor(
    readonly recipients: ReadonlySet<R>,
    readonly presence: PresenceStore,
    readonly opts: BroadcasterOptions,
  ) {}

  /** The measured cost of one socket write, in ms (tests, metrics). */
  get writeCost(): number {
    return this.#writeCost
  }

  get pending(): boolean {
    return this.#updates.length > 0 || this.#changed.size > 0
  }

  /** A document update applied to the room's document, from `from` (null: the server). */
  update(update: Uint8Array, from: R | null): void {
    this.#updates.push(update)
    this.#from(from)
    this.#schedule()
  }

  /** Presence of these clients was added, changed or removed. */
  presenceChanged(ids: readonly number[], from: R | null): void {
    if (ids.length === 0) return
    for (const id of ids) this.#changed.add(id)
    this.#from(from)
    this.#schedule()
  }

  /** Presence of these clients was renewed without change: forwarded by the next sweep. */
  presenceRenewed(ids: readonly number[]): void {
    for (const id of ids) this.#renewed.add(id)
  }

  #from(from: R | null): void {
    if (this.#source === undefined) this.#source = from
    else if (this.#source !== from) this.#source = null
  }

  #schedule(): void {
    if (this.#timer !== null || this.#destroyed) return
    const writes = this.recipients.size - (this.#source ? 1 : 0)
    if (!this.#flushing && this.opts.budget.allows(writes)) {
      this.flush(false)
      return
    }
    // Busy: one flush per period, so that writing broadcasts takes at most `sendShare` of the
    // time. Measured, not assumed: a slower or busier machine gets a longer period.
    const { minIntervalMs, maxIntervalMs, sendShare, clock } = this.opts
    const period = Math.min(
      maxIntervalMs,
      Math.max(minIntervalMs, (this.#writeCost * this.recipients.size) / sendShare),
    )
    const wait = Math.max(0, this.#lastFlushAt + period - clock.now())
    this.#timer = clock.setTimeout(() => {
      this.#timer = null
      this.flush(true)
    }, wait)
  }

  /** Sends everything pending now. */
  flush(batched = false): void {
    if (this.#timer !== null) {
      this.opts.clock.clearTimeout(this.#timer)
      this.#timer = null
    }
    if (!this.pending || this.#destroyed) return
    this.#lastFlushAt = this.opts.clock.now()
    const updates = this.#updates
    const changed = [...this.#changed]
    const exclude = this.#source ?? null
    this.#updates = []
    this.#changed.clear()
    this.#source = undefined
    for (const id of changed) this.#renewed.delete(id)

    const messages: Outgoing[] = []
    if (updates.length > 0) {
      const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)
      messages.push(outgoing(writeUpdate(merged), 'update'))
    }
    if (changed.length > 0) {
      messages.push(outgoing(writeAwareness(this.presence.entries(changed)), 'presence'))
    }
    const t0 = this.opts.clock.now()
    const recipients = this.#sendAll(messages, exclude)
    this.opts.hooks.emit('flushed', {
      updates: updates.length,
      presence: changed.length,
      recipients,
      batched,
      ms: this.opts.clock.now() - t0,
    })
    // Anything that arrived while sending (a member dropped for backpressure leaves, and its
    // presence goes) waits for the next batch rather than recursing into this loop.
    if (this.pending) this.#schedule()
  }

  /**
   * Forwards pending renewals, expires presence that was not renewed in time, and sends an empty
   * presence message to members idle for KEEPALIVE_AFTER_MS. Called every renewal interval.
   */
  sweep(): void {
    if (this.#destroyed) return
    const expired = this.presence.expire()
    if (expired.length > 0) this.presenceChanged(expired, null)
    if (this.#renewed.size > 0) {
      const ids = [...this.#renewed]
      this.#renewed.clear()
      this.#sendAll([outgoing(writeAwareness(this.presence.entries(ids)), 'presence')], null)
    }
    const now = this.opts.clock.now()
    for (const r of this.recipients) {
      if (now - r.lastSentAt >= KEEPALIVE_AFTER_MS) r.write(KEEPALIVE_MESSAGE)
    }
  }

  #sendAll(messages: readonly Outgoing[], exclude: R | null): number {
    if (messages.length === 0) return 0
    let recipients = 0
    const t0 = this.opts.clock.now()
    this.#flushing = true
    try {
      for (const r of this.recipients) {
        if (r === exclude) continue
        recipients++
        for (const m of messages) r.write(m)
      }
    } finally {
      this.#flushing = false
    }
    const writes = recipients * messages.length
    if (writes > 0) {
      const cost = (this.opts.clock.now() - t0) / writes
      this.#writeCost = this.#writeCost === 0 ? cost : 0.8 * this.#writeCost + 0.2 * cost
    }
    this.opts.budget.charge(writes)
    return recipients
  }

  destroy(): void {
    this.#destroyed = true
    if (this.#timer !== null) this.opts.clock.clearTimeout(this.#timer)
    this.#timer = null
  }
}
