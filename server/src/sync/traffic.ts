import type { SentKind } from '../hooks.js'

/**
 * Message and byte counts, in and out. Plain numbers bumped on the hot path (a 1,000-member room
 * makes tens of thousands of writes a second); metrics read them when scraped.
 */
export class Traffic {
  readonly out: Record<SentKind, { messages: number; bytes: number }> = {
    sync: { messages: 0, bytes: 0 },
    update: { messages: 0, bytes: 0 },
    presence: { messages: 0, bytes: 0 },
    keepalive: { messages: 0, bytes: 0 },
  }
  readonly in = { messages: 0, bytes: 0 }

  sent(kind: SentKind, bytes: number): void {
    const o = this.out[kind]
    o.messages++
    o.bytes += bytes
  }

  received(bytes: number): void {
    this.in.messages++
    this.in.bytes += bytes
  }
}
