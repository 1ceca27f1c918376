import type * as Y from 'yjs'
import { z } from 'zod'
import type { Actor } from '../core/actor.js'
import { ModelError } from '../core/errors.js'
import { idSchema } from '../core/ids.js'
import type { ProblemSink } from '../core/problems.js'
import { readCollection, readEntry } from '../core/read.js'
import { claimId, entryMap, newEntry, parseInput, patchEntry } from '../core/write.js'
import { assertCanWrite } from '../facilitation/access.js'
import { assertPerson, type PersonView } from '../people/people.js'
import { LIMITS, RISK_STATUSES, RiskSchema, type RiskStatus } from '../schema/entries.js'
import { intRange, oneOf, optionalText, requiredText } from '../schema/fields.js'
import { ROOT } from '../schema/keys.js'

/** The risk wall: what could go wrong, how likely, how bad, who watches it, what we do about it. */

export interface RiskEntryView {
  id: string
  title: string
  description: string
  likelihood: number
  impact: number
  /** A person on the board, or null (also when that person is gone). */
  ownerId: string | null
  mitigation: string
  status: RiskStatus
}

export function readRisks(
  doc: Y.Doc,
  people: ReadonlyMap<string, PersonView>,
  problems?: ProblemSink,
): RiskEntryView[] {
  const out: RiskEntryView[] = []
  for (const { id, value } of readCollection(doc, ROOT.risks, RiskSchema, 'ymap', problems)) {
    let ownerId = value.ownerId
    if (ownerId !== null && !people.has(ownerId)) {
      problems?.push({
        key: ROOT.risks,
        id,
        field: 'ownerId',
        code: 'dangling_reference',
        message: `owner ${ownerId} is not on the board; read as no owner`,
      })
      ownerId = null
    }
    out.push({ id, ...value, ownerId })
  }
  return out
}

const fields = {
  title: requiredText('title', LIMITS.short),
  description: optionalText('description', LIMITS.long),
  likelihood: intRange('likelihood', 1, 5),
  impact: intRange('impact', 1, 5),
  ownerId: idSchema('ownerId').nullable(),
  mitigation: optionalText('mitigation', LIMITS.long),
  status: oneOf('status', RISK_STATUSES),
}

const AddRiskSchema = z.object({
  title: fields.title,
  description: fields.description.optional(),
  likelihood: fields.likelihood,
  impact: fields.impact,
  ownerId: fields.ownerId.optional(),
  mitigation: fields.mitigation.optional(),
  status: fields.status.optional(),
  id: z.unknown().optional(),
})

export interface RiskInput {
  title: string
  description?: string
  likelihood: number
  impact: number
  ownerId?: string | null
  mitigation?: string
  status?: RiskStatus
  id?: string
}

export function addRisk(doc: Y.Doc, actor: Actor, input: RiskInput): string {
  assertCanWrite(doc, actor, 'risks')
  const v = parseInput(AddRiskSchema, input)
  if (v.ownerId) assertPerson(doc, v.ownerId, 'ownerId')
  const id = claimId(doc, ROOT.risks, v.id, 'risk')
  doc.getMap(ROOT.risks).set(
    id,
    newEntry({
      title: v.title,
      description: v.description ?? '',
      likelihood: v.likelihood,
      impact: v.impact,
      ownerId: v.ownerId ?? null,
      mitigation: v.mitigation ?? '',
      status: v.status ?? 'open',
    }),
  )
  return id
}

const UpdateRiskSchema = z.strictObject({
  title: fields.title.optional(),
  description: fields.description.optional(),
  likelihood: fields.likelihood.optional(),
  impact: fields.impact.optional(),
  ownerId: fields.ownerId.optional(),
  mitigation: fields.mitigation.optional(),
  status: fields.status.optional(),
})

export function updateRisk(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  patch: Partial<Omit<RiskInput, 'id'>>,
): void {
  assertCanWrite(doc, actor, 'risks')
  const v = parseInput(UpdateRiskSchema, patch)
  if (!readEntry(doc, ROOT.risks, RiskSchema, 'ymap', id))
    throw new ModelError('not_found', `no risk with id ${id}`)
  if (v.ownerId) assertPerson(doc, v.ownerId, 'ownerId')
  patchEntry(entryMap(doc, ROOT.risks, id, 'risk'), v)
}

export function removeRisk(doc: Y.Doc, actor: Actor, id: string): void {
  assertCanWrite(doc, actor, 'risks')
  if (!readEntry(doc, ROOT.risks, RiskSchema, 'ymap', id))
    throw new ModelError('not_found', `no risk with id ${id}`)
  doc.getMap(ROOT.risks).delete(id)
}
