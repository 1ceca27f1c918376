import type * as Y from 'yjs'
import { z } from 'zod'
import type { Actor } from '../core/actor.js'
import { compareNames, compareStrings } from '../core/compare.js'
import { ModelError } from '../core/errors.js'
import { idSchema } from '../core/ids.js'
import type { ProblemSink } from '../core/problems.js'
import { readCollection, readEntry } from '../core/read.js'
import {
  claimId,
  deleteEntriesWhere,
  entryMap,
  forEachEntryMap,
  newEntry,
  nextOrder,
  parseInput,
  patchEntry,
} from '../core/write.js'
import { assertCanWrite } from '../facilitation/access.js'
import { assertPerson, readPeople, type PersonView } from '../people/people.js'
import {
  LIMITS,
  MEMBER_ROLES,
  MemberSchema,
  TeamSchema,
  type MemberRole,
} from '../schema/entries.js'
import { flag, oneOf, requiredText } from '../schema/fields.js'
import { ROOT } from '../schema/keys.js'

/**
 * Teams and their members. Each team should have exactly one owner; ownership is a flag on a
 * member (see MemberSchema) so that two people naming different owners at once stays visible.
 */

export interface TeamRef {
  id: string
  name: string
}

export interface MemberView {
  id: string
  teamId: string
  personId: string
  name: string
  role: MemberRole
  owner: boolean
}

export interface TeamView {
  id: string
  name: string
  order: number
  members: MemberView[]
  /** Person ids of the members flagged owner: exactly one when all is well. */
  ownerIds: string[]
}

/** Valid teams by id. */
export function readTeamMap(
  doc: Y.Doc,
  problems?: ProblemSink,
): Map<string, TeamRef & { order: number }> {
  const out = new Map<string, TeamRef & { order: number }>()
  for (const { id, value } of readCollection(doc, ROOT.teams, TeamSchema, 'ymap', problems, {
    sort: false,
  }))
    out.set(id, { id, name: value.name, order: value.order })
  return out
}

/** Valid members whose team and person exist; the rest are left out and reported. */
export function readMembers(
  doc: Y.Doc,
  teams: Map<string, TeamRef>,
  people: ReadonlyMap<string, PersonView>,
  problems?: ProblemSink,
): MemberView[] {
  const out: MemberView[] = []
  const seen = new Map<string, string>()
  for (const { id, value } of readCollection(doc, ROOT.members, MemberSchema, 'ymap', problems)) {
    const person = people.get(value.personId)
    if (!teams.has(value.teamId) || !person) {
      problems?.push({
        key: ROOT.members,
        id,
        code: 'dangling_reference',
        message: !teams.has(value.teamId)
          ? `team ${value.teamId} does not exist`
          : `person ${value.personId} does not exist`,
      })
      continue
    }
    const pair = `${value.teamId}/${value.personId}`
    const first = seen.get(pair)
    if (first)
      problems?.push({
        key: ROOT.members,
        id,
        code: 'duplicate_member',
        message: `${person.name} is in this team twice (also member ${first})`,
      })
    else seen.set(pair, id)
    out.push({ id, ...value, name: person.name })
  }
  return out
}

function byOrder(a: { order: number; name: string; id: string }, b: typeof a): number {
  return a.order - b.order || compareNames(a.name, b.name) || compareStrings(a.id, b.id)
}

function memberOrder(a: MemberView, b: MemberView): number {
  return (
    Number(b.owner) - Number(a.owner) ||
    MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role) ||
    compareNames(a.name, b.name) ||
    compareStrings(a.id, b.id)
  )
}

/** Teams with their members, in board order (owners first, then leads, contributors, reviewers). */
export function teamsView(doc: Y.Doc, problems?: ProblemSink): TeamView[] {
  const people = readPeople(doc, problems)
  const teams = readTeamMap(doc, problems)
  return assembleTeams(teams, readMembers(doc, teams, people, problems))
}

