import type { Clock } from '../clock.js'

/** A clock whose time moves only when told; timers fire in time order, deterministically. */
export class FakeClock implements Clock {
  #now = 0
  #seq = 0
  readonly #timers = new Map<number, { at: number; fn: () => void }>()

  now(): number {
    return this.#now
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.#seq
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), fn })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number)
  }

  /** Time passes without firing timers, as it does while synchronous code runs. */
  spend(ms: number): void {
    this.#now += ms
  }

  get pending(): number {
    return this.#timers.size
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    const end = this.#now + ms
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined
      for (const entry of this.#timers) {
        if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry
      }
      if (!next) break
      this.#timers.delete(next[0])
      // Never backwards: a timer's callback may have spent time past the next one's due time.
      this.#now = Math.max(this.#now, next[1].at)
      next[1].fn()
    }
    this.#now = Math.max(this.#now, end)
  }
}
