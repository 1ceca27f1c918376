import { createSubscriber } from 'svelte/reactivity'
import type { Awareness } from 'y-protocols/awareness'
import { Roster, type Peer } from '$lib/presence/roster'
import { USER_FIELD, type PresenceUser } from '$lib/presence/user'

export type { Peer, PresenceUser }

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** Who is here, from awareness; reactive, and cheap when only cursors move (see Roster). */
export class Presence {
  readonly #roster: Roster
  readonly #subscribe: () => void
  #notify: (() => void) | null = null
  readonly #onChange = ({ added, updated, removed }: AwarenessChange) => {
    const states = this.awareness.getStates()
    if (this.#roster.update(states, [...added, ...updated, ...removed])) this.#notify?.()
  }

  constructor(readonly awareness: Awareness) {
    this.#roster = new Roster(awareness.clientID)
    this.#roster.update(awareness.getStates(), awareness.getStates().keys())
    // Always listening, so the roster is current whenever someone starts reading it.
    awareness.on('change', this.#onChange)
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update
      return () => (this.#notify = null)
    })
  }

  setUser(user: PresenceUser): void {
    this.awareness.setLocalStateField(USER_FIELD, user)
  }

  get peers(): Peer[] {
    this.#subscribe()
    return this.#roster.peers
  }

  destroy(): void {
    this.awareness.off('change', this.#onChange)
  }
}
