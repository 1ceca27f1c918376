import { describe, expect, it } from 'vitest'
import { addDependency, listDependencies } from '../dependencies/dependencies.js'
import { addTeam } from '../teams/teams.js'
import { FACILITATOR, PARTICIPANT, newKickoff } from '../testing/fixtures.js'
import { addMilestone, listMilestones, removeMilestone, updateMilestone } from './milestones.js'

describe('milestones', () => {
  it('MIL-1: a milestone has a name and a calendar date', () => {
    const doc = newKickoff()
    const m2 = addMilestone(doc, PARTICIPANT, {
      name: 'Data check',
      date: '2026-12-10',
      outcome: 'Inventory',
    })
    addMilestone(doc, PARTICIPANT, { name: 'Interviews', date: '2026-12-01' })
    addMilestone(doc, PARTICIPANT, { name: 'Leap day', date: '2028-02-29' })
    for (const date of ['2026-02-30', '2026-13-01', '1 December', '2026-12-1', ''])
      expect(() => addMilestone(doc, PARTICIPANT, { name: 'Bad', date }), date).toThrow(
        expect.objectContaining({
          code: 'invalid_input',
          message: 'date must be a date (YYYY-MM-DD)',
          field: 'date',
        }),
      )
    expect(() => addMilestone(doc, PARTICIPANT, { name: '', date: '2026-12-01' })).toThrow(
      'name must not be empty',
    )
    updateMilestone(doc, PARTICIPANT, m2, { date: '2026-11-30' })
    expect(listMilestones(doc).map((m) => [m.name, m.date])).toEqual([
      ['Data check', '2026-11-30'],
      ['Interviews', '2026-12-01'],
      ['Leap day', '2028-02-29'],
    ])
    expect(() => updateMilestone(doc, PARTICIPANT, m2, { date: 'soon' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    )
    expect(() => updateMilestone(doc, PARTICIPANT, 'ghost', { name: 'x' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })

  it('MIL-2: removing a milestone leaves its dependencies with no due milestone', () => {
    const doc = newKickoff()
    const m = addMilestone(doc, FACILITATOR, { name: 'Sign-off', date: '2026-12-31' })
    const a = addTeam(doc, FACILITATOR, { name: 'A' })
    const b = addTeam(doc, FACILITATOR, { name: 'B' })
    addDependency(doc, FACILITATOR, { from: a, to: b, what: 'Budget', neededBy: m })
    removeMilestone(doc, FACILITATOR, m)
    expect(listDependencies(doc)[0]).toMatchObject({ neededBy: null, milestone: null })
    expect(() => removeMilestone(doc, FACILITATOR, m)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })
})
