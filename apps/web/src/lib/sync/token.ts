import { RoleSchema, tokenFromFragment, type Role } from '@kickoff/protocol'
import { z } from 'zod'

const tokenKey = (roomId: string) => `kickoff:token:${roomId}`
const sessionKey = (roomId: string) => `kickoff:session:${roomId}`

/**
 * The room token arrives in the link's fragment (`#t=…`), which browsers never send to a server.
 * It is kept in localStorage so the board reopens offline, and removed from the address bar so
 * a copied URL does not leak a facilitator's rights.
 */
export function takeToken(roomId: string): string | null {
  const fromLink = tokenFromFragment(location.hash)
  if (fromLink) {
    localStorage.setItem(tokenKey(roomId), fromLink)
    history.replaceState(history.state, '', location.pathname + location.search)
    return fromLink
  }
  return localStorage.getItem(tokenKey(roomId))
}

const CachedSessionSchema = z.object({ title: z.string(), role: RoleSchema })
export type CachedSession = z.infer<typeof CachedSessionSchema>

export function cacheSession(roomId: string, session: CachedSession): void {
  localStorage.setItem(sessionKey(roomId), JSON.stringify(session))
}

export function cachedSession(roomId: string): CachedSession | null {
  try {
    const parsed = CachedSessionSchema.safeParse(
      JSON.parse(localStorage.getItem(sessionKey(roomId)) ?? 'null'),
    )
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export type { Role }
