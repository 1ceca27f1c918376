/**
 * The slice of y-websocket's WebsocketProvider that reconnect jitter needs. Structural, so this
 * package does not depend on y-websocket.
 */
export interface ReconnectingProvider {
  shouldConnect: boolean
  connect(): void
  disconnect(): void
  on(event: 'connection-close', cb: (event: { code: number } | null) => void): void
}

/** Close codes after which every client of a room comes back at once unless spread out. */
const HERD_CODES = new Set([1001, 1006, 1011, 1012, 1013, 4503, 4508])

/**
 * Spreads reconnects after a server restart over `spreadMs`, so that hundreds of clients do not
 * hit the server in the same 200 ms (stock y-websocket backs off exponentially but without
 * jitter). `random` is injectable for tests.
 *
 * The scheduled dial belongs to the connection it replaces: a `disconnect()` (the app going
 * offline) or `destroy()` (which calls `disconnect()`) while it waits cancels it, and an explicit
 * `connect()` makes it moot. Otherwise an offline device would dial again, and a destroyed
 * provider would come back as a socket nobody owns.
 */
export function addReconnectJitter(
  provider: ReconnectingProvider,
  opts: { spreadMs?: number; random?: () => number } = {},
): void {
  const spread = opts.spreadMs ?? 3000
  const random = opts.random ?? Math.random
  let pending: ReturnType<typeof setTimeout> | null = null
  const cancel = () => {
    if (pending !== null) clearTimeout(pending)
    pending = null
  }

  const disconnect = provider.disconnect.bind(provider)
  provider.disconnect = () => {
    cancel()
    disconnect()
  }
  const connect = provider.connect.bind(provider)
  provider.connect = () => {
    cancel()
    connect()
  }

  provider.on('connection-close', (event) => {
    if (!event || !HERD_CODES.has(event.code) || !provider.shouldConnect) return
    // The provider schedules its own retry right after this event; turning shouldConnect off
    // makes that retry a no-op, and we come back on our own schedule instead.
    provider.shouldConnect = false
    cancel()
    pending = setTimeout(
      () => {
        pending = null
        connect()
      },
      100 + Math.floor(random() * spread),
    )
  })
}
