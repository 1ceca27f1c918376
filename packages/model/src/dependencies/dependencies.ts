import type * as Y from 'yjs'
import { z } from 'zod'
import type { Actor } from '../core/actor.js'
import { compareNames, compareStrings } from '../core/compare.js'
import { ModelError } from '../core/errors.js'
import { idSchema } from '../core/ids.js'
import type { ProblemSink } from '../core/problems.js'
import { readCollection, readEntry } from '../core/read.js'
import { claimId, entryMap, newEntry, parseInput, patchEntry } from '../core/write.js'
import { assertCanWrite } from '../facilitation/access.js'
import {
  assertMilestoneExists,
  readMilestoneMap,
  type MilestoneView,
} from '../milestones/milestones.js'
import {
  DEPENDENCY_STATUSES,
  DependencySchema,
  LIMITS,
  type DependencyStatus,
} from '../schema/entries.js'
import { oneOf, requiredText } from '../schema/fields.js'
import { ROOT } from '../schema/keys.js'
import { assertTeamExists, readTeamMap, type TeamRef } from '../teams/teams.js'

/** "`from` needs `what` from `to` by `neededBy`": who depends on whom, by when. */

export interface DependencyView {
  id: string
  from: string
  to: string
  what: string
  /** The due milestone, or null (also when it was removed). */
  neededBy: string | null
  status: DependencyStatus
}

/**
 * Valid dependencies between existing teams. One whose team is gone is left out; one whose
 * milestone is gone reads as having none (the checks then flag it). Both are reported.
 */
export function readDependencies(
  doc: Y.Doc,
  teams: Map<string, TeamRef>,
  milestones: Map<string, MilestoneView>,
  problems?: ProblemSink,
): DependencyView[] {
  const out: DependencyView[] = []
  for (const { id, value } of readCollection(
    doc,
    ROOT.dependencies,
    DependencySchema,
    'ymap',
    problems,
  )) {
    const missing = [value.from, value.to].find((t) => !teams.has(t))
    if (missing !== undefined) {
      problems?.push({
        key: ROOT.dependencies,
        id,
        code: 'dangling_reference',
        message: `team ${missing} does not exist`,
      })
      continue
    }
    if (value.from === value.to) {
      problems?.push({
        key: ROOT.dependencies,
        id,
        code: 'invalid_entry',
        message: 'a team cannot depend on itself',
      })
      continue
    }
    let neededBy = value.neededBy
    if (neededBy !== null && !milestones.has(neededBy)) {
      problems?.push({
        key: ROOT.dependencies,
        id,
        field: 'neededBy',
        code: 'dangling_reference',
        message: `milestone ${neededBy} does not exist; read as no due milestone`,
      })
      neededBy = null
    }
    out.push({ id, ...value, neededBy })
  }
  return out
}

export interface DependencyListItem extends DependencyView {
  fromName: string
  toName: string
  milestone: MilestoneView | null
}

/** Every dependency with names resolved, by needing team, then giving team, then what. */
export function listDependencies(doc: Y.Doc, problems?: ProblemSink): DependencyListItem[] {
  const teams = readTeamMap(doc, problems)
  const milestones = readMilestoneMap(doc, problems)
  return readDependencies(doc, teams, milestones, problems)
    .map((d) => ({
      ...d,
      fromName: teams.get(d.from)?.name ?? '',
      toName: teams.get(d.to)?.name ?? '',
      milestone: d.neededBy ? (milestones.get(d.neededBy) ?? null) : null,
    }))
    .sort(
      (a, b) =>
        compareNames(a.fromName, b.fromName) ||
        compareNames(a.toName, b.toName) ||
        compareNames(a.what, b.what) ||
        compareStrings(a.id, b.id),
    )
}

const WhatSchema = requiredText('what', LIMITS.short)
const StatusSchema = oneOf('status', DEPENDENCY_STATUSES)
const MilestoneRefSchema = idSchema('neededBy').nullable()

const AddDependencySchema = z.object({
  from: idSchema('from'),
  to: idSchema('to'),
  what: WhatSchema,
  neededBy: MilestoneRefSchema.optional(),
  status: StatusSchema.optional(),
  id: z.unknown().optional(),
})

function assertRefs(
  doc: Y.Doc,
  v: { from?: string; to?: string; neededBy?: string | null | undefined },
): void {
  if (v.from !== undefined) assertTeamExists(doc, v.from, 'from')
  if (v.to !== undefined) assertTeamExists(doc, v.to, 'to')
  if (v.from !== undefined && v.from === v.to)
    throw new ModelError('invalid_input', 'a team cannot depend on itself', 'to')
  if (v.neededBy) assertMilestoneExists(doc, v.neededBy, 'neededBy')
}

export function addDependency(
  doc: Y.Doc,
  actor: Actor,
  input: {
    from: string
    to: string
    what: string
    neededBy?: string | null
    status?: DependencyStatus
    id?: string
  },
): string {
  assertCanWrite(doc, actor, 'dependencies')
  const v = parseInput(AddDependencySchema, input)
  assertRefs(doc, v)
  const id = claimId(doc, ROOT.dependencies, v.id, 'dependency')
  doc.getMap(ROOT.dependencies).set(
    id,
    newEntry({
      from: v.from,
      to: v.to,
      what: v.what,
      neededBy: v.neededBy ?? null,
      status: v.status ?? 'open',
    }),
  )
  return id
}

const UpdateDependencySchema = z.strictObject({
  from: idSchema('from').optional(),
  to: idSchema('to').optional(),
  what: WhatSchema.optional(),
  neededBy: MilestoneRefSchema.optional(),
  status: StatusSchema.optional(),
})

export function updateDependency(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  patch: {
    from?: string
    to?: string
    what?: string
    neededBy?: string | null
    status?: DependencyStatus
  },
): void {
  assertCanWrite(doc, actor, 'dependencies')
  const v = parseInput(UpdateDependencySchema, patch)
  const current = readEntry(doc, ROOT.dependencies, DependencySchema, 'ymap', id)
  if (!current) throw new ModelError('not_found', `no dependency with id ${id}`)
  assertRefs(doc, {
    from: v.from ?? current.from,
    to: v.to ?? current.to,
    neededBy: v.neededBy,
  })
  patchEntry(entryMap(doc, ROOT.dependencies, id, 'dependency'), v)
}

export function removeDependency(doc: Y.Doc, actor: Actor, id: string): void {
  assertCanWrite(doc, actor, 'dependencies')
  if (!readEntry(doc, ROOT.dependencies, DependencySchema, 'ymap', id))
    throw new ModelError('not_found', `no dependency with id ${id}`)
  doc.getMap(ROOT.dependencies).delete(id)
}
