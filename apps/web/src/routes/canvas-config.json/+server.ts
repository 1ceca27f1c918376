import { json } from '@sveltejs/kit'
import type { CanvasConfig } from '$lib/canvasConfig'
import { tldrawLicenseKey } from '$lib/server/settings'
import type { RequestHandler } from './$types'

/**
 * The canvas's settings, fetched by the canvas section when it loads (not by a page load
 * function: with `ssr = false` that would be a `__data.json` round trip every board waits for
 * before it renders, online or not). The service worker keeps the last answer for offline use.
 */
export const GET: RequestHandler = () => {
  const body: CanvasConfig = { tldrawLicenseKey: tldrawLicenseKey() }
  return json(body, { headers: { 'cache-control': 'no-cache' } })
}
