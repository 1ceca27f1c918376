/** What the heartbeat knows about one connection at one check. */
export interface LivenessSample {
  /** A pong or any message arrived since the last check. */
  heard: boolean
  /** Bytes read from the socket so far (a long upload is progress). */
  bytesRead: number
  /** Bytes the socket has taken from our send queue so far (a long download is progress). */
  drained: number
}

/** Heartbeats in a row without any sign of life before a connection counts as dead. */
export const MISSES_ALLOWED = 2

/**
 * The same while we still have bytes queued for it. Its pong waits behind those bytes, and the
 * kernel takes from a full send queue only in steps of about a third of its send buffer (up to
 * megabytes), so on a slow link progress shows in jumps, several heartbeats apart.
 */
export const MISSES_ALLOWED_WHILE_SENDING = 6

/**
 * Alive when, since the previous check, the peer answered or sent anything, or any bytes moved
 * in either direction. A slow client receiving a multi-megabyte first sync reads our ping only
 * after the document, so "no pong" alone would cut it off; progress on the wire keeps it.
 */
export function isAlive(previous: LivenessSample, current: LivenessSample): boolean {
  return (
    current.heard || current.bytesRead > previous.bytesRead || current.drained > previous.drained
  )
}

/** Dead after too many silent heartbeats in a row; more are allowed while sending. */
export function isDead(misses: number, sending: boolean): boolean {
  return misses >= (sending ? MISSES_ALLOWED_WHILE_SENDING : MISSES_ALLOWED)
}
