import * as Y from 'yjs'

/**
 * True when applying `update` would change `doc`. A read-only (viewer) client answers the
 * server's sync step 1 with a step 2 that always carries its whole delete set, so "non-empty"
 * is not the question: only structs the server lacks, or deletions it has not applied, count.
 */
export function bringsChanges(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const s of structs) {
    if (s instanceof Y.Skip) continue
    if (s.id.clock + s.length > (sv.get(s.id.client) ?? 0)) return true
  }
  if (ds.clients.size === 0) return false
  const own = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, ranges] of ds.clients) {
    const mine = own.clients.get(client) ?? []
    for (const r of ranges) {
      if (r.len === 0) continue
      const covered = mine.some((m) => m.clock <= r.clock && r.clock + r.len <= m.clock + m.len)
      if (!covered) return true
    }
  }
  return false
}
