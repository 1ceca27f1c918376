import { CANVAS_CONFIG_PATH } from '$lib/paths'

/**
 * The one message between the page and the service worker: "keep these for offline use",
 * answered on the transferred port with `true` once they are in the cache.
 */
export interface KeepMessage {
  type: 'kickoff:keep'
  urls: string[]
}

export function isKeepMessage(data: unknown): data is KeepMessage {
  if (!data || typeof data !== 'object') return false
  const message = data as Partial<KeepMessage>
  return (
    message.type === 'kickoff:keep' &&
    Array.isArray(message.urls) &&
    message.urls.length <= 2000 &&
    message.urls.every((url) => typeof url === 'string' && url.length <= 2048)
  )
}

/**
 * What the service worker may be asked to keep: the app's hashed build files, the pages that
 * serve the app shell, and the canvas settings. Anything else (the API, other origins) is
 * refused.
 */
export function isKeepable(url: URL, origin: string): boolean {
  if (url.origin !== origin) return false
  return (
    url.pathname.startsWith('/_app/immutable/') ||
    url.pathname === '/' ||
    url.pathname === CANVAS_CONFIG_PATH ||
    isBoardPage(url.pathname)
  )
}

/** `/k/<roomId>`: every board is the same client-rendered shell. */
export function isBoardPage(pathname: string): boolean {
  return /^\/k\/[A-Za-z0-9_-]{16,64}$/.test(pathname)
}
