import type * as Y from 'yjs'
import { z } from 'zod'
import type { Actor } from '../core/actor.js'
import { compareStrings } from '../core/compare.js'
import { ModelError } from '../core/errors.js'
import type { ProblemSink } from '../core/problems.js'
import { readCollection, readEntry } from '../core/read.js'
import { claimId, entryMap, newEntry, nextOrder, parseInput, patchEntry } from '../core/write.js'
import { assertCanWrite } from '../facilitation/access.js'
import { LIMITS, MeasureSchema } from '../schema/entries.js'
import { requiredText } from '../schema/fields.js'
import { ROOT } from '../schema/keys.js'

/** How success is measured: a short list, in the order the group put it. */

export interface MeasureView {
  id: string
  text: string
  order: number
}

export function listMeasures(doc: Y.Doc, problems?: ProblemSink): MeasureView[] {
  return readCollection(doc, ROOT.purposeMeasures, MeasureSchema, 'ymap', problems)
    .map(({ id, value }) => ({ id, ...value }))
    .sort((a, b) => a.order - b.order || compareStrings(a.id, b.id))
}

const TextSchema = requiredText('text', LIMITS.short)
const AddSchema = z.object({ text: TextSchema, id: z.unknown().optional() })
const UpdateSchema = z.strictObject({
  text: TextSchema.optional(),
  order: z.number({ error: 'order must be a number' }).finite().optional(),
})

export function addMeasure(doc: Y.Doc, actor: Actor, input: { text: string; id?: string }): string {
  assertCanWrite(doc, actor, 'purpose')
  const v = parseInput(AddSchema, input)
  const id = claimId(doc, ROOT.purposeMeasures, v.id, 'success measure')
  doc
    .getMap(ROOT.purposeMeasures)
    .set(id, newEntry({ text: v.text, order: nextOrder(doc, ROOT.purposeMeasures) }))
  return id
}

function assertMeasure(doc: Y.Doc, id: string): void {
  if (!readEntry(doc, ROOT.purposeMeasures, MeasureSchema, 'ymap', id))
    throw new ModelError('not_found', `no success measure with id ${id}`)
}

/** Edits or moves a measure (to move it between two others, give an order between theirs). */
export function updateMeasure(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  patch: { text?: string; order?: number },
): void {
  assertCanWrite(doc, actor, 'purpose')
  const v = parseInput(UpdateSchema, patch)
  assertMeasure(doc, id)
  patchEntry(entryMap(doc, ROOT.purposeMeasures, id, 'success measure'), v)
}

export function removeMeasure(doc: Y.Doc, actor: Actor, id: string): void {
  assertCanWrite(doc, actor, 'purpose')
  assertMeasure(doc, id)
  doc.getMap(ROOT.purposeMeasures).delete(id)
}
