import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addMilestone } from '../milestones/milestones.js'
import { problems } from '../problems/problems.js'
import type { DependencyStatus } from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { addMember, addTeam } from '../teams/teams.js'
import { FACILITATOR, OTHER, PARTICIPANT, newKickoff } from '../testing/fixtures.js'
import { dependencyChecks, utcDate } from './checks.js'
import { findCycles } from './cycles.js'
import {
  addDependency,
  listDependencies,
  removeDependency,
  updateDependency,
} from './dependencies.js'

const NOW = new Date('2026-12-05T23:30:00Z')

/** Teams a…f with the given "needs" edges (from, to, status?). */
function board(edges: [string, string, DependencyStatus?][]): Y.Doc {
  const doc = newKickoff()
  for (const t of ['a', 'b', 'c', 'd', 'e', 'f'])
    addTeam(doc, FACILITATOR, { name: t.toUpperCase(), id: t })
  const m = addMilestone(doc, FACILITATOR, { name: 'M', date: '2026-12-31', id: 'm' })
  edges.forEach(([from, to, status], i) =>
    addDependency(doc, FACILITATOR, { from, to, what: `w${i}`, neededBy: m, status, id: `d${i}` }),
  )
  return doc
}

describe('dependencies', () => {
  it('DEP-1: a dependency is between two existing teams, with a milestone or none', () => {
    const doc = board([])
    expect(() => addDependency(doc, PARTICIPANT, { from: 'a', to: 'ghost', what: 'Data' })).toThrow(
      expect.objectContaining({ code: 'not_found', message: 'no team with id ghost', field: 'to' }),
    )
    expect(() => addDependency(doc, PARTICIPANT, { from: 'a', to: 'a', what: 'Data' })).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: 'a team cannot depend on itself' }),
    )
    expect(() => addDependency(doc, PARTICIPANT, { from: 'a', to: 'b', what: ' ' })).toThrow(
      'what must not be empty',
    )
    expect(() =>
      addDependency(doc, PARTICIPANT, { from: 'a', to: 'b', what: 'Data', neededBy: 'ghost' }),
    ).toThrow(expect.objectContaining({ code: 'not_found', field: 'neededBy' }))
    expect(() =>
      addDependency(doc, PARTICIPANT, {
        from: 'a',
        to: 'b',
        what: 'Data',
        status: 'late' as DependencyStatus,
      }),
    ).toThrow('status must be one of open, at-risk, done, dropped')
    const id = addDependency(doc, PARTICIPANT, { from: 'a', to: 'b', what: 'Data' })
    expect(listDependencies(doc)).toEqual([
      {
        id,
        from: 'a',
        to: 'b',
        what: 'Data',
        neededBy: null,
        status: 'open',
        fromName: 'A',
        toName: 'B',
        milestone: null,
      },
    ])
    updateDependency(doc, PARTICIPANT, id, { status: 'at-risk', neededBy: 'm' })
    expect(listDependencies(doc)[0]).toMatchObject({ status: 'at-risk', milestone: { name: 'M' } })
    expect(() => updateDependency(doc, PARTICIPANT, id, { to: 'a' })).toThrow(
      'a team cannot depend on itself',
    )
    removeDependency(doc, PARTICIPANT, id)
    expect(() => removeDependency(doc, PARTICIPANT, id)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })

  it('DEP-2: a cycle is named team by team, from the smallest id, whatever the insert order', () => {
    const edges: [string, string][] = [
      ['c', 'a'],
      ['a', 'b'],
      ['b', 'c'],
      ['d', 'a'],
    ]
    for (const order of [edges, [...edges].reverse()]) {
      const checks = dependencyChecks(board(order), { now: NOW })
      expect(checks.cycles.map((c) => c.path)).toEqual(['A → B → C → A'])
      expect(checks.cycles[0]!.teams.map((t) => t.id)).toEqual(['a', 'b', 'c'])
    }
  })

  it('DEP-2: one shortest cycle per knot, with every team in the knot', () => {
    // a→b→c→a and a→d→e→f→a share a: one knot of six teams; the shortest cycle through a is named.
    const doc = board([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['a', 'd'],
      ['d', 'e'],
      ['e', 'f'],
      ['f', 'a'],
    ])
    const [cycle, ...rest] = dependencyChecks(doc, { now: NOW }).cycles
    expect(rest).toEqual([])
    expect(cycle!.path).toBe('A → B → C → A')
    expect(cycle!.dependencyIds).toEqual(['d0', 'd1', 'd2'])
    expect(cycle!.involved.map((t) => t.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(
      findCycles([
        ['x', 'y'],
        ['y', 'x'],
        ['p', 'q'],
        ['q', 'p'],
        ['z', 'z'],
      ]).map((c) => c.nodes),
    ).toEqual([
      ['p', 'q'],
      ['x', 'y'],
    ])
  })

  it('DEP-2: done and dropped dependencies never make a cycle', () => {
    expect(
      dependencyChecks(
        board([
          ['a', 'b'],
          ['b', 'a', 'done'],
        ]),
        { now: NOW },
      ).cycles,
    ).toEqual([])
    expect(
      dependencyChecks(
        board([
          ['a', 'b'],
          ['b', 'a', 'dropped'],
        ]),
        { now: NOW },
      ).cycles,
    ).toEqual([])
    expect(
      dependencyChecks(
        board([
          ['a', 'b'],
          ['b', 'a', 'at-risk'],
        ]),
        { now: NOW },
      ).cycles,
    ).toHaveLength(1)
  })

  it('DEP-3: teams with no owner and with more than one', () => {
    const doc = board([])
    addMember(doc, FACILITATOR, {
      teamId: 'a',
      personId: PARTICIPANT.personId,
      role: 'lead',
      owner: true,
    })
    addMember(doc, FACILITATOR, {
      teamId: 'b',
      personId: PARTICIPANT.personId,
      role: 'lead',
      owner: true,
    })
    // Two owner flags in one team can only come from concurrent edits; written here directly.
    const m = addMember(doc, FACILITATOR, { teamId: 'b', personId: OTHER.personId, role: 'lead' })
    ;(doc.getMap(ROOT.members).get(m) as Y.Map<unknown>).set('owner', true)
    const checks = dependencyChecks(doc, { now: NOW })
    expect(checks.noOwner.map((t) => t.id)).toEqual(['c', 'd', 'e', 'f'])
    expect(checks.manyOwners).toEqual([
      {
        team: { id: 'b', name: 'B' },
        owners: [
          { id: PARTICIPANT.personId, name: 'Bo' },
          { id: OTHER.personId, name: 'Cy' },
        ],
      },
    ])
  })

  it('DEP-4: dependencies with no due milestone, and past their milestone', () => {
    const doc = board([])
    const early = addMilestone(doc, FACILITATOR, { name: 'Early', date: '2026-12-04' })
    const today = addMilestone(doc, FACILITATOR, { name: 'Today', date: '2026-12-05' })
    addDependency(doc, FACILITATOR, {
      from: 'a',
      to: 'b',
      what: 'Late one',
      neededBy: early,
      id: 'x1',
    })
    addDependency(doc, FACILITATOR, {
      from: 'a',
      to: 'c',
      what: 'Due today',
      neededBy: today,
      id: 'x2',
    })
    addDependency(doc, FACILITATOR, { from: 'b', to: 'c', what: 'Undated', id: 'x3' })
    addDependency(doc, FACILITATOR, {
      from: 'c',
      to: 'd',
      what: 'Done late',
      neededBy: early,
      status: 'done',
      id: 'x4',
    })
    addDependency(doc, FACILITATOR, {
      from: 'd',
      to: 'e',
      what: 'Dropped undated',
      status: 'dropped',
      id: 'x5',
    })
    expect(utcDate(NOW)).toBe('2026-12-05')
    const checks = dependencyChecks(doc, { now: NOW })
    expect(checks.noMilestone).toEqual([
      { id: 'x3', from: { id: 'b', name: 'B' }, to: { id: 'c', name: 'C' }, what: 'Undated' },
    ])
    expect(checks.pastMilestone).toEqual([
      {
        id: 'x1',
        from: { id: 'a', name: 'A' },
        to: { id: 'b', name: 'B' },
        what: 'Late one',
        milestone: { id: early, name: 'Early', date: '2026-12-04' },
      },
    ])
  })

  it('DEP-5: teams ranked by how many teams need them, ties kept at the top', () => {
    const doc = board([
      ['a', 'c'],
      ['b', 'c'],
      ['a', 'd'],
      ['b', 'd'],
      ['a', 'e'],
      ['a', 'e'],
      ['f', 'a', 'done'],
    ])
    const checks = dependencyChecks(doc, { now: NOW })
    expect(checks.dependedOn.map((t) => [t.team.id, t.dependents, t.dependencies])).toEqual([
      ['c', 2, 2],
      ['d', 2, 2],
      ['e', 1, 2],
    ])
    expect(checks.mostDependedOn.map((t) => t.team.id)).toEqual(['c', 'd'])
    expect(dependencyChecks(board([]), { now: NOW }).mostDependedOn).toEqual([])
  })

  it('READ-2: a dependency whose team is gone is left out; a missing milestone reads as none', () => {
    const doc = board([['a', 'b']])
    const deps = doc.getMap(ROOT.dependencies)
    ;(deps.get('d0') as Y.Map<unknown>).set('neededBy', 'gone')
    doc.getMap(ROOT.teams).delete('b')
    addDependency(doc, FACILITATOR, { from: 'c', to: 'd', what: 'x', neededBy: 'm', id: 'ok' })
    ;(deps.get('ok') as Y.Map<unknown>).set('neededBy', 'gone')
    expect(listDependencies(doc).map((d) => [d.id, d.neededBy])).toEqual([['ok', null]])
    expect(dependencyChecks(doc, { now: NOW }).noMilestone.map((d) => d.id)).toEqual(['ok'])
    expect(problems(doc).map((p) => [p.id, p.code])).toEqual([
      ['d0', 'dangling_reference'],
      ['ok', 'dangling_reference'],
    ])
  })
})
