/**
 * Whether tldraw treats this page as production, where it needs a licence key.
 *
 * Mirrors `LicenseManager.getIsDevelopment` in @tldraw/editor 5.4 for a production build: plain
 * `http:` anywhere, and `https:` on a loopback host (localhost, 127.0.0.0/8, ::1), count as
 * development; everything else (https on a real host, *.localhost, other schemes) is
 * production, where tldraw without a key shows the editor for 5 s and then removes it.
 */
export function needsLicenseKey(location: { protocol: string; hostname: string }): boolean {
  if (location.protocol === 'http:') return false
  if (location.protocol === 'https:' && isLoopback(location.hostname)) return false
  return true
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}
