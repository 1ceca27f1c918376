import { z } from 'zod'

/** 16 random bytes = 128 bits, base64url without padding = 22 characters. */
const ROOM_ID_BYTES = 16
/** 32 random bytes = 256 bits for tokens: they are bearer credentials. */
const TOKEN_BYTES = 32

const BASE64URL = /^[A-Za-z0-9_-]+$/

/**
 * A room id: URL-safe, unguessable. The pattern is strict on purpose: it is the only thing the
 * server accepts in the sync path, so path tricks (`..`, `%2F`, NUL) never reach storage keys.
 */
export const RoomIdSchema = z
  .string()
  .min(16, 'room id is too short')
  .max(64, 'room id is too long')
  .regex(BASE64URL, 'room id must be URL-safe base64')
export type RoomId = z.infer<typeof RoomIdSchema>

export const TokenSchema = z
  .string()
  .min(22, 'token is too short')
  .max(128, 'token is too long')
  .regex(BASE64URL, 'token must be URL-safe base64')

export const RoleSchema = z.enum(['facilitator', 'participant', 'viewer'])
export type Role = z.infer<typeof RoleSchema>

export function randomBase64Url(bytes: number): string {
  const buf = new Uint8Array(bytes)
  globalThis.crypto.getRandomValues(buf)
  let bin = ''
  for (const b of buf) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function newRoomId(): RoomId {
  return randomBase64Url(ROOM_ID_BYTES)
}

/** A record's id: as unguessable as a room id (a record is read with its room's token anyway). */
export function newRecordId(): string {
  return randomBase64Url(ROOM_ID_BYTES)
}

export function newToken(): string {
  return randomBase64Url(TOKEN_BYTES)
}

/** The link a person opens: the token rides in the fragment so it never reaches logs or Referer. */
export function boardLink(origin: string, roomId: RoomId, token: string): string {
  return `${origin.replace(/\/+$/, '')}/k/${roomId}#t=${token}`
}

/** Reads `t=<token>` from a URL fragment such as `#t=abc` (other fragment keys are ignored). */
export function tokenFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const parsed = TokenSchema.safeParse(params.get('t'))
  return parsed.success ? parsed.data : null
}
