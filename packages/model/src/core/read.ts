import * as Y from 'yjs'
import type { z } from 'zod'
import type { RootKey } from '../schema/keys.js'
import { LAYOUT } from '../schema/layout.js'
import { compareStrings } from './compare.js'
import { ID_PATTERN } from './ids.js'
import type { ProblemSink } from './problems.js'

/**
 * Reading never throws: whatever a peer wrote, an entry either validates or is left out and
 * reported. Validation results are memoized so re-rendering after one change re-validates only
 * what changed:
 * - JSON entries are immutable values; Yjs hands back the same object on every read, so the
 *   result is cached against that object.
 * - Y.Map entries change in place; their cached result is dropped after every transaction that
 *   touched them (each transaction lists the changed types), and nothing is cached
 *   while a transaction is still open.
 */

export interface Entry<T> {
  id: string
  value: T
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string }

const jsonCache = new WeakMap<z.ZodType, WeakMap<object, Parsed>>()

interface DocCache {
  /** Y.Map entry → [schema, result], dropped when a transaction touches the entry. */
  parsed: WeakMap<object, [z.ZodType, Parsed]>
  /** Top-level type → how many transactions have changed something under it. */
  versions: WeakMap<object, number>
  /** Memoized views: name → the versions they were computed at, and the value. */
  memos: Map<string, { versions: number[]; value: unknown }>
}

const docCaches = new WeakMap<Y.Doc, DocCache>()

