/** y-websocket message types (first varint of every binary frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const

/** Path prefix of the sync endpoint: `ws://HOST:PORT/sync/<roomId>?token=…`. */
export const SYNC_PATH = '/sync'

/** The query parameter that carries the token on the sync URL. */
export const TOKEN_PARAM = 'token'
