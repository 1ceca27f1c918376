/**
 * When a room counts as busy. A token bucket in socket writes: sending one message to N members
 * costs N. While the bucket holds enough, a room sends each message at once (no latency for
 * batching); once sending one by one would exceed `perSecond` writes a second, the room is busy
 * and merges what it sends (see Broadcaster). Batched flushes are charged too, and the debt is
 * capped, so a room returns to sending at once soon after its load drops.
 */
export class FanoutBudget {
  #tokens: number
  #at: number
  readonly capacity: number

  constructor(
    readonly perSecond: number,
    readonly now: () => number,
    /** Burst size in writes: a tenth of a second's worth by default. */
    capacity = Math.max(1, perSecond / 10),
  ) {
    this.capacity = capacity
    this.#tokens = capacity
    this.#at = now()
  }

  #refill(): void {
    const t = this.now()
    this.#tokens = Math.min(this.capacity, this.#tokens + ((t - this.#at) / 1000) * this.perSecond)
    this.#at = t
  }

  /** True when `writes` more now stay within the budget (send at once); false means batch. */
  allows(writes: number): boolean {
    this.#refill()
    return this.#tokens >= writes
  }

  /** Charges writes that were made (at once or batched). */
  charge(writes: number): void {
    this.#refill()
    this.#tokens = Math.max(-this.capacity, this.#tokens - writes)
  }
}