function rootOf(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> {
  let t = type
  while (t._item) t = t._item.parent as Y.AbstractType<unknown>
  return t
}

function rootType(doc: Y.Doc, key: RootKey): Y.AbstractType<unknown> {
  return (
    LAYOUT[key].kind === 'text' ? doc.getText(key) : doc.getMap(key)
  ) as Y.AbstractType<unknown>
}

function cacheFor(doc: Y.Doc): DocCache {
  let cache = docCaches.get(doc)
  if (!cache) {
    const c: DocCache = { parsed: new WeakMap(), versions: new WeakMap(), memos: new Map() }
    // Before observers run, not after the transaction: an observer that calls a view must see
    // the change it is being told about (Yjs emits afterTransaction after the observers).
    doc.on('beforeObserverCalls', (tr: Y.Transaction) => {
      const roots = new Set<object>()
      for (const type of tr.changed.keys()) {
        c.parsed.delete(type)
        roots.add(rootOf(type as Y.AbstractType<unknown>))
      }
      for (const root of roots) c.versions.set(root, (c.versions.get(root) ?? 0) + 1)
    })
    docCaches.set(doc, (cache = c))
  }
  return cache
}

function parse(schema: z.ZodType, raw: unknown): Parsed {
  const r = schema.safeParse(raw)
  if (r.success) {
    const value = r.data
    if (value && typeof value === 'object') Object.freeze(value)
    return { ok: true, value }
  }
  const issue = r.error.issues[0]
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  return { ok: false, message: `${path}${issue?.message ?? 'invalid'}` }
}

function parseJson(schema: z.ZodType, raw: object): Parsed {
  let cache = jsonCache.get(schema)
  if (!cache) jsonCache.set(schema, (cache = new WeakMap()))
  let hit = cache.get(raw)
  if (!hit) cache.set(raw, (hit = parse(schema, raw)))
  return hit
}

function parseYMap(doc: Y.Doc, schema: z.ZodType, raw: Y.Map<unknown>): Parsed {
  if (doc._transaction) return parse(schema, raw.toJSON())
  const cache = cacheFor(doc).parsed
  const hit = cache.get(raw)
  if (hit && hit[0] === schema) return hit[1]
  const parsed = parse(schema, raw.toJSON())
  cache.set(raw, [schema, parsed])
  return parsed
}

/**
 * A view computed from some top-level keys, reused until a transaction changes anything under one
 * of them. Views call it only for results nobody mutates (internal maps, frozen objects). Inside
 * an open transaction it always recomputes: the doc may have changed since the last one.
 */
export function memo<T>(doc: Y.Doc, name: string, keys: readonly RootKey[], compute: () => T): T {
  if (doc._transaction) return compute()
  const cache = cacheFor(doc)
  // Through the typed accessor: a key first seen in a remote update is a placeholder type until
  // then, and its version must be counted on the type that stays.
  const versions = keys.map((k) => cache.versions.get(rootType(doc, k)) ?? 0)
  const hit = cache.memos.get(name)
  if (hit && hit.versions.every((v, i) => v === versions[i])) return hit.value as T
  const value = compute()
  cache.memos.set(name, { versions, value })
  return value
}

export type EntryKind = 'ymap' | 'json'

/** One entry of a collection, validated, or undefined. */
export function readEntry<S extends z.ZodType>(
  doc: Y.Doc,
  key: RootKey,
  schema: S,
  kind: EntryKind,
  id: string,
): z.output<S> | undefined {
  const raw = doc.getMap(key).get(id)
  const parsed = parseRaw(doc, schema, kind, raw)
  return parsed?.ok ? (parsed.value as z.output<S>) : undefined
}

function parseRaw(doc: Y.Doc, schema: z.ZodType, kind: EntryKind, raw: unknown): Parsed | null {
  if (kind === 'ymap') {
    return raw instanceof Y.Map ? parseYMap(doc, schema, raw) : null
  }
  if (raw === null || typeof raw !== 'object' || raw instanceof Y.AbstractType) return null
  return parseJson(schema, raw)
}

/**
 * Calls `visit` with every valid entry of a collection, in no particular order (Y.Map iteration
 * order differs between clients: callers that show the order must sort). The allocation-free
 * form, for views that run on every update.
 */
export function scanCollection<S extends z.ZodType>(
  doc: Y.Doc,
  key: RootKey,
  schema: S,
  kind: EntryKind,
  visit: (id: string, value: z.output<S>) => void,
  problems?: ProblemSink,
): void {
  doc.getMap(key).forEach((raw, id) => {
    if (!ID_PATTERN.test(id)) {
      problems?.push({ key, id, code: 'invalid_id', message: `"${id}" is not a valid id` })
      return
    }
    const parsed = parseRaw(doc, schema, kind, raw)
    if (parsed === null) {
      const expected = kind === 'ymap' ? 'a Y.Map' : 'a JSON object'
      problems?.push({ key, id, code: 'invalid_entry', message: `entry is not ${expected}` })
      return
    }
    if (!parsed.ok) {
      problems?.push({ key, id, code: 'invalid_entry', message: parsed.message })
      return
    }
    visit(id, parsed.value as z.output<S>)
  })
}

/**
 * Every valid entry of a collection, sorted by id (Y.Map iteration order differs between clients,
 * so views must never depend on it). `sort: false` for callers that order entries themselves.
 */
export function readCollection<S extends z.ZodType>(
  doc: Y.Doc,
  key: RootKey,
  schema: S,
  kind: EntryKind,
  problems?: ProblemSink,
  opts: { sort?: boolean } = {},
): Entry<z.output<S>>[] {
  const out: Entry<z.output<S>>[] = []
  scanCollection(doc, key, schema, kind, (id, value) => out.push({ id, value }), problems)
  if (opts.sort !== false) out.sort((a, b) => compareStrings(a.id, b.id))
  return out
}

type FieldValues<F extends Record<string, z.ZodType>> = { [K in keyof F]: z.output<F[K]> }

/**
 * A map of independent fields: each is validated alone, and a missing or invalid one reads as
 * its default (an invalid one is also reported), so one bad setting never hides the others.
 */
export function readFields<F extends Record<string, z.ZodType>>(
  doc: Y.Doc,
  key: RootKey,
  fields: F,
  defaults: FieldValues<F>,
  problems?: ProblemSink,
): FieldValues<F> {
  const map = doc.getMap(key)
  const out = { ...defaults }
  for (const name of Object.keys(fields) as (keyof F & string)[]) {
    const raw = map.get(name)
    if (raw === undefined) continue
    const r = fields[name]!.safeParse(raw instanceof Y.AbstractType ? raw.toJSON() : raw)
    if (r.success) out[name] = r.data as FieldValues<F>[typeof name]
    else
      problems?.push({
        key,
        field: name,
        code: 'invalid_field',
        message: `${name}: ${r.error.issues[0]?.message ?? 'invalid'}; using the default`,
      })
  }
  return out
}

/** One field of a fields map, or its fallback when missing or invalid. */
export function readField<S extends z.ZodType>(
  doc: Y.Doc,
  key: RootKey,
  field: string,
  schema: S,
  fallback: z.output<S>,
): z.output<S> {
  const raw = doc.getMap(key).get(field)
  if (raw === undefined) return fallback
  const r = schema.safeParse(raw)
  return r.success ? (r.data as z.output<S>) : fallback
}
