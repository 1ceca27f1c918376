import type * as Y from 'yjs'
import { z } from 'zod'
import type { Actor } from '../core/actor.js'
import { compareNames, compareStrings } from '../core/compare.js'
import { ModelError } from '../core/errors.js'
import type { ProblemSink } from '../core/problems.js'
import { readCollection, readEntry } from '../core/read.js'
import {
  claimId,
  entryMap,
  forEachEntryMap,
  newEntry,
  parseInput,
  patchEntry,
} from '../core/write.js'
import { assertCanWrite } from '../facilitation/access.js'
import { LIMITS, MilestoneSchema } from '../schema/entries.js'
import { isoDate, optionalText, requiredText } from '../schema/fields.js'
import { ROOT } from '../schema/keys.js'

/** Milestones: what dependencies are needed by, and what the timeline is measured against. */

export interface MilestoneView {
  id: string
  name: string
  /** YYYY-MM-DD. */
  date: string
  outcome: string
}

export function readMilestoneMap(doc: Y.Doc, problems?: ProblemSink): Map<string, MilestoneView> {
  const out = new Map<string, MilestoneView>()
  for (const { id, value } of readCollection(
    doc,
    ROOT.milestones,
    MilestoneSchema,
    'ymap',
    problems,
    { sort: false },
  ))
    out.set(id, { id, ...value })
  return out
}

/** By date, then name. */
export function listMilestones(doc: Y.Doc, problems?: ProblemSink): MilestoneView[] {
  return [...readMilestoneMap(doc, problems).values()].sort(
    (a, b) =>
      compareStrings(a.date, b.date) || compareNames(a.name, b.name) || compareStrings(a.id, b.id),
  )
}

export function assertMilestoneExists(doc: Y.Doc, id: string, field: string): void {
  if (!readEntry(doc, ROOT.milestones, MilestoneSchema, 'ymap', id))
    throw new ModelError('not_found', `no milestone with id ${id}`, field)
}

const NameSchema = requiredText('name', LIMITS.short)
const DateSchema = isoDate('date')
const OutcomeSchema = optionalText('outcome', LIMITS.long)

const AddMilestoneSchema = z.object({
  name: NameSchema,
  date: DateSchema,
  outcome: OutcomeSchema.optional(),
  id: z.unknown().optional(),
})

export function addMilestone(
  doc: Y.Doc,
  actor: Actor,
  input: { name: string; date: string; outcome?: string; id?: string },
): string {
  assertCanWrite(doc, actor, 'milestones')
  const v = parseInput(AddMilestoneSchema, input)
  const id = claimId(doc, ROOT.milestones, v.id, 'milestone')
  doc
    .getMap(ROOT.milestones)
    .set(id, newEntry({ name: v.name, date: v.date, outcome: v.outcome ?? '' }))
  return id
}

const UpdateMilestoneSchema = z.strictObject({
  name: NameSchema.optional(),
  date: DateSchema.optional(),
  outcome: OutcomeSchema.optional(),
})

export function updateMilestone(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  patch: { name?: string; date?: string; outcome?: string },
): void {
  assertCanWrite(doc, actor, 'milestones')
  const v = parseInput(UpdateMilestoneSchema, patch)
  assertMilestoneExists(doc, id, 'id')
  patchEntry(entryMap(doc, ROOT.milestones, id, 'milestone'), v)
}

/** Removes a milestone; dependencies needed by it then have no due milestone (and are flagged). */
export function removeMilestone(doc: Y.Doc, actor: Actor, id: string): void {
  assertCanWrite(doc, actor, 'milestones')
  assertMilestoneExists(doc, id, 'id')
  doc.transact(() => {
    doc.getMap(ROOT.milestones).delete(id)
    forEachEntryMap(doc, ROOT.dependencies, (d) => {
      if (d.get('neededBy') === id) d.set('neededBy', null)
    })
  })
}
