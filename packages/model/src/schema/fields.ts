import { z } from 'zod'

/**
 * Field schemas that carry their field's name in every message, so a refused write reads
 * "likelihood must be from 1 to 5", not "Too big: expected number to be <=5".
 */

export function requiredText(field: string, max: number) {
  return z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`)
}

export function optionalText(field: string, max: number) {
  return z
    .string({ error: `${field} must be text` })
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
}

export function intRange(field: string, min: number, max: number) {
  const range = `${field} must be a whole number from ${min} to ${max}`
  return z.number({ error: range }).int(range).min(min, range).max(max, range)
}

export function flag(field: string) {
  return z.boolean({ error: `${field} must be true or false` })
}

export function oneOf<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, { error: `${field} must be one of ${values.join(', ')}` })
}

/** A calendar date, YYYY-MM-DD: "2026-02-30" and "next week" are refused. */
export function isoDate(field: string) {
  return z.iso.date({ error: `${field} must be a date (YYYY-MM-DD)` })
}

/**
 * A moment in the one format Date#toISOString writes (UTC, milliseconds): these strings sort
 * chronologically as plain text, which the tally relies on.
 */
export function isoTime(field: string) {
  return z.iso.datetime({
    precision: 3,
    error: `${field} must be a UTC time like 2026-11-21T10:00:00.000Z`,
  })
}
