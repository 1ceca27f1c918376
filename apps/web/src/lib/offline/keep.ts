import { CANVAS_CONFIG_PATH } from '$lib/paths'
import type { KeepMessage } from './protocol'

// tldraw loads many small files; the default buffer of 250 entries would drop some.
if (typeof performance !== 'undefined') performance.setResourceTimingBufferSize(2000)

/**
 * Asks the service worker to keep this page and every app file it has loaded so far, so the
 * board opens offline next time. The worker caches what it sees itself once it controls the
 * page, but on the first visit the page and its first files load before the worker exists.
 * Resolves true once they are cached; false without a service worker.
 */
export async function keepForOffline(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false
  const registration = await navigator.serviceWorker.ready
  const worker = registration.active
  if (!worker) return false
  const urls = [
    location.pathname,
    CANVAS_CONFIG_PATH,
    ...performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.startsWith(`${location.origin}/_app/immutable/`)),
  ]
  const message: KeepMessage = { type: 'kickoff:keep', urls }
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = (event: MessageEvent<unknown>) => resolve(event.data === true)
    worker.postMessage(message, [channel.port2])
  })
}
