import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { CloseCode, RoomIdSchema, SYNC_PATH, TOKEN_PARAM } from '@kickoff/protocol'
import { roleForToken } from '../auth/tokens.js'
import type { Hooks, Refusal } from '../hooks.js'
import type { Storage } from '../storage/types.js'
import type { Clock } from './clock.js'
import { closeReason, Connection } from './connection.js'
import { clientAddress, ConnectionLimits } from './limits.js'
import type { Rooms } from './rooms.js'
import type { Traffic } from './traffic.js'

export interface SyncEndpointOptions {
  rooms: Rooms
  storage: Storage
  hooks: Hooks
  traffic: Traffic
  clock: Clock
  maxMessageBytes: number
  maxConnectionsPerRoom: number
  maxConnectionsPerAddress: number
  trustProxy: boolean
  maxPendingMessages: number
  maxBufferedBytes: number
  pingIntervalMs: number
}

export interface SyncEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  readonly connections: ReadonlySet<Connection>
  /** Stops accepting, closes every socket with 1012 and resolves when every room is stored. */
  close(opts?: { timeoutMs?: number }): Promise<void>
}

function refuseUpgrade(socket: Duplex, status: 400 | 404 | 503, code: string, message: string) {
  const text = { 400: 'Bad Request', 404: 'Not Found', 503: 'Service Unavailable' }[status]
  const body = JSON.stringify({ error: { code, message } })
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  )
}

/**
 * ws closes a socket itself when a frame breaks its own limits or rules: 1009 for a message
 * over `maxPayload`, 1002/1007 for protocol errors. Stock y-websocket clients retry those
 * forever, so this subclass turns them into our terminal codes with a reason.
 */
function kickoffWebSocket(maxMessageBytes: number): typeof WebSocket {
  return class KickoffWebSocket extends WebSocket {
    override close(code?: number, data?: string | Buffer): void {
      switch (code) {
        case 1009:
          super.close(
            CloseCode.messageTooLarge.code,
            closeReason(CloseCode.messageTooLarge, `over ${maxMessageBytes} bytes`),
          )
          return
        case 1002:
        case 1007:
          super.close(
            CloseCode.badMessage.code,
            closeReason(CloseCode.badMessage, 'invalid WebSocket frame'),
          )
          return
        default:
          super.close(code, data)
      }
    }
  }
}

/** ws error codes (`err.code`) for frames it refused, and the close code the client gets. */
function wsErrorClose(code: unknown): number | null {
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return CloseCode.messageTooLarge.code
  if (typeof code === 'string' && code.startsWith('WS_ERR_')) return CloseCode.badMessage.code
  return null
}