export function assembleTeams(
  teams: Map<string, TeamRef & { order: number }>,
  members: MemberView[],
): TeamView[] {
  const byTeam = new Map<string, MemberView[]>()
  for (const m of members) {
    let list = byTeam.get(m.teamId)
    if (!list) byTeam.set(m.teamId, (list = []))
    list.push(m)
  }
  return [...teams.values()].sort(byOrder).map((t) => {
    const ms = (byTeam.get(t.id) ?? []).sort(memberOrder)
    return {
      id: t.id,
      name: t.name,
      order: t.order,
      members: ms,
      ownerIds: [...new Set(ms.filter((m) => m.owner).map((m) => m.personId))].sort(compareStrings),
    }
  })
}

// ── writes ───────────────────────────────────────────────────────────────────────────────────

const NameSchema = requiredText('name', LIMITS.name)
const OrderSchema = z.number({ error: 'order must be a number' }).finite()

export function assertTeamExists(doc: Y.Doc, teamId: string, field = 'teamId'): void {
  if (!readEntry(doc, ROOT.teams, TeamSchema, 'ymap', teamId))
    throw new ModelError('not_found', `no team with id ${teamId}`, field)
}

function assertUniqueName(doc: Y.Doc, name: string, except?: string): void {
  for (const t of readTeamMap(doc).values())
    if (t.id !== except && t.name.toLowerCase() === name.toLowerCase())
      throw new ModelError('duplicate', `a team named ${t.name} exists`, 'name')
}

const AddTeamSchema = z.object({ name: NameSchema, id: z.unknown().optional() })

export function addTeam(doc: Y.Doc, actor: Actor, input: { name: string; id?: string }): string {
  assertCanWrite(doc, actor, 'teams')
  const v = parseInput(AddTeamSchema, input)
  assertUniqueName(doc, v.name)
  const id = claimId(doc, ROOT.teams, v.id, 'team')
  doc.getMap(ROOT.teams).set(id, newEntry({ name: v.name, order: nextOrder(doc, ROOT.teams) }))
  return id
}

const UpdateTeamSchema = z.strictObject({
  name: NameSchema.optional(),
  order: OrderSchema.optional(),
})

export function updateTeam(
  doc: Y.Doc,
  actor: Actor,
  teamId: string,
  patch: { name?: string; order?: number },
): void {
  assertCanWrite(doc, actor, 'teams')
  const v = parseInput(UpdateTeamSchema, patch)
  assertTeamExists(doc, teamId, 'teamId')
  if (v.name !== undefined) assertUniqueName(doc, v.name, teamId)
  patchEntry(entryMap(doc, ROOT.teams, teamId, 'team'), v)
}

/**
 * Removes a team with what only makes sense with it: its members, its purpose confirmation and
 * the dependencies from or to it; people whose home team it was keep no home team.
 */
export function removeTeam(doc: Y.Doc, actor: Actor, teamId: string): void {
  assertCanWrite(doc, actor, 'teams')
  assertTeamExists(doc, teamId)
  doc.transact(() => {
    doc.getMap(ROOT.teams).delete(teamId)
    deleteEntriesWhere(doc, ROOT.members, (m) => m.get('teamId') === teamId)
    deleteEntriesWhere(
      doc,
      ROOT.dependencies,
      (d) => d.get('from') === teamId || d.get('to') === teamId,
    )
    doc.getMap(ROOT.purposeConfirmations).delete(teamId)
    forEachEntryMap(doc, ROOT.people, (person) => {
      if (person.get('teamId') === teamId) person.set('teamId', null)
    })
  })
}

// ── members and ownership ────────────────────────────────────────────────────────────────────

const RoleSchema = oneOf('role', MEMBER_ROLES)
const AddMemberSchema = z.object({
  teamId: idSchema('teamId'),
  personId: idSchema('personId'),
  role: RoleSchema,
  owner: flag('owner').optional(),
  id: z.unknown().optional(),
})

function teamMembers(doc: Y.Doc, teamId: string): MemberView[] {
  const people = readPeople(doc)
  const teams = readTeamMap(doc)
  return readMembers(doc, teams, people).filter((m) => m.teamId === teamId)
}

