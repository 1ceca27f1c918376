import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'
import { RoomIdSchema, type HealthResponse } from '@kickoff/protocol'
import type { Config } from './config.js'
import { Hooks, type SyncHooks } from './hooks.js'
import { createRoom, getSession, type RoomsApiOptions } from './http/rooms.js'
import { bearerToken, HttpError, sendError, sendJson } from './http/respond.js'
import { loadWebHandler, type WebHandler } from './http/web.js'
import type { Logger } from './log.js'
import { logHooks } from './logHooks.js'
import { createMetrics } from './metrics.js'
import type { Storage } from './storage/types.js'
import { systemClock, type Clock } from './sync/clock.js'
import { Rooms } from './sync/rooms.js'
import { Traffic } from './sync/traffic.js'
import { createSyncEndpoint, type SyncEndpoint } from './sync/upgrade.js'

export interface KickoffServer {
  readonly http: Server
  readonly sync: SyncEndpoint
  readonly rooms: Rooms
  readonly metrics: Registry
  /** Listens on config.PORT (0 picks a free one) and resolves with the bound port. */
  listen(): Promise<number>
  /** Stops accepting, stores everything, closes sockets with "restarting", closes storage. */
  close(): Promise<void>
}

export async function createKickoffServer(opts: {
  config: Config
  storage: Storage
  log: Logger
  /** Extra hooks, called after metrics and logs. */
  hooks?: readonly SyncHooks[]
  clock?: Clock
}): Promise<KickoffServer> {
  const { config, storage, log } = opts
  const clock = opts.clock ?? systemClock
  const started = Date.now()
  const traffic = new Traffic()
  // Metrics read rooms and connections when scraped, after both exist.
  const metrics = createMetrics({
    traffic,
    roomsLoaded: () => rooms.size,
    connections: () => sync.connections,
    *rooms() {
      for (const room of rooms.loaded()) {
        yield {
          members: room.members.size,
          presence: room.presence.size,
          pendingWrites: room.writer.pendingCount,
        }
      }
    },
  })
  const hooks = new Hooks([metrics.hooks, logHooks(log), ...(opts.hooks ?? [])], {
    wantsStateVector: log.isLevelEnabled('debug'),
  })
  const rooms = new Rooms({
    storage,
    hooks,
    clock,
    settings: {
      batchIntervalMs: config.BATCH_INTERVAL_MS,
      batchMaxIntervalMs: config.BATCH_MAX_INTERVAL_MS,
      batchSendShare: config.BATCH_SEND_SHARE,
      fanoutPerSecond: config.BATCH_FANOUT_PER_SECOND,
      presenceRenewMs: config.PRESENCE_RENEW_INTERVAL_MS,
      compactAfter: config.COMPACT_AFTER_UPDATES,
      maxPresencePerConnection: config.MAX_PRESENCE_PER_CONNECTION,
    },
  })
  const sync = createSyncEndpoint({
    rooms,
    storage,
    hooks,
    traffic,
    clock,
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    maxConnectionsPerRoom: config.MAX_CONNECTIONS_PER_ROOM,
    maxConnectionsPerAddress: config.MAX_CONNECTIONS_PER_ADDRESS,
    trustProxy: config.TRUST_PROXY,
    maxPendingMessages: config.MAX_PENDING_MESSAGES,
    maxBufferedBytes: config.MAX_BUFFERED_BYTES,
    pingIntervalMs: config.PING_INTERVAL_MS,
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
    if (p === '/metrics') {
      if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'use GET')
      if (config.METRICS_TOKEN && !sameSecret(bearerToken(req), config.METRICS_TOKEN)) {
        throw new HttpError(
          401,
          'unauthorized',
          'metrics need Authorization: Bearer <METRICS_TOKEN>',
        )
      }
      const text = await metrics.registry.metrics()
      res.writeHead(200, {
        'content-type': metrics.registry.contentType,
        'cache-control': 'no-store',
      })
      res.end(text)
      return
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
    rooms: rooms,
    metrics: metrics.registry,
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
      // Stop accepting; close every socket with 1012 (clients come back, with jitter); wait
      // until every room's updates are stored; then close storage.
      http.close()
      try {
        await sync.close({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS })
      } finally {
        http.closeAllConnections()
        await storage.close()
      }
    },
  }
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
