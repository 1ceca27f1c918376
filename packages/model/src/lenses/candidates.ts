import type * as Y from 'yjs'
import { z } from 'zod'
import type { Actor } from '../core/actor.js'
import { compareNames, compareStrings } from '../core/compare.js'
import { ModelError } from '../core/errors.js'
import type { ProblemSink } from '../core/problems.js'
import { memo, readCollection, readEntry } from '../core/read.js'
import { claimId, entryMap, newEntry, nextOrder, parseInput, patchEntry } from '../core/write.js'
import { assertCanWrite } from '../facilitation/access.js'
import { LIMITS, LensSchema } from '../schema/entries.js'
import { optionalText, requiredText } from '../schema/fields.js'
import { ROOT } from '../schema/keys.js'
import { readVoting } from './voting.js'

/** Candidate strategy lenses: what people place their dots on. */

export interface LensView {
  id: string
  title: string
  description: string
  order: number
}

/** Valid lenses by id; shared between calls until the lenses change: read it, never change it. */
export function readLensMap(doc: Y.Doc, problems?: ProblemSink): ReadonlyMap<string, LensView> {
  if (problems) return computeLenses(doc, problems)
  return memo(doc, 'lenses', [ROOT.lenses], () => computeLenses(doc))
}

function computeLenses(doc: Y.Doc, problems?: ProblemSink): Map<string, LensView> {
  const out = new Map<string, LensView>()
  for (const { id, value } of readCollection(doc, ROOT.lenses, LensSchema, 'ymap', problems, {
    sort: false,
  }))
    out.set(id, Object.freeze({ id, ...value }))
  return out
}

/** In board order. */
export function listLenses(doc: Y.Doc, problems?: ProblemSink): LensView[] {
  return [...readLensMap(doc, problems).values()].sort(
    (a, b) => a.order - b.order || compareNames(a.title, b.title) || compareStrings(a.id, b.id),
  )
}

export function assertLensExists(doc: Y.Doc, lensId: string): void {
  if (!readEntry(doc, ROOT.lenses, LensSchema, 'ymap', lensId))
    throw new ModelError('not_found', `no lens with id ${lensId}`, 'lensId')
}

/** Adding or removing a candidate changes the ballot, so only before voting opens. */
function assertBallotOpenForChanges(doc: Y.Doc, what: string): void {
  const { state } = readVoting(doc)
  if (state !== 'draft')
    throw new ModelError('wrong_state', `lenses can be ${what} only before voting opens`)
}

const TitleSchema = requiredText('title', LIMITS.short)
const DescriptionSchema = optionalText('description', LIMITS.long)
const AddLensSchema = z.object({
  title: TitleSchema,
  description: DescriptionSchema.optional(),
  id: z.unknown().optional(),
})

export function addLens(
  doc: Y.Doc,
  actor: Actor,
  input: { title: string; description?: string; id?: string },
): string {
  assertCanWrite(doc, actor, 'lenses')
  const v = parseInput(AddLensSchema, input)
  assertBallotOpenForChanges(doc, 'added')
  const id = claimId(doc, ROOT.lenses, v.id, 'lens')
  doc.getMap(ROOT.lenses).set(
    id,
    newEntry({
      title: v.title,
      description: v.description ?? '',
      order: nextOrder(doc, ROOT.lenses),
    }),
  )
  return id
}

const UpdateLensSchema = z.strictObject({
  title: TitleSchema.optional(),
  description: DescriptionSchema.optional(),
  order: z.number({ error: 'order must be a number' }).finite().optional(),
})

/** Rewording or reordering a candidate is allowed at any time (the section lock still applies). */
export function updateLens(
  doc: Y.Doc,
  actor: Actor,
  lensId: string,
  patch: { title?: string; description?: string; order?: number },
): void {
  assertCanWrite(doc, actor, 'lenses')
  const v = parseInput(UpdateLensSchema, patch)
  assertLensExists(doc, lensId)
  patchEntry(entryMap(doc, ROOT.lenses, lensId, 'lens'), v)
}

export function removeLens(doc: Y.Doc, actor: Actor, lensId: string): void {
  assertCanWrite(doc, actor, 'lenses')
  assertLensExists(doc, lensId)
  assertBallotOpenForChanges(doc, 'removed')
  doc.transact(() => {
    doc.getMap(ROOT.lenses).delete(lensId)
    doc.getMap(ROOT.chosenLenses).delete(lensId)
  })
}
