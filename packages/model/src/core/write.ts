import * as Y from 'yjs'
import type { z } from 'zod'
import type { RootKey } from '../schema/keys.js'
import { ModelError } from './errors.js'
import { newId, idSchema } from './ids.js'

/**
 * Validates write input: the parsed value, or a ModelError('invalid_input') whose message names
 * the field (field schemas in schema/fields.ts put the name into every message).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input)
  if (r.success) return r.data as z.output<S>
  const issue = r.error.issues[0]
  const field = issue?.path.length ? issue.path.join('.') : undefined
  let message = issue?.message ?? 'invalid input'
  if (field && !message.includes(String(issue?.path[issue.path.length - 1])))
    message = `${field}: ${message}`
  throw new ModelError('invalid_input', message, field)
}

const NewIdSchema = idSchema('id').optional()

/**
 * The id for a new entry: the caller's (imports, the sample and seeded tests choose theirs) or a
 * fresh random one. A taken id is refused rather than overwriting someone's entry.
 */
export function claimId(doc: Y.Doc, key: RootKey, requested: unknown, what: string): string {
  const id = parseInput(NewIdSchema, requested) ?? newId()
  if (doc.getMap(key).has(id)) throw new ModelError('duplicate', `a ${what} with id ${id} exists`)
  return id
}

/** The Y.Map of an existing entry, or not_found. */
export function entryMap(doc: Y.Doc, key: RootKey, id: string, what: string): Y.Map<unknown> {
  const entry = doc.getMap(key).get(id)
  if (!(entry instanceof Y.Map)) throw new ModelError('not_found', `no ${what} with id ${id}`)
  return entry as Y.Map<unknown>
}

/** A new entry; its fields are set before it is inserted so peers receive it whole. */
export function newEntry(fields: Record<string, unknown>): Y.Map<unknown> {
  const entry = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) entry.set(k, v)
  return entry
}

/** Sets only the fields that change, so an edit does not overwrite a concurrent edit to another. */
export function patchEntry(entry: Y.Map<unknown>, patch: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined && entry.get(k) !== v) entry.set(k, v)
  }
}

export function isoNow(now: Date | undefined): string {
  return (now ?? new Date()).toISOString()
}

/** Options every write that records a time accepts; tests pin the clock with it. */
export interface WriteOptions {
  now?: Date
}

/** Each entry of a collection that is a Y.Map, whatever its content (writes that cascade use it). */
export function forEachEntryMap(
  doc: Y.Doc,
  key: RootKey,
  fn: (entry: Y.Map<unknown>, id: string) => void,
): void {
  doc.getMap(key).forEach((v, id) => {
    if (v instanceof Y.Map) fn(v as Y.Map<unknown>, id)
  })
}

/** Deletes the entries of a Y.Map collection that match. */
export function deleteEntriesWhere(
  doc: Y.Doc,
  key: RootKey,
  pred: (entry: Y.Map<unknown>) => boolean,
): void {
  const doomed: string[] = []
  forEachEntryMap(doc, key, (entry, id) => {
    if (pred(entry)) doomed.push(id)
  })
  const map = doc.getMap(key)
  for (const id of doomed) map.delete(id)
}

/** One past the highest `order` in a collection: where a new entry goes at the end of the list. */
export function nextOrder(doc: Y.Doc, key: RootKey): number {
  let max = 0
  forEachEntryMap(doc, key, (entry) => {
    const o = entry.get('order')
    if (typeof o === 'number' && Number.isFinite(o) && o > max) max = o
  })
  return Math.floor(max) + 1
}
