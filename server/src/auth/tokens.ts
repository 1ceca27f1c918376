import { createHash, timingSafeEqual } from 'node:crypto'
import { newToken, type Role } from '@kickoff/protocol'

export type TokenHashes = Record<Role, string>

/** Tokens are stored only as SHA-256 hex: a leaked database grants no access. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export function issueTokens(): { tokens: Record<Role, string>; hashes: TokenHashes } {
  const tokens = { facilitator: newToken(), participant: newToken(), viewer: newToken() }
  return {
    tokens,
    hashes: {
      facilitator: hashToken(tokens.facilitator),
      participant: hashToken(tokens.participant),
      viewer: hashToken(tokens.viewer),
    },
  }
}

const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer']

/** The role a token grants in a room, or null. Compares in constant time. */
export function roleForToken(hashes: TokenHashes, token: string | null | undefined): Role | null {
  if (!token) return null
  const presented = Buffer.from(hashToken(token), 'hex')
  let found: Role | null = null
  for (const role of ROLES) {
    const stored = Buffer.from(hashes[role], 'hex')
    if (stored.length === presented.length && timingSafeEqual(stored, presented)) found = role
  }
  return found
}
