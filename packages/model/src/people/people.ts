import type * as Y from 'yjs'
import { z } from 'zod'
import { parseActor, type Actor } from '../core/actor.js'
import { compareNames, compareStrings } from '../core/compare.js'
import { ModelError } from '../core/errors.js'
import { idSchema } from '../core/ids.js'
import type { ProblemSink } from '../core/problems.js'
import { memo, readCollection, readEntry } from '../core/read.js'
import { claimId, entryMap, newEntry, parseInput, patchEntry } from '../core/write.js'
import { assertCanWrite } from '../facilitation/access.js'
import { LIMITS, PersonSchema, TeamSchema } from '../schema/entries.js'
import { requiredText } from '../schema/fields.js'
import { ROOT } from '../schema/keys.js'

/** Everyone on the board: who can vote, own a team or a risk, and confirm the purpose. */

export interface PersonView {
  id: string
  name: string
  /** Home team, or null (also when the team was removed). */
  teamId: string | null
}

/** A person as other views name them. */
export interface PersonRef {
  id: string
  name: string
}

const NameSchema = requiredText('name', LIMITS.name)
const TeamRefSchema = idSchema('teamId').nullable().optional()

/**
 * Valid people by id, with dangling home teams read as none (and reported). The map is shared
 * between calls until people or teams change: read it, never change it.
 */
export function readPeople(doc: Y.Doc, problems?: ProblemSink): ReadonlyMap<string, PersonView> {
  if (problems) return computePeople(doc, problems)
  return memo(doc, 'people', [ROOT.people, ROOT.teams], () => computePeople(doc))
}

function computePeople(doc: Y.Doc, problems?: ProblemSink): Map<string, PersonView> {
  const out = new Map<string, PersonView>()
  for (const { id, value } of readCollection(doc, ROOT.people, PersonSchema, 'ymap', problems, {
    sort: false,
  })) {
    let teamId = value.teamId
    if (teamId !== null && !readEntry(doc, ROOT.teams, TeamSchema, 'ymap', teamId)) {
      problems?.push({
        key: ROOT.people,
        id,
        field: 'teamId',
        code: 'dangling_reference',
        message: `home team ${teamId} does not exist; shown without a team`,
      })
      teamId = null
    }
    out.set(id, Object.freeze({ id, name: value.name, teamId }))
  }
  return out
}

/** Everyone, by name (then id, so the order is the same on every client). */
export function listPeople(doc: Y.Doc): PersonView[] {
  return [...readPeople(doc).values()].sort(
    (a, b) => compareNames(a.name, b.name) || compareStrings(a.id, b.id),
  )
}

function assertTeam(doc: Y.Doc, teamId: string | null | undefined): void {
  if (teamId && !readEntry(doc, ROOT.teams, TeamSchema, 'ymap', teamId))
    throw new ModelError('not_found', `no team with id ${teamId}`, 'teamId')
}

/**
 * Puts the actor on the board under their name (or renames them). Always allowed to anyone who
 * can write: joining is not an edit of a section, so locks do not apply.
 */
export function joinBoard(
  doc: Y.Doc,
  actor: Actor,
  input: { name: string; teamId?: string | null },
): void {
  const a = assertCanWrite(doc, actor, null)
  const name = parseInput(NameSchema, input.name)
  const teamId = parseInput(TeamRefSchema, input.teamId)
  assertTeam(doc, teamId)
  const people = doc.getMap(ROOT.people)
  const existing = people.get(a.personId)
  doc.transact(() => {
    if (existing && readEntry(doc, ROOT.people, PersonSchema, 'ymap', a.personId)) {
      patchEntry(entryMap(doc, ROOT.people, a.personId, 'person'), { name, teamId })
    } else {
      people.set(a.personId, newEntry({ name, teamId: teamId ?? null }))
    }
  })
}

const AddPersonSchema = z.object({
  name: NameSchema,
  teamId: TeamRefSchema,
  id: z.unknown().optional(),
})

/** Adds someone who is not (yet) on the board, e.g. to make them a team member or risk owner. */
export function addPerson(
  doc: Y.Doc,
  actor: Actor,
  input: { name: string; teamId?: string | null; id?: string },
): string {
  assertCanWrite(doc, actor, 'teams')
  const v = parseInput(AddPersonSchema, input)
  assertTeam(doc, v.teamId)
  const id = claimId(doc, ROOT.people, v.id, 'person')
  doc.getMap(ROOT.people).set(id, newEntry({ name: v.name, teamId: v.teamId ?? null }))
  return id
}

/** Renames a person: themselves, or a facilitator. */
export function renamePerson(doc: Y.Doc, actor: Actor, personId: string, name: string): void {
  const a = parseActor(actor)
  if (a.personId !== personId && a.role !== 'facilitator')
    throw new ModelError('forbidden', 'only a facilitator can rename someone else')
  assertCanWrite(doc, a, null)
  const valid = parseInput(NameSchema, name)
  if (!readEntry(doc, ROOT.people, PersonSchema, 'ymap', personId))
    throw new ModelError('not_found', `no person with id ${personId}`)
  patchEntry(entryMap(doc, ROOT.people, personId, 'person'), { name: valid })
}

/** Throws not_found unless `personId` is a (valid) person on the board. */
export function assertPerson(doc: Y.Doc, personId: string, field: string): void {
  if (!readEntry(doc, ROOT.people, PersonSchema, 'ymap', personId))
    throw new ModelError('not_found', `no person with id ${personId}`, field)
}