export function addMember(
  doc: Y.Doc,
  actor: Actor,
  input: { teamId: string; personId: string; role: MemberRole; owner?: boolean; id?: string },
): string {
  assertCanWrite(doc, actor, 'teams')
  const v = parseInput(AddMemberSchema, input)
  assertTeamExists(doc, v.teamId)
  assertPerson(doc, v.personId, 'personId')
  const current = teamMembers(doc, v.teamId)
  if (current.some((m) => m.personId === v.personId))
    throw new ModelError('duplicate', 'this person is already a member of the team', 'personId')
  const id = claimId(doc, ROOT.members, v.id, 'member')
  doc.transact(() => {
    if (v.owner) clearOwners(doc, current)
    doc
      .getMap(ROOT.members)
      .set(
        id,
        newEntry({ teamId: v.teamId, personId: v.personId, role: v.role, owner: v.owner ?? false }),
      )
  })
  return id
}

function memberOf(doc: Y.Doc, memberId: string): MemberView {
  const raw = readEntry(doc, ROOT.members, MemberSchema, 'ymap', memberId)
  if (!raw) throw new ModelError('not_found', `no member with id ${memberId}`)
  return { id: memberId, ...raw, name: '' }
}

export function setMemberRole(doc: Y.Doc, actor: Actor, memberId: string, role: MemberRole): void {
  assertCanWrite(doc, actor, 'teams')
  const valid = parseInput(RoleSchema, role)
  memberOf(doc, memberId)
  patchEntry(entryMap(doc, ROOT.members, memberId, 'member'), { role: valid })
}

function clearOwners(doc: Y.Doc, members: MemberView[], except?: string): void {
  for (const m of members)
    if (m.owner && m.id !== except) entryMap(doc, ROOT.members, m.id, 'member').set('owner', false)
}

/**
 * Makes a member the owner of their team, and the team's other owners ordinary members. Two of
 * these at once for different members may leave two owners or none; the checks report both.
 */
export function setOwner(doc: Y.Doc, actor: Actor, memberId: string): void {
  assertCanWrite(doc, actor, 'teams')
  const member = memberOf(doc, memberId)
  doc.transact(() => {
    clearOwners(doc, teamMembers(doc, member.teamId), memberId)
    patchEntry(entryMap(doc, ROOT.members, memberId, 'member'), { owner: true })
  })
}

/** The member is no longer an owner (the team then has none until someone is named). */
export function unsetOwner(doc: Y.Doc, actor: Actor, memberId: string): void {
  assertCanWrite(doc, actor, 'teams')
  memberOf(doc, memberId)
  patchEntry(entryMap(doc, ROOT.members, memberId, 'member'), { owner: false })
}

export function removeMember(doc: Y.Doc, actor: Actor, memberId: string): void {
  assertCanWrite(doc, actor, 'teams')
  memberOf(doc, memberId)
  doc.getMap(ROOT.members).delete(memberId)
}

// ── ownership checks ─────────────────────────────────────────────────────────────────────────

export interface OwnerChecks {
  noOwner: TeamRef[]
  manyOwners: { team: TeamRef; owners: { id: string; name: string }[] }[]
}

/** Teams with no owner, and teams with more than one. */
export function ownerChecksOf(teams: TeamView[]): OwnerChecks {
  const noOwner: TeamRef[] = []
  const manyOwners: OwnerChecks['manyOwners'] = []
  for (const t of teams) {
    if (t.ownerIds.length === 0) noOwner.push({ id: t.id, name: t.name })
    else if (t.ownerIds.length > 1)
      manyOwners.push({
        team: { id: t.id, name: t.name },
        owners: t.ownerIds.map((pid) => ({
          id: pid,
          name: t.members.find((m) => m.personId === pid)?.name ?? '',
        })),
      })
  }
  return { noOwner, manyOwners }
}

export function ownerChecks(doc: Y.Doc): OwnerChecks {
  return ownerChecksOf(teamsView(doc))
}
