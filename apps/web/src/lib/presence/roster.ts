import { PresenceUserSchema, USER_FIELD, type PresenceUser } from './user'

export interface Peer extends PresenceUser {
  clientId: number
  self: boolean
}

/**
 * Who is here, kept from awareness states. Awareness changes many times a second once cursors
 * move (every state change is a 'change' event), but who is here rarely changes: `update`
 * re-parses only the clients that changed, and reports a change only when someone's user state
 * did, so 200 moving cursors do not rebuild the list of 200 people.
 */
export class Roster {
  readonly #users = new Map<number, { key: string; user: PresenceUser | null }>()
  #peers: Peer[] | null = null

  constructor(readonly selfClientId: number) {}

  /** Re-reads the user state of `clientIds`; true when the list of people changed. */
  update(states: ReadonlyMap<number, unknown>, clientIds: Iterable<number>): boolean {
    let changed = false
    for (const clientId of clientIds) {
      const state = states.get(clientId)
      const raw =
        state && typeof state === 'object'
          ? (state as Record<string, unknown>)[USER_FIELD]
          : undefined
      if (raw === undefined) {
        if (this.#users.delete(clientId)) changed = true
        continue
      }
      const key = stableKey(raw)
      if (this.#users.get(clientId)?.key === key) continue
      const parsed = PresenceUserSchema.safeParse(raw)
      this.#users.set(clientId, { key, user: parsed.success ? parsed.data : null })
      changed = true
    }
    if (changed) this.#peers = null
    return changed
  }

  /** The user state of one client, if it published a valid one. */
  user(clientId: number): PresenceUser | null {
    return this.#users.get(clientId)?.user ?? null
  }

  /** One entry per person (several tabs count once), you first, then by name. */
  get peers(): Peer[] {
    if (this.#peers) return this.#peers
    const byPerson = new Map<string, Peer>()
    for (const [clientId, entry] of this.#users) {
      if (!entry.user) continue
      const self = clientId === this.selfClientId
      const existing = byPerson.get(entry.user.personId)
      if (!existing || self) byPerson.set(entry.user.personId, { ...entry.user, clientId, self })
    }
    this.#peers = [...byPerson.values()].sort(
      (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name),
    )
    return this.#peers
  }
}

function stableKey(value: unknown): string {
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    return ''
  }
}
