import type * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import { ModelError } from '../core/errors.js'
import { idSchema } from '../core/ids.js'
import type { ProblemSink } from '../core/problems.js'
import { readCollection } from '../core/read.js'
import { isoNow, parseInput, type WriteOptions } from '../core/write.js'
import { assertCanWrite } from '../facilitation/access.js'
import { readPeople } from '../people/people.js'
import { ConfirmationSchema, LIMITS, type Confirmation } from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { teamsView, type TeamView } from '../teams/teams.js'
import { normalizeStatement, purposeStatement } from './statement.js'

/**
 * "Our team can repeat it back": each team's owner confirms the purpose statement. The
 * confirmation stores the statement it confirmed; when the statement changes afterwards the
 * confirmation lapses, visibly, on every client alike (a pure comparison of two texts).
 */

export type ConfirmationStatus =
  /** Confirmed by the team's one owner, and the statement has not changed since. */
  | 'confirmed'
  /** Confirmed, but the statement has changed since. */
  | 'lapsed'
  /** Confirmed by someone who is not (or no longer) the team's one owner. */
  | 'not_by_owner'
  /** Never confirmed. */
  | 'missing'

export interface TeamConfirmation {
  teamId: string
  teamName: string
  status: ConfirmationStatus
  /** Who confirmed, and when; null when never. */
  confirmedBy: { id: string; name: string } | null
  at: string | null
  /** The statement they confirmed (to show what changed when it lapsed). */
  confirmedStatement: string | null
}

/** Team id → confirmation entry, for existing teams. */
export function readConfirmations(doc: Y.Doc, problems?: ProblemSink): Map<string, Confirmation> {
  const out = new Map<string, Confirmation>()
  for (const { id, value } of readCollection(
    doc,
    ROOT.purposeConfirmations,
    ConfirmationSchema,
    'json',
    problems,
  ))
    out.set(id, value)
  return out
}

export function confirmationsOf(
  teams: TeamView[],
  confirmations: Map<string, Confirmation>,
  statement: string,
  names: ReadonlyMap<string, { name: string }>,
): TeamConfirmation[] {
  const current = normalizeStatement(statement)
  return teams.map((t) => {
    const c = confirmations.get(t.id)
    if (!c)
      return {
        teamId: t.id,
        teamName: t.name,
        status: 'missing',
        confirmedBy: null,
        at: null,
        confirmedStatement: null,
      }
    const byOwner = t.ownerIds.length === 1 && t.ownerIds[0] === c.personId
    const status: ConfirmationStatus = !byOwner
      ? 'not_by_owner'
      : c.statement === current
        ? 'confirmed'
        : 'lapsed'
    return {
      teamId: t.id,
      teamName: t.name,
      status,
      confirmedBy: { id: c.personId, name: names.get(c.personId)?.name ?? '' },
      at: c.at,
      confirmedStatement: c.statement,
    }
  })
}

/** Every team's confirmation state, in team order. */
export function purposeConfirmations(doc: Y.Doc): TeamConfirmation[] {
  return confirmationsOf(
    teamsView(doc),
    readConfirmations(doc),
    purposeStatement(doc).toString(),
    readPeople(doc),
  )
}

const TeamIdSchema = idSchema('teamId')

/**
 * The team's owner confirms the statement as it reads now. Only the team's owner may (not_owner),
 * and not an empty statement. Not a section edit: it works while the purpose is locked, which is
 * how a facilitator freezes the text for confirming.
 */
export function confirmPurpose(
  doc: Y.Doc,
  actor: Actor,
  teamId: string,
  opts: WriteOptions = {},
): void {
  const a = assertCanWrite(doc, actor, null)
  const id = parseInput(TeamIdSchema, teamId)
  const team = teamsView(doc).find((t) => t.id === id)
  if (!team) throw new ModelError('not_found', `no team with id ${id}`, 'teamId')
  if (!team.ownerIds.includes(a.personId))
    throw new ModelError('not_owner', `only the owner of ${team.name} can confirm for the team`)
  const statement = normalizeStatement(purposeStatement(doc).toString())
  if (!statement) throw new ModelError('wrong_state', 'there is no purpose statement to confirm')
  if (statement.length > LIMITS.textHard)
    throw new ModelError('wrong_state', 'the purpose statement is too long to confirm')
  const entry: Confirmation = { personId: a.personId, statement, at: isoNow(opts.now) }
  doc.getMap(ROOT.purposeConfirmations).set(id, entry)
}

/** Withdraws a team's confirmation: its owner, or a facilitator. */
export function withdrawConfirmation(doc: Y.Doc, actor: Actor, teamId: string): void {
  const a = assertCanWrite(doc, actor, null)
  const id = parseInput(TeamIdSchema, teamId)
  const team = teamsView(doc).find((t) => t.id === id)
  if (a.role !== 'facilitator' && !team?.ownerIds.includes(a.personId))
    throw new ModelError('not_owner', 'only the team owner or a facilitator can withdraw it')
  doc.getMap(ROOT.purposeConfirmations).delete(id)
}
