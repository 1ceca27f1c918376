import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

const here = path.dirname(fileURLToPath(import.meta.url))
/** The repository root when running from `server/dist` or `server/src`. */
const repoRoot = path.resolve(here, '..', '..')

const int = (def: number) => z.coerce.number().int().nonnegative().default(def)
const positive = (def: number) => z.coerce.number().int().positive().default(def)
/** `true`/`false`/`1`/`0`/`yes`/`no` (environment variables are strings). */
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .default(def ? 'true' : 'false')
    .transform((v) => (v === '' ? def : v === 'true' || v === '1' || v === 'yes'))

const MiB = 1024 * 1024

/**
 * Every setting is an environment variable. Each documents its meaning, its trade-off, its
 * default and the threat or cost it bounds; README.md lists the same table.
 */
export const ConfigSchema = z
  .object({
    /** TCP port for HTTP and WebSocket. 0 picks a free port (tests). @default 8080 */
    PORT: int(8080),
    /** Interface to bind. @default '0.0.0.0' */
    HOST: z.string().default('0.0.0.0'),
    /** Where LevelDB keeps rooms, documents and records. @default './data' */
    DATA_DIR: z.string().default('./data'),
    /** Built SvelteKit app (adapter-node output). Empty disables the web app. */
    WEB_BUILD_DIR: z.string().default(path.join(repoRoot, 'apps', 'web', 'build')),
    /** Origin used in share links (e.g. https://kickoff.example.com). Empty: taken from the request's Host. */
    PUBLIC_ORIGIN: z.string().default(''),
    /** pino level: fatal, error, warn, info, debug, trace, silent. @default 'info' */
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /**
     * Largest WebSocket message accepted, in bytes. Bounds the memory one message can take (the
     * whole message is buffered before it is parsed). A bigger one closes the socket with 4413.
     * It must exceed the largest update a client legitimately sends: an offline client's first
     * sync sends everything it did offline in one message.
     * @default 8 MiB
     */
    MAX_MESSAGE_BYTES: positive(8 * MiB),
    /** Largest JSON body accepted by the HTTP API, in bytes. @default 1 MiB */
    MAX_BODY_BYTES: positive(MiB),

    /**
     * Connections allowed in one room (all roles, counted from the upgrade). One more is closed
     * with 4429. Bounds what one room can cost: each connection takes memory and a share of every
     * broadcast. @default 2000
     */
    MAX_CONNECTIONS_PER_ROOM: positive(2000),
    /**
     * Connections allowed from one client address across all rooms. One more is closed with 4429.
     * Bounds one host exhausting sockets and memory. Offices behind one NAT share an address:
     * raise it for them, or run behind a proxy with TRUST_PROXY. @default 500
     */
    MAX_CONNECTIONS_PER_ADDRESS: positive(500),
    /**
     * Take the client address from the last entry of `X-Forwarded-For` (the one your proxy adds)
     * instead of the TCP peer. Only turn it on behind a proxy that sets that header, or clients
     * can choose their own address and dodge MAX_CONNECTIONS_PER_ADDRESS. @default false
     */
    TRUST_PROXY: bool(false),
    /**
     * Messages a connection may send before its room is loaded and its token checked; they wait
     * in a queue. One more closes it with 4400. Bounds the memory of the pre-auth queue (at most
     * this many messages and 2 × MAX_MESSAGE_BYTES). @default 64
     */
    MAX_PENDING_MESSAGES: positive(64),
    /**
     * Presence (awareness) client ids one connection may publish. A stock client publishes one.
     * More closes it with 4400. Bounds the presence memory one connection can claim. @default 16
     */
    MAX_PRESENCE_PER_CONNECTION: positive(16),

    /**
     * Per-connection send buffer bound, in bytes (ws `bufferedAmount`). A client whose buffer
     * is above it when the server has more to send is closed with 4503 and resyncs when it
     * comes back. One message always goes out while the buffer is under the bound, and a
     * connection's first full sync is allowed on top, so a large document still reaches a slow
     * client. Bounds the memory a slow or stalled reader can pin: about this plus one message.
     * @default 4 MiB
     */
    MAX_BUFFERED_BYTES: positive(4 * MiB),
    /**
     * Every this many ms the server pings each connection. A connection that for two intervals
     * in a row (six while bytes are still queued for it) neither answered a ping, sent anything,
     * nor took any of its queued bytes is closed with 4508: an idle dead peer is found within
     * 2–3 intervals, and a slow download or upload counts as alive, so a large first sync is
     * not cut off. Bounds how long a vanished client holds a socket and its presence.
     * @default 15000
     */
    PING_INTERVAL_MS: positive(15_000),

    /**
     * Socket writes per second (messages × recipients) a room may make while it sends every
     * message at once. Under it, the room is quiet: no batching, so small rooms pay no latency
     * for it. Over it, the room is busy and batches (below). Bounds the CPU a room spends before
     * it starts merging: each write is a system call. @default 30000
     */
    BATCH_FANOUT_PER_SECOND: positive(30_000),
    /**
     * The share of time a busy room may spend writing broadcasts. It merges what it sends
     * (Yjs updates with Y.mergeUpdates, presence to the latest state per client) and flushes
     * once per period: as long as one broadcast to every member takes (measured), divided by
     * this share. A faster machine gets shorter periods and lower latency; a slower or busier
     * one backs off. Bounds the CPU one room's fan-out takes. @default 0.3
     */
    BATCH_SEND_SHARE: z.coerce.number().gt(0).lte(1).default(0.3),
    /** The shortest period of a busy room (the most it batches for). @default 16 */
    BATCH_INTERVAL_MS: positive(16),
    /**
     * The longest period of a busy room, however big or slow: bounds the latency batching adds.
     * @default 33
     */
    BATCH_MAX_INTERVAL_MS: positive(33),
    /**
     * Presence renewals that change nothing (y-protocols renews every state every 15 s) are
     * forwarded together once per this interval instead of one by one, which takes presence
     * from N²/15 to N/interval messages a second. Stock clients drop a state not renewed for
     * 30 s, and close a socket that received nothing for 30 s, so keep it ≤ 10 s; the same
     * sweep sends an empty presence message to any connection idle for 15 s. @default 5000
     */
    PRESENCE_RENEW_INTERVAL_MS: positive(5000),

    /**
     * fsync every storage write (LevelDB `sync: true`). Off, a write survives a crash of this
     * process but not of the machine. @default true
     */
    STORAGE_FSYNC: bool(true),
    /**
     * A loaded room compacts its stored history into one state after this many stored updates
     * (and when it unloads), so that load time stays flat as history grows. Lower costs more
     * full-state writes. @default 500
     */
    COMPACT_AFTER_UPDATES: positive(500),
    /**
     * On SIGTERM, how long to wait for storage to take everything before exiting anyway (with
     * an error logged and exit code 1). @default 30000
     */
    SHUTDOWN_TIMEOUT_MS: positive(30_000),
    /**
     * Bearer token required by `GET /metrics`. Empty: /metrics is open (bind it privately or set
     * this). Metrics carry counts only, never room ids or tokens. @default ''
     */
    METRICS_TOKEN: z.string().default(''),
  })
  .refine((c) => c.PRESENCE_RENEW_INTERVAL_MS <= 10_000, {
    message: 'must be at most 10000: stock clients drop presence not renewed for 30 s',
    path: ['PRESENCE_RENEW_INTERVAL_MS'],
  })
  .refine((c) => c.BATCH_MAX_INTERVAL_MS >= c.BATCH_INTERVAL_MS, {
    message: 'must be at least BATCH_INTERVAL_MS',
    path: ['BATCH_MAX_INTERVAL_MS'],
  })

export type Config = z.infer<typeof ConfigSchema>

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  return parsed.data
}
