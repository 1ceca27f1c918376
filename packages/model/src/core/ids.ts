import { z } from 'zod'

/**
 * Ids are short, URL-safe strings. Random ids (newId) make concurrent adds from different clients
 * land under different keys; hand-chosen ids ("exec", "m1") come from imports and the sample.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export function idSchema(field: string) {
  return z
    .string({ error: `${field} must be an id` })
    .regex(ID_PATTERN, `${field} must be an id: 1–64 letters, digits, "_" or "-"`)
}

export const IdSchema = idSchema('id')

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value)
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** 16 characters from a 64-letter alphabet: 96 random bits, so two clients never pick the same. */
export function newId(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  let id = ''
  for (const b of bytes) id += ALPHABET[b & 63]
  return id
}
