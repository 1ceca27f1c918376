/** What the heartbeat knows about one connection at one check. */
export interface LivenessSample {
  /** A pong or any message arrived since the last check. */
  heard: boolean
  /** Bytes read from the socket so far (a long upload is progress). */
  bytesRead: number
  /** Bytes the socket has taken from our send queue so far (a long download is progress). */
  drained: number
}

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
