import { createSubscriber } from 'svelte/reactivity'

function ticker(ms: number): () => void {
  return createSubscriber((update) => {
    const id = setInterval(update, ms)
    return () => clearInterval(id)
  })
}

/**
 * This browser's clock corrected to the server's (see serverClock.ts), and reactive ticks: reading
 * `second` re-renders every second, `minute` every minute, and only while something reads them.
 */
export class Clock {
  offset = $state(0)
  readonly #second = ticker(1000)
  readonly #minute = ticker(60_000)

  constructor(offset = 0) {
    this.offset = offset
  }

  /** Now, in server time (not reactive: read `second` or `minute` to re-render). */
  now(): Date {
    // A fresh value each call, never mutated: nothing to make reactive.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    return new Date(Date.now() + this.offset)
  }

  /** Whole seconds since the epoch, server time; re-renders every second. */
  get second(): number {
    this.#second()
    return Math.floor((Date.now() + this.offset) / 1000)
  }

  /** Whole minutes since the epoch, server time; re-renders every minute. */
  get minute(): number {
    this.#minute()
    return Math.floor((Date.now() + this.offset) / 60_000)
  }
}
