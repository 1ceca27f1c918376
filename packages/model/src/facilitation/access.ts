import type * as Y from 'yjs'
import { parseActor, type Actor } from '../core/actor.js'
import { ModelError } from '../core/errors.js'
import { readField } from '../core/read.js'
import { FacilitationFields, MetaFields, lockField, type Section } from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'

/**
 * Who may write what, in one place. The UI asks canWrite() to enable a control; every write
 * function calls the matching assert, so a control the UI forgot to disable still refuses.
 */

export function isClosed(doc: Y.Doc): boolean {
  return readField(doc, ROOT.meta, 'closedAt', MetaFields.closedAt, null) !== null
}

export function isLocked(doc: Y.Doc, section: Section): boolean {
  const field = lockField(section)
  return readField(doc, ROOT.facilitation, field, FacilitationFields[field], false)
}

/** Why `actor` may not write to `section` right now, or null when they may. */
export function writeRefusal(doc: Y.Doc, actor: Actor, section: Section | null): ModelError | null {
  if (actor.role === 'viewer') return new ModelError('forbidden', 'viewers cannot change the board')
  if (actor.role === 'facilitator') return null
  if (isClosed(doc))
    return new ModelError('locked', 'the kickoff is closed: only a facilitator can change it')
  if (section && isLocked(doc, section))
    return new ModelError('locked', `the ${section} section is locked by the facilitator`)
  return null
}

/** May `actor` change `section` now? For enabling controls (and text editors: see purpose/). */
export function canWrite(doc: Y.Doc, actor: Actor, section: Section): boolean {
  return writeRefusal(doc, actor, section) === null
}

/** Validates the actor and refuses viewers, and non-facilitators in a locked section or closed kickoff. */
export function assertCanWrite(doc: Y.Doc, actor: unknown, section: Section | null): Actor {
  const a = parseActor(actor)
  const refusal = writeRefusal(doc, a, section)
  if (refusal) throw refusal
  return a
}

/** Validates the actor and refuses everyone but facilitators. `what` completes "only a facilitator can …". */
export function assertFacilitator(actor: unknown, what: string): Actor {
  const a = parseActor(actor)
  if (a.role !== 'facilitator') throw new ModelError('forbidden', `only a facilitator can ${what}`)
  return a
}
