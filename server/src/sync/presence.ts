import { REMOVED, type PresenceEntry } from './messages/awareness.js'

/** y-protocols' `outdatedTimeout`: a state not renewed for this long is gone. */
export const PRESENCE_TIMEOUT_MS = 30_000

interface PresenceRecord {
  clock: number
  /** JSON text, or null once the client left. */
  state: string | null
  lastUpdated: number
  /** The member that last sent it; it is removed when that member leaves. */
  owner: object | null
}

/** What one incoming awareness message did. */
export interface PresenceChange {
  /** Added, changed or removed: forwarded soon. */
  changed: number[]
  /** Same state, higher clock (a y-protocols renewal): forwarded lazily. */
  renewed: number[]
}

/**
 * A room's presence (y-protocols awareness), kept as JSON text. It applies the same rules as
 * `applyAwarenessUpdate`, so that what the server forwards is what every client would accept,
 * and it tells real changes from renewals (same state, clock + 1), which the room forwards in a
 * periodic sweep instead of one by one.
 */
export class PresenceStore {
  readonly #records = new Map<number, PresenceRecord>()
  /** Live states per owner, kept in step with #records so the per-connection limit is O(1). */
  readonly #ownedCounts = new Map<object, number>()

  constructor(readonly now: () => number) {}

  get size(): number {
    let n = 0
    for (const r of this.#records.values()) if (r.state !== null) n++
    return n
  }

  #count(owner: object | null, delta: number): void {
    if (owner === null) return
    const n = (this.#ownedCounts.get(owner) ?? 0) + delta
    if (n > 0) this.#ownedCounts.set(owner, n)
    else this.#ownedCounts.delete(owner)
  }

  /** Client ids whose current state `owner` sent. */
  ownedBy(owner: object): number[] {
    const ids: number[] = []
    for (const [id, r] of this.#records) if (r.owner === owner && r.state !== null) ids.push(id)
    return ids
  }

  /**
   * How many live states `owner` would hold after applying `entries`. Only entries that win under
   * the y-protocols rule count: stock y-websocket clients re-broadcast every presence change they
   * receive, so a client's messages carry other people's states at the clock the server already
   * has; those echoes change nothing and claim nothing.
   */
  ownedAfter(owner: object, entries: readonly PresenceEntry[]): number {
    let count = this.#ownedCounts.get(owner) ?? 0
    // Later entries for the same id see the earlier ones, as apply() would.
    const seen = new Map<number, { clock: number; live: boolean; mine: boolean }>()
    for (const { clientId, clock, state } of entries) {
      const r = this.#records.get(clientId)
      const prev = seen.get(clientId) ?? {
        clock: r ? r.clock : 0,
        live: r?.state != null,
        mine: r?.owner === owner && r.state !== null,
      }
      const removing = state === REMOVED
      if (!(prev.clock < clock || (prev.clock === clock && removing && prev.live))) continue
      if (prev.mine) count--
      if (!removing) count++
      seen.set(clientId, { clock, live: !removing, mine: !removing })
    }
    return count
  }

  apply(entries: readonly PresenceEntry[], owner: object | null): PresenceChange {
    const now = this.now()
    const changed: number[] = []
    const renewed: number[] = []
    for (const { clientId, clock, state } of entries) {
      const r = this.#records.get(clientId)
      const current = r ? r.clock : 0
      const removing = state === REMOVED
      // The rule of y-protocols applyAwarenessUpdate: a higher clock wins; an equal clock may
      // only remove a present state.
      if (!(current < clock || (current === clock && removing && r?.state != null))) continue
      const next = removing ? null : state
      if (r === undefined) {
        if (next !== null) changed.push(clientId)
      } else if (next === null) {
        if (r.state !== null) changed.push(clientId)
      } else if (r.state === next) {
        renewed.push(clientId)
      } else {
        changed.push(clientId)
      }
      if (r !== undefined && r.state !== null) this.#count(r.owner, -1)
      if (next !== null) this.#count(owner, +1)
      this.#records.set(clientId, { clock, state: next, lastUpdated: now, owner })
    }
    return { changed, renewed }
  }

  /** Removes every state `owner` holds (it left); returns the ids removed. */
  removeOwnedBy(owner: object): number[] {
    const removed: number[] = []
    for (const [id, r] of this.#records) {
      if (r.owner === owner && r.state !== null) {
        // Same clock, state null: how y-protocols removes a remote client.
        this.#count(r.owner, -1)
        r.state = null
        r.lastUpdated = this.now()
        removed.push(id)
      }
    }
    return removed
  }

  /**
   * Removes states not renewed for `timeoutMs` (their client vanished without saying so) and
   * forgets removed clients after twice that. Returns the ids removed.
   */
  expire(timeoutMs = PRESENCE_TIMEOUT_MS): number[] {
    const now = this.now()
    const removed: number[] = []
    for (const [id, r] of this.#records) {
      const age = now - r.lastUpdated
      if (r.state !== null && age >= timeoutMs) {
        this.#count(r.owner, -1)
        r.state = null
        r.lastUpdated = now
        removed.push(id)
      } else if (r.state === null && age >= 2 * timeoutMs) {
        this.#records.delete(id)
      }
    }
    return removed
  }

  /** The entries to send for these ids (removed ones as `null`), skipping unknown ids. */
  entries(ids: Iterable<number>): PresenceEntry[] {
    const out: PresenceEntry[] = []
    for (const clientId of ids) {
      const r = this.#records.get(clientId)
      if (r) out.push({ clientId, clock: r.clock, state: r.state ?? REMOVED })
    }
    return out
  }

  /** Every present state, for a client that just joined or asked. */
  snapshot(): PresenceEntry[] {
    const out: PresenceEntry[] = []
    for (const [clientId, r] of this.#records) {
      if (r.state !== null) out.push({ clientId, clock: r.clock, state: r.state })
    }
    return out
  }
}
