import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { exportKickoff } from '../io/export.js'
import { importKickoff } from '../io/import.js'
import { closeKickoff, kickoffInfo } from '../kickoff/kickoff.js'
import { chooseLens } from '../lenses/chosen.js'
import { tally } from '../lenses/tally.js'
import { revealVoting } from '../lenses/voting.js'
import { problems } from '../problems/problems.js'
import { purposeConfirmations, confirmPurpose } from '../purpose/confirmations.js'
import { addRetroItem, listRetroItems } from '../retro/items.js'
import { updateDependency } from '../dependencies/dependencies.js'
import { updateRisk } from '../risks/risks.js'
import { FACILITATOR, as, sampleKickoff } from '../testing/fixtures.js'
import { nextCycleExport } from './nextCycle.js'

const NEXT = new Date('2027-01-05T09:00:00.000Z')

describe('next cycle', () => {
  it('NXT-1: carries what a next cycle starts from, not the votes, confirmations or what is done', () => {
    const source = sampleKickoff()
    confirmPurpose(source, as('maya-okafor'), 'exec')
    revealVoting(source, FACILITATOR)
    chooseLens(source, FACILITATOR, 'data')
    chooseLens(source, FACILITATOR, 'security')
    const [d1, d2] = exportKickoff(source).dependencies.map((d) => d.id)
    updateDependency(source, FACILITATOR, d1!, { status: 'done' })
    updateDependency(source, FACILITATOR, d2!, { status: 'at-risk' })
    const [r1, r2] = exportKickoff(source).risks.map((r) => r.id)
    updateRisk(source, FACILITATOR, r1!, { status: 'closed' })
    updateRisk(source, FACILITATOR, r2!, { status: 'occurred' })
    addRetroItem(source, as('maya-okafor'), { column: 'change', text: 'Start earlier' })
    closeKickoff(source, FACILITATOR)
    const was = exportKickoff(source)

    const doc = new Y.Doc()
    importKickoff(doc, nextCycleExport(source, { title: 'Atlas, cycle 2', now: NEXT }))
    const next = exportKickoff(doc)
    expect(problems(doc)).toEqual([])
    expect(kickoffInfo(doc)).toMatchObject({
      title: 'Atlas, cycle 2',
      createdAt: NEXT.toISOString(),
      closed: false,
    })
    // Carried: purpose, people, teams with owners and members, milestones, settings.
    expect(next.purpose.statement).toBe(was.purpose.statement)
    expect(next.purpose.measures).toEqual(was.purpose.measures)
    expect(next.people).toEqual(was.people)
    expect(next.teams).toEqual(was.teams)
    expect(next.members).toEqual(was.members)
    expect(next.milestones).toEqual(was.milestones)
    expect(next.kickoff.settings).toEqual(was.kickoff.settings)
    // Lenses are candidates again, last cycle's chosen ones first; the vote starts over.
    const inOrder = [...next.lenses].sort((a, b) => a.order - b.order).map((l) => l.id)
    expect(inOrder.slice(0, 2)).toEqual(['data', 'security'])
    expect(new Set(next.lenses.map((l) => l.id))).toEqual(new Set(was.lenses.map((l) => l.id)))
    expect(next.voting).toEqual({ ...was.voting, state: 'draft' })
    expect(next.dots).toEqual([])
    expect(next.chosenLenses).toEqual([])
    expect(tally(doc, { includeHidden: true }).voted).toBe(0)
    // Confirmations are given again for the new cycle.
    expect(purposeConfirmations(doc).every((c) => c.status === 'missing')).toBe(true)
    // Open and at-risk dependencies carry; done ones stay in the record.
    expect(next.dependencies.map((d) => d.id)).not.toContain(d1)
    expect(next.dependencies.find((d) => d.id === d2)?.status).toBe('at-risk')
    expect(next.dependencies).toHaveLength(was.dependencies.length - 1)
    // Risks not closed carry, with their status.
    expect(next.risks.map((r) => r.id)).not.toContain(r1)
    expect(next.risks.find((r) => r.id === r2)?.status).toBe('occurred')
    // Session state and the retro do not.
    expect(next.facilitation).toMatchObject({ phase: 'welcome', locks: [], spotlight: null })
    expect(listRetroItems(doc)).toEqual([])
  })

  it('NXT-1: the title is validated', () => {
    expect(() => nextCycleExport(sampleKickoff(), { title: ' ', now: NEXT })).toThrow(
      'title must not be empty',
    )
  })
})
