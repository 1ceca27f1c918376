import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { CloseCode, RoomIdSchema, SYNC_PATH, TOKEN_PARAM } from '@kickoff/protocol'
import { roleForToken } from '../auth/tokens.js'
import type { Logger } from '../log.js'
import type { Storage } from '../storage/types.js'
import { Connection } from './connection.js'
import type { Room } from './room.js'
import type { Rooms } from './rooms.js'

export interface SyncEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  readonly connections: ReadonlySet<Connection>
  close(): Promise<void>
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: { code: 'bad_request', message } })
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  )
}

/** `ws://HOST:PORT/sync/<roomId>?token=…` — the y-websocket wire protocol with roles. */
export function createSyncEndpoint(opts: {
  rooms: Rooms
  storage: Storage
  log: Logger
  maxMessageBytes: number
}): SyncEndpoint {
  const { rooms, storage, log } = opts
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes })
  const connections = new Set<Connection>()

  /** Checks the room and token, then joins. Messages that arrive meanwhile wait in `conn`. */
  async function attach(conn: Connection, roomId: string, token: string | null): Promise<void> {
    const meta = await storage.getRoom(roomId)
    if (!meta) {
      conn.close(CloseCode.unknownRoom)
      return
    }
    const role = roleForToken(meta.tokenHashes, token)
    if (!role) {
      conn.close(CloseCode.unauthorized)
      return
    }
    conn.authenticated(role)
    let room: Room
    try {
      room = await rooms.join(roomId, conn)
    } catch (err) {
      log.error({ err, roomId }, 'room failed to load')
      conn.close(CloseCode.internalError)
      return
    }
    if (conn.closed) {
      void rooms.leave(room, conn)
      return
    }
    conn.ready(room, () => void rooms.leave(room, conn))
  }

  return {
    connections,
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const prefix = `${SYNC_PATH}/`
      if (!url.pathname.startsWith(prefix)) {
        refuseUpgrade(socket, 404, 'no WebSocket endpoint here; use /sync/<roomId>')
        return
      }
      const parsed = RoomIdSchema.safeParse(url.pathname.slice(prefix.length))
      if (!parsed.success) {
        refuseUpgrade(socket, 400, 'invalid room id')
        return
      }
      const roomId = parsed.data
      const token = url.searchParams.get(TOKEN_PARAM)
      wss.handleUpgrade(req, socket, head, (ws) => {
        // Listeners go on in this tick: a client sends sync step 1 as soon as the socket opens.
        const conn = new Connection(ws, roomId, log)
        connections.add(conn)
        ws.on('close', () => connections.delete(conn))
        attach(conn, roomId, token).catch((err: unknown) => {
          log.error({ err, roomId }, 'attach failed')
          conn.close(CloseCode.internalError)
        })
      })
    },
    async close() {
      for (const conn of connections) conn.close(CloseCode.serverRestart)
      await rooms.flushAll()
      wss.close()
    },
  }
}
