import type * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import { parseInput } from '../core/write.js'
import { assertCanWrite } from '../facilitation/access.js'
import { LIMITS } from '../schema/entries.js'
import { optionalText } from '../schema/fields.js'
import { ROOT } from '../schema/keys.js'

/**
 * The purpose statement and why it matters: top-level Y.Texts that people type into together.
 * Bind an editor to purposeStatement(doc) / purposeWhy(doc) for character-level co-editing, and
 * make it read-only unless canWrite(doc, actor, 'purpose'): keystrokes go straight into the
 * Y.Text, so the lock is the editor's to respect. setPurposeStatement/setPurposeWhy replace the
 * whole text with validation, for forms and imports.
 */

/** The shared purpose statement; bind an editor to it for character-level co-editing. */
export function purposeStatement(doc: Y.Doc): Y.Text {
  return doc.getText(ROOT.purposeStatement)
}

/** Why the purpose matters (co-edited like the statement). */
export function purposeWhy(doc: Y.Doc): Y.Text {
  return doc.getText(ROOT.purposeWhy)
}

/**
 * The statement as confirmations compare it: trimmed, runs of whitespace as one space. A trailing
 * space or a line break does not make owners confirm again; any other change does.
 */
export function normalizeStatement(text: string): string {
  return text.trim().replace(/\s+/g, ' ')
}

function replaceText(doc: Y.Doc, text: Y.Text, next: string): void {
  const current = text.toString()
  if (current === next) return
  // Keep the common prefix and suffix so a concurrent edit elsewhere in the text survives.
  let start = 0
  while (start < current.length && start < next.length && current[start] === next[start]) start++
  let end = 0
  while (
    end < current.length - start &&
    end < next.length - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  )
    end++
  doc.transact(() => {
    text.delete(start, current.length - start - end)
    text.insert(start, next.slice(start, next.length - end))
  })
}

const StatementSchema = optionalText('statement', LIMITS.statement)
const WhySchema = optionalText('why', LIMITS.long)

export function setPurposeStatement(doc: Y.Doc, actor: Actor, text: string): void {
  assertCanWrite(doc, actor, 'purpose')
  replaceText(doc, purposeStatement(doc), parseInput(StatementSchema, text))
}

export function setPurposeWhy(doc: Y.Doc, actor: Actor, text: string): void {
  assertCanWrite(doc, actor, 'purpose')
  replaceText(doc, purposeWhy(doc), parseInput(WhySchema, text))
}
