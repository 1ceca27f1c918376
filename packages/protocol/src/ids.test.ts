import { describe, expect, it } from 'vitest'
import { boardLink, newRoomId, newToken, RoomIdSchema, tokenFromFragment } from './ids.js'

describe('ids and tokens', () => {
  it('room ids carry 128 random bits in 22 URL-safe characters', () => {
    const ids = new Set(Array.from({ length: 1000 }, newRoomId))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('tokens carry 256 random bits in 43 URL-safe characters', () => {
    expect(newToken()).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(newToken()).not.toBe(newToken())
  })

  it.each(['../etc/passwd', 'abc', 'a'.repeat(65), 'abc%2Fdef0123456789', 'room id with spaces!'])(
    'refuses %j as a room id',
    (id) => {
      expect(RoomIdSchema.safeParse(id).success).toBe(false)
    },
  )

  it('links put the token in the fragment', () => {
    expect(boardLink('https://k.example/', 'R'.repeat(22), 'T'.repeat(43))).toBe(
      `https://k.example/k/${'R'.repeat(22)}#t=${'T'.repeat(43)}`,
    )
  })

  it('reads the token back from a fragment and ignores junk', () => {
    const t = newToken()
    expect(tokenFromFragment(`#t=${t}`)).toBe(t)
    expect(tokenFromFragment(`#x=1&t=${t}`)).toBe(t)
    expect(tokenFromFragment('#t=<script>')).toBeNull()
    expect(tokenFromFragment('')).toBeNull()
  })
})
