import type { Spotlight } from '@kickoff/model'
import { goToArea, isTyping } from './areas'

const key = (roomId: string) => `kickoff:follow:${roomId}`

/**
 * "Bring everyone here": participants follow the facilitator's spotlight unless they opted out
 * (a visible toggle, remembered per board) or the facilitator turned following off. Someone
 * typing in a field is not pulled away: they get a "go there" banner instead.
 */
export class Follow {
  /** This person's choice. */
  enabled = $state(true)
  /** A spotlight held back because the person was typing. */
  pending = $state<NonNullable<Spotlight> | null>(null)
  #seen: string | null = null

  constructor(readonly roomId: string) {
    try {
      this.enabled = localStorage.getItem(key(roomId)) !== 'off'
    } catch {
      // Storage blocked: follow by default.
    }
  }

  set(on: boolean): void {
    this.enabled = on
    if (!on) this.pending = null
    try {
      localStorage.setItem(key(this.roomId), on ? 'on' : 'off')
    } catch {
      // Only a preference.
    }
  }

  /**
   * A spotlight as the document holds it now. Each one (by its time) is acted on once: the
   * board opened while one is set goes there, which is where the group is.
   */
  arrive(spotlight: Spotlight, opts: { me: string | null; allowed: boolean }): void {
    if (!spotlight || spotlight.at === this.#seen) return
    this.#seen = spotlight.at
    if (spotlight.by === opts.me || !opts.allowed || !this.enabled) return
    if (isTyping(document.activeElement)) {
      this.pending = spotlight
      return
    }
    this.pending = null
    goToArea(spotlight.area, spotlight.targetId)
  }

  goPending(): void {
    const s = this.pending
    this.pending = null
    if (s) goToArea(s.area, s.targetId)
  }
}
