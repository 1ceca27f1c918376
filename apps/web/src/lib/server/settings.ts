import { env } from '$env/dynamic/private'

/**
 * `TLDRAW_LICENSE_KEY`: passed to tldraw as `licenseKey`. Read at request time from the server's
 * environment (not baked into the build), so operators set it like every other setting.
 */
export function tldrawLicenseKey(): string | null {
  const key = env.TLDRAW_LICENSE_KEY?.trim()
  return key ? key : null
}
