import type * as Y from 'yjs'
import { compareStrings } from '../core/compare.js'
import type { Problem } from '../core/problems.js'
import { readBoard } from '../io/board.js'
import { SCHEMA_VERSION, schemaVersionOf } from '../migrations/migrations.js'
import { retroTally } from '../retro/voting.js'
import { LIMITS } from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'

/**
 * Everything in the doc the views had to leave out, repair or read around, sorted so every client
 * lists the same problems in the same order. Empty for a board written only through this
 * package's writes by one client; concurrent edits can add some (a member added to a team that
 * was removed at the same moment), and so can old clients, imports and hostile peers.
 */
export function problems(doc: Y.Doc): Problem[] {
  const out: Problem[] = []
  const version = schemaVersionOf(doc)
  if (version > SCHEMA_VERSION)
    out.push({
      key: ROOT.meta,
      field: 'schemaVersion',
      code: 'newer_schema',
      message: `written by a newer version (schema ${version}; this one knows ${SCHEMA_VERSION})`,
    })
  else if (version < SCHEMA_VERSION)
    out.push({
      key: ROOT.meta,
      field: 'schemaVersion',
      code: 'needs_migration',
      message: `schema ${version}, current is ${SCHEMA_VERSION}: migrate(doc) brings it up to date`,
    })
  const b = readBoard(doc, out)
  if (b.statement.length > LIMITS.statement)
    out.push({
      key: ROOT.purposeStatement,
      code: 'too_long',
      message: `the statement has ${b.statement.length} characters; the limit is ${LIMITS.statement}`,
    })
  if (b.why.length > LIMITS.long)
    out.push({
      key: ROOT.purposeWhy,
      code: 'too_long',
      message: `"why" has ${b.why.length} characters; the limit is ${LIMITS.long}`,
    })
  // The retro's cards, dots and settings.
  retroTally(doc, { includeHidden: true }, out)
  // readBoard reads some collections more than once (people for members and risks…): one each.
  const seen = new Set<string>()
  return out
    .filter((p) => {
      const k = `${p.key}\u0000${p.id ?? ''}\u0000${p.field ?? ''}\u0000${p.code}\u0000${p.message}`
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
    .sort(
      (a, b) =>
        compareStrings(a.key, b.key) ||
        compareStrings(a.id ?? '', b.id ?? '') ||
        compareStrings(a.field ?? '', b.field ?? '') ||
        compareStrings(a.code, b.code) ||
        compareStrings(a.message, b.message),
    )
}
