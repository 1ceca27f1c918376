import { createSubscriber } from 'svelte/reactivity'
import type { Awareness } from 'y-protocols/awareness'
import { z } from 'zod'

/** What each client publishes in awareness. Peers are untrusted: parsed, never assumed. */
export const PresenceUserSchema = z.object({
  personId: z.string().max(64),
  name: z.string().max(80),
  color: z.string().max(32),
})
export type PresenceUser = z.infer<typeof PresenceUserSchema>

export interface Peer extends PresenceUser {
  clientId: number
  self: boolean
}

/** Who is here, from awareness; one entry per person even when they have several tabs open. */
export class Presence {
  readonly #subscribe: () => void

  constructor(readonly awareness: Awareness) {
    this.#subscribe = createSubscriber((update) => {
      awareness.on('change', update)
      return () => awareness.off('change', update)
    })
  }

  setUser(user: PresenceUser): void {
    this.awareness.setLocalStateField('user', user)
  }

  get peers(): Peer[] {
    this.#subscribe()
    // A scratch map, rebuilt on every read: reactivity comes from the awareness subscription.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const byPerson = new Map<string, Peer>()
    const self = this.awareness.clientID
    for (const [clientId, state] of this.awareness.getStates()) {
      const parsed = PresenceUserSchema.safeParse((state as { user?: unknown }).user)
      if (!parsed.success) continue
      const existing = byPerson.get(parsed.data.personId)
      if (!existing || clientId === self) {
        byPerson.set(parsed.data.personId, { ...parsed.data, clientId, self: clientId === self })
      }
    }
    return [...byPerson.values()].sort(
      (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name),
    )
  }
}
