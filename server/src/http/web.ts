import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Logger } from '../log.js'

export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

/**
 * Loads the web app's built handler (SvelteKit adapter-node `handler.js`). The server mounts only
 * the build output, never the app's source; without a build it serves a clear 503.
 */
export async function loadWebHandler(buildDir: string, log: Logger): Promise<WebHandler | null> {
  if (!buildDir) return null
  const file = path.resolve(buildDir, 'handler.js')
  if (!existsSync(file)) {
    log.warn({ file }, 'web app not built; run `pnpm build` to serve the board')
    return null
  }
  const mod = (await import(pathToFileURL(file).href)) as { handler: WebHandler }
  return mod.handler
}
