/**
 * The send-buffer bound of one connection, as a pure decision over ws `bufferedAmount`.
 *
 * A message may be queued while the buffer is at or under `limit`, so one message, however
 * large, always goes out to a client that keeps up. A connection's first full sync may take the
 * buffer above the bound by its own size: until the buffer drains back under `limit`, that much
 * more is allowed, so a slow client receiving a large document is not dropped for updates that
 * arrive meanwhile. Over the bound, the caller closes the connection (4503) instead of letting
 * server memory grow; the client resyncs when it reconnects.
 */
export class SendBound {
  #allowance = 0

  constructor(readonly limit: number) {}

  /** May one more message be queued on top of `buffered` bytes? */
  admits(buffered: number): boolean {
    if (buffered <= this.limit) {
      this.#allowance = 0
      return true
    }
    return buffered <= this.limit + this.#allowance
  }

  /** The first full sync of `bytes` was just queued: allow that much on top until it drains. */
  allowInitialSync(bytes: number): void {
    this.#allowance = bytes
  }
}
