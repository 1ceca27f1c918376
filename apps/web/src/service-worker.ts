/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// The service worker that makes "after one visit the board opens offline" true. The board is
// client-rendered (`ssr = false`): every `/k/<roomId>` answers the same HTML shell, and the
// board's data lives in IndexedDB (y-indexeddb) and its token and session in localStorage. So
// offline the page needs only the shell and the app's files, which this worker keeps:
//
// - install: precache the app's JavaScript and CSS (`build`, hashed, immutable) and `static/`
//   files. Fonts, icons and translations of the canvas (megabytes, most never used by one
//   person) are not precached; they are cached as they are used.
// - `/_app/immutable/*`: cache first (a hashed name never changes content), cached on use.
// - pages (`/`, `/k/<roomId>`) and the canvas settings: network first, falling back to the
//   cache when the network fails or is slow; for a board never opened here, any cached board
//   shell (it is the same HTML). Only 200 answers are kept.
// - the API, the sync socket and other origins: never touched.
// - The page also tells the worker what it loaded before the worker took control (first
//   visit), see $lib/offline/keep.ts.
//
// On a new deployment the new worker precaches the new files, waits until no tab uses the old
// one (no skipWaiting: an open board keeps loading its own lazy chunks), then drops old caches.
import { build, files, version } from '$service-worker'
import { isBoardPage, isKeepable, isKeepMessage } from '$lib/offline/protocol'
import { CANVAS_CONFIG_PATH } from '$lib/paths'

const sw = self as unknown as ServiceWorkerGlobalScope
const CACHE = `kickoff-${version}`
const PRECACHE = [...build.filter((file) => /\.(?:js|css)$/.test(file)), ...files]
/** How long a page waits for the network before the cached copy is used. */
const NETWORK_TIMEOUT_MS = 4000

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)))
})

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== CACHE && key.startsWith('kickoff-')) await caches.delete(key)
      }
      // Control the page that installed us, so what it loads from now on is cached.
      await sw.clients.claim()
    })(),
  )
})

sw.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== sw.location.origin) return
  if (url.pathname.startsWith('/_app/immutable/') || files.includes(url.pathname)) {
    event.respondWith(cacheFirst(request))
  } else if (
    request.mode === 'navigate' ||
    url.pathname === '/' ||
    url.pathname === CANVAS_CONFIG_PATH ||
    isBoardPage(url.pathname)
  ) {
    event.respondWith(networkFirst(request, url))
  }
})

sw.addEventListener('message', (event) => {
  const port = event.ports[0]
  if (!port || !isKeepMessage(event.data)) return
  const urls = event.data.urls
  event.waitUntil(
    keep(urls).then(
      () => port.postMessage(true),
      () => port.postMessage(false),
    ),
  )
})

async function keep(urls: string[]): Promise<void> {
  const cache = await caches.open(CACHE)
  await Promise.all(
    urls.map(async (href) => {
      const url = new URL(href, sw.location.origin)
      if (!isKeepable(url, sw.location.origin)) return
      const immutable = url.pathname.startsWith('/_app/immutable/')
      if (immutable && (await cache.match(url))) return
      const response = await fetch(url, { cache: immutable ? 'default' : 'no-cache' })
      if (response.ok) await cache.put(url, response)
    }),
  )
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

async function networkFirst(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE)
  const fromNetwork = fetch(request).then(async (response) => {
    if (response.status === 200) await cache.put(request, response.clone())
    return response
  })
  const cached = await cachedCopy(cache, request, url)
  if (!cached) return fromNetwork
  // With a copy in hand, a dead or hanging network costs at most NETWORK_TIMEOUT_MS.
  const timeout = new Promise<Response>((resolve) =>
    setTimeout(() => resolve(cached), NETWORK_TIMEOUT_MS),
  )
  return Promise.race([fromNetwork.catch(() => cached), timeout])
}

async function cachedCopy(cache: Cache, request: Request, url: URL): Promise<Response | null> {
  const exact = await cache.match(request, { ignoreSearch: true })
  if (exact) return exact
  if (!isBoardPage(url.pathname)) return null
  // Any board's shell will do: they are the same page.
  for (const key of await cache.keys()) {
    if (isBoardPage(new URL(key.url).pathname)) return (await cache.match(key)) ?? null
  }
  return null
}
