import type * as Y from 'yjs'
import { compareNames, compareStrings } from '../core/compare.js'
import { readMilestoneMap } from '../milestones/milestones.js'
import { readPeople } from '../people/people.js'
import { ACTIVE_DEPENDENCY } from '../schema/entries.js'
import {
  assembleTeams,
  ownerChecksOf,
  readMembers,
  readTeamMap,
  type OwnerChecks,
  type TeamRef,
} from '../teams/teams.js'
import { findCycles } from './cycles.js'
import { readDependencies, type DependencyView } from './dependencies.js'

/**
 * What a facilitator should see about who depends on whom. Only active dependencies (open or at
 * risk) count: one that is done or dropped no longer makes anyone wait.
 */

export interface DependencyCycle {
  /** The teams around the cycle in "needs" order, from the knot's smallest team id. */
  teams: TeamRef[]
  /** "A → B → C → A": A needs something from B, B from C, C from A. */
  path: string
  /** The dependencies along the named cycle. */
  dependencyIds: string[]
  /** Every team caught in the same knot, which may hold further cycles. */
  involved: TeamRef[]
}

export interface DependencyRef {
  id: string
  from: TeamRef
  to: TeamRef
  what: string
}

export interface PastDueDependency extends DependencyRef {
  milestone: { id: string; name: string; date: string }
}

export interface DependedOnTeam {
  team: TeamRef
  /** How many different teams need something from this one. */
  dependents: number
  /** How many active dependencies point at it. */
  dependencies: number
}

export interface DependencyChecks extends OwnerChecks {
  cycles: DependencyCycle[]
  /** Active dependencies with no due milestone. */
  noMilestone: DependencyRef[]
  /** Active dependencies whose milestone date is before `now`'s date (UTC). */
  pastMilestone: PastDueDependency[]
  /** Teams others depend on, most first (by distinct dependent teams, then dependencies). */
  dependedOn: DependedOnTeam[]
  /** The head of dependedOn: every team with the highest number of dependents (ties kept). */
  mostDependedOn: DependedOnTeam[]
}

/** `now`'s calendar date in UTC, YYYY-MM-DD: what milestone dates are compared with. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10)
}

export function dependencyChecks(doc: Y.Doc, opts: { now: Date }): DependencyChecks {
  const teams = readTeamMap(doc)
  const people = readPeople(doc)
  const milestones = readMilestoneMap(doc)
  const deps = readDependencies(doc, teams, milestones)
  const teamViews = assembleTeams(teams, readMembers(doc, teams, people))
  const ref = (id: string): TeamRef => ({ id, name: teams.get(id)?.name ?? '' })
  const depRef = (d: DependencyView): DependencyRef => ({
    id: d.id,
    from: ref(d.from),
    to: ref(d.to),
    what: d.what,
  })
  const byNames = (a: DependencyRef, b: DependencyRef) =>
    compareNames(a.from.name, b.from.name) ||
    compareNames(a.to.name, b.to.name) ||
    compareStrings(a.id, b.id)

  const active = deps.filter((d) => ACTIVE_DEPENDENCY.has(d.status))
  const today = utcDate(opts.now)

  const edgeDeps = new Map<string, string[]>()
  for (const d of active) {
    const k = `${d.from}\u0000${d.to}`
    const list = edgeDeps.get(k)
    if (list) list.push(d.id)
    else edgeDeps.set(k, [d.id])
  }
  const cycles = findCycles(active.map((d) => [d.from, d.to] as const)).map((c) => {
    const around = [...c.nodes, c.nodes[0]!]
    const dependencyIds: string[] = []
    for (let i = 0; i + 1 < around.length; i++)
      dependencyIds.push(...(edgeDeps.get(`${around[i]}\u0000${around[i + 1]}`) ?? []))
    return {
      teams: c.nodes.map(ref),
      path: around.map((id) => ref(id).name).join(' → '),
      dependencyIds: dependencyIds.sort(compareStrings),
      involved: c.component.map(ref),
    }
  })

  const noMilestone: DependencyRef[] = []
  const pastMilestone: PastDueDependency[] = []
  const dependents = new Map<string, Set<string>>()
  const counts = new Map<string, number>()
  for (const d of active) {
    const m = d.neededBy === null ? undefined : milestones.get(d.neededBy)
    if (!m) noMilestone.push(depRef(d))
    else if (m.date < today)
      pastMilestone.push({ ...depRef(d), milestone: { id: m.id, name: m.name, date: m.date } })
    let s = dependents.get(d.to)
    if (!s) dependents.set(d.to, (s = new Set()))
    s.add(d.from)
    counts.set(d.to, (counts.get(d.to) ?? 0) + 1)
  }
  noMilestone.sort(byNames)
  pastMilestone.sort((a, b) => compareStrings(a.milestone.date, b.milestone.date) || byNames(a, b))

  const dependedOn = [...dependents.entries()]
    .map(([id, s]) => ({ team: ref(id), dependents: s.size, dependencies: counts.get(id) ?? 0 }))
    .sort(
      (a, b) =>
        b.dependents - a.dependents ||
        b.dependencies - a.dependencies ||
        compareNames(a.team.name, b.team.name) ||
        compareStrings(a.team.id, b.team.id),
    )
  const top = dependedOn[0]?.dependents ?? 0
  return {
    cycles,
    ...ownerChecksOf(teamViews),
    noMilestone,
    pastMilestone,
    dependedOn,
    mostDependedOn: dependedOn.filter((t) => t.dependents === top && top > 0),
  }
}
