/**
 * WebSocket close codes the server uses, modelled on HTTP status classes.
 *
 * Stock y-websocket clients (3.x) stop reconnecting on 4400–4499: the server decided that
 * retrying cannot help (unknown room, bad token, a message it will never accept). Every other
 * code is transient, so 4500–4599 and 1012/1013 make clients come back.
 */
export const CloseCode = {
  /**
   * Malformed message: garbage bytes, truncated varint, unknown message type, trailing bytes, a
   * text frame, presence that is not JSON, a broken WebSocket frame; also too many messages
   * before the room was ready or too many presence states on one connection.
   */
  badMessage: { code: 4400, reason: 'malformed message' },
  /** The token is missing or does not grant any role in this room. */
  unauthorized: { code: 4401, reason: 'invalid or missing token' },
  /** A viewer sent a document update; viewers may not change the board. */
  readOnly: { code: 4403, reason: 'read-only: this link cannot change the board' },
  /** No room with this id exists. */
  unknownRoom: { code: 4404, reason: 'unknown room' },
  /** A single message exceeded the configured maximum size. */
  messageTooLarge: { code: 4413, reason: 'message too large' },
  /** A sync payload that is not a Yjs update, or an update that fails to apply. */
  invalidUpdate: { code: 4422, reason: 'invalid Yjs update' },
  /** Too many connections for this room or from this address. */
  tooManyConnections: { code: 4429, reason: 'too many connections' },
  /** The client fell behind beyond its send buffer; it resyncs when it reconnects. */
  backpressure: { code: 4503, reason: 'client too slow: send buffer full, reconnect to resync' },
  /** Silent for two heartbeats (six while data is queued for it): no pong, no message, no bytes. */
  timeout: { code: 4508, reason: 'ping timeout' },
  /** The server is restarting or shutting down; reconnect (with jitter). */
  serverRestart: { code: 1012, reason: 'server restarting, reconnect' },
  /** An unexpected server error (e.g. the room could not be loaded); the client may retry. */
  internalError: { code: 1011, reason: 'internal error' },
} as const satisfies Record<string, { code: number; reason: string }>

export type CloseCodeName = keyof typeof CloseCode

/** True when a stock y-websocket client will stop retrying after this close code. */
export function isTerminalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500
}
