import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

const here = path.dirname(fileURLToPath(import.meta.url))
/** The repository root when running from `server/dist` or `server/src`. */
const repoRoot = path.resolve(here, '..', '..')

const int = (def: number) => z.coerce.number().int().nonnegative().default(def)

/**
 * Every setting is an environment variable. Each documents its meaning, its default and the
 * threat or cost it bounds; the README lists the same table.
 */
export const ConfigSchema = z.object({
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Largest WebSocket message accepted, in bytes. Bounds the memory one message can take.
   * @default 8 MiB
   */
  MAX_MESSAGE_BYTES: int(8 * 1024 * 1024),
  /** Largest JSON body accepted by the HTTP API, in bytes. @default 1 MiB */
  MAX_BODY_BYTES: int(1024 * 1024),
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