/** `ws://HOST:PORT/sync/<roomId>?token=…` — the y-websocket wire protocol with roles. */
export function createSyncEndpoint(opts: SyncEndpointOptions): SyncEndpoint {
  const { rooms, storage, hooks } = opts
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxMessageBytes,
    perMessageDeflate: false,
    WebSocket: kickoffWebSocket(opts.maxMessageBytes),
    // A socket whose peer never answers our close frame is cut after this long.
    closeTimeout: 5000,
  } as ConstructorParameters<typeof WebSocketServer>[0])
  const limits = new ConnectionLimits({
    perRoom: opts.maxConnectionsPerRoom,
    perAddress: opts.maxConnectionsPerAddress,
  })
  const connections = new Set<Connection>()
  let closing = false

  const heartbeat = setInterval(() => {
    for (const conn of connections) conn.checkLiveness()
  }, opts.pingIntervalMs)
  heartbeat.unref()

  function refuse(conn: Connection, refusal: Refusal): void {
    hooks.emit('connectionRefused', { roomId: conn.roomId, refusal })
    switch (refusal) {
      case 'unknown-room':
        conn.close(CloseCode.unknownRoom)
        return
      case 'unauthorized':
        conn.close(CloseCode.unauthorized)
        return
      case 'room-full':
        conn.close(
          CloseCode.tooManyConnections,
          `room has ${opts.maxConnectionsPerRoom} connections`,
        )
        return
      case 'address-full':
        conn.close(
          CloseCode.tooManyConnections,
          `${opts.maxConnectionsPerAddress} from your address`,
        )
        return
      case 'shutdown':
        conn.close(CloseCode.serverRestart)
        return
      default: {
        const never: never = refusal
        throw new Error(`unhandled refusal ${String(never)}`)
      }
    }
  }

  /** Checks the room and token, then joins. Messages that arrive meanwhile wait in `conn`. */
  async function attach(conn: Connection, token: string | null): Promise<void> {
    const meta = await storage.getRoom(conn.roomId)
    if (conn.closed) return
    // Shutdown began meanwhile: it waits only for rooms already loaded.
    if (closing) return refuse(conn, 'shutdown')
    if (!meta) return refuse(conn, 'unknown-room')
    const role = roleForToken(meta.tokenHashes, token)
    if (!role) return refuse(conn, 'unauthorized')
    conn.authenticated(role)
    const member = await rooms.join(conn.roomId, conn, role)
    conn.ready(member, () => rooms.leave(member))
  }

  return {
    connections,
    handleUpgrade(req, socket, head) {
      if (closing) {
        refuseUpgrade(socket, 503, 'shutting_down', 'the server is restarting; try again')
        return
      }
      const url = new URL(req.url ?? '/', 'http://localhost')
      const prefix = `${SYNC_PATH}/`
      if (!url.pathname.startsWith(prefix)) {
        refuseUpgrade(socket, 404, 'not_found', 'no WebSocket endpoint here; use /sync/<roomId>')
        return
      }
      const parsed = RoomIdSchema.safeParse(url.pathname.slice(prefix.length))
      if (!parsed.success) {
        refuseUpgrade(socket, 400, 'invalid_room_id', 'invalid room id')
        return
      }
      const roomId = parsed.data
      const token = url.searchParams.get(TOKEN_PARAM)
      const address = clientAddress(req, opts.trustProxy)
      wss.handleUpgrade(req, socket, head, (ws) => {
        // Listeners go on in this tick: a client sends sync step 1 as soon as the socket opens.
        const conn = new Connection(ws, socket as Socket, {
          roomId,
          maxPendingMessages: opts.maxPendingMessages,
          maxPendingBytes: 2 * opts.maxMessageBytes,
          maxBufferedBytes: opts.maxBufferedBytes,
          hooks,
          traffic: opts.traffic,
          clock: opts.clock,
        })
        ws.on('error', (err: Error & { code?: unknown }) => {
          const code = wsErrorClose(err.code)
          // Network errors (resets) need nothing: the 'close' event follows.
          if (code === null) return
          hooks.emit('rejected', { roomId, problem: String(err.code), code, detail: err.message })
          // ws has already sent the close frame (see kickoffWebSocket); leave the room now.
          conn.close(
            code === CloseCode.messageTooLarge.code
              ? CloseCode.messageTooLarge
              : CloseCode.badMessage,
          )
        })
        if (closing) return refuse(conn, 'shutdown')
        const verdict = limits.acquire(roomId, address)
        if (verdict !== 'ok') return refuse(conn, verdict)
        connections.add(conn)
        hooks.emit('connectionOpened', { roomId })
        ws.on('close', () => {
          connections.delete(conn)
          limits.release(roomId, address)
        })
        attach(conn, token).catch((err: unknown) => {
          hooks.emit('storageFailed', { roomId, op: 'load', err })
          conn.close(CloseCode.internalError, 'room could not be loaded')
        })
      })
    },
    async close({ timeoutMs = 30_000 } = {}) {
      closing = true
      clearInterval(heartbeat)
      const closed = [...connections].map(
        (c) => new Promise<void>((resolve) => c.ws.once('close', () => resolve())),
      )
      for (const conn of connections) conn.close(CloseCode.serverRestart)
      let timer: ReturnType<typeof setTimeout> | undefined
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs)
      })
      try {
        const stored = await Promise.race([rooms.flushAll().then(() => 'stored' as const), timeout])
        if (stored === 'timeout') throw new Error(`storage did not finish within ${timeoutMs} ms`)
        // Give clients a moment to answer the close frame, then cut whoever did not.
        const grace = new Promise((resolve) => setTimeout(resolve, 1000).unref())
        await Promise.race([Promise.all(closed), grace])
      } finally {
        clearTimeout(timer)
        for (const ws of wss.clients) ws.terminate()
        wss.close()
      }
    },
  }
}
