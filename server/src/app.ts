import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { RoomIdSchema, type HealthResponse } from '@kickoff/protocol'
import type { Config } from './config.js'
import { createRoom, getSession, type RoomsApiOptions } from './http/rooms.js'
import { HttpError, sendError, sendJson } from './http/respond.js'
import { loadWebHandler, type WebHandler } from './http/web.js'
import type { Logger } from './log.js'
import type { Storage } from './storage/types.js'
import { Rooms } from './sync/rooms.js'
import { createSyncEndpoint, type SyncEndpoint } from './sync/upgrade.js'

export interface KickoffServer {
  readonly http: Server
  readonly sync: SyncEndpoint
  readonly rooms: Rooms
  /** Listens on config.PORT (0 picks a free one) and resolves with the bound port. */
  listen(): Promise<number>
  /** Stops accepting, stores everything, closes sockets with "restarting", closes storage. */
  close(): Promise<void>
}

export async function createKickoffServer(opts: {
  config: Config
  storage: Storage
  log: Logger
}): Promise<KickoffServer> {
  const { config, storage, log } = opts
  const started = Date.now()
  const rooms = new Rooms(storage, log)
  const sync = createSyncEndpoint({
    rooms,
    storage,
    log,
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
  })
  const web: WebHandler | null = await loadWebHandler(config.WEB_BUILD_DIR, log)
  const api: RoomsApiOptions = {
    storage,
    publicOrigin: config.PUBLIC_ORIGIN,
    maxBodyBytes: config.MAX_BODY_BYTES,
  }

  async function health(res: ServerResponse): Promise<void> {
    let storageOk = true
    try {
      await storage.ping()
    } catch (err) {
      storageOk = false
      log.error({ err }, 'health check: storage unavailable')
    }
    const body: HealthResponse = {
      status: storageOk ? 'ok' : 'unavailable',
      storage: storageOk ? 'ok' : 'unavailable',
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      rooms: rooms.size,
      connections: sync.connections.size,
    }
    sendJson(res, storageOk ? 200 : 503, body)
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const p = url.pathname
    if (p === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new HttpError(405, 'method_not_allowed', 'use GET')
      return health(res)
    }
    if (p === '/api/rooms') {
      if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'use POST')
      return createRoom(req, res, api)
    }
    const session = /^\/api\/rooms\/([^/]+)\/session$/.exec(p)
    if (session) {
      const roomId = RoomIdSchema.safeParse(session[1])
      if (!roomId.success) throw new HttpError(400, 'invalid_room_id', 'invalid room id', 'roomId')
      if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'use GET')
      return getSession(req, res, roomId.data, api)
    }
    if (p.startsWith('/api/')) throw new HttpError(404, 'not_found', 'no such API endpoint')
    if (web) {
      web(req, res, () => sendError(res, 404, 'not_found', 'not found'))
      return
    }
    sendError(res, 503, 'web_not_built', 'the web app is not built: run `pnpm build`')
  }

  const http = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendError(res, err.status, err.code, err.message, err.field)
        return
      }
      log.error({ err, method: req.method }, 'request failed')
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'internal error')
      else res.destroy()
    })
  })
  http.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head))

  return {
    http,
    sync,
    rooms,
    listen() {
      return new Promise((resolve, reject) => {
        http.once('error', reject)
        http.listen(config.PORT, config.HOST, () => {
          http.off('error', reject)
          resolve((http.address() as AddressInfo).port)
        })
      })
    },
    async close() {
      http.close()
      await sync.close()
      http.closeAllConnections()
      await storage.close()
    },
  }
}
