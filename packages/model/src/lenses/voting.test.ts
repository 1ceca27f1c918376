import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { lockSection } from '../facilitation/facilitation.js'
import { ROOT } from '../schema/keys.js'
import { FACILITATOR, OTHER, PARTICIPANT, T0, VIEWER, as, newKickoff } from '../testing/fixtures.js'
import { addLens, listLenses, removeLens, updateLens } from './candidates.js'
import { chooseLens, readChosen, unchooseLens } from './chosen.js'
import { abstain, castDot, removeDot, withdrawAbstention } from './dots.js'
import { tally } from './tally.js'
import {
  closeVoting,
  openVoting,
  readVoting,
  resetVoting,
  revealVoting,
  setVotingSettings,
} from './voting.js'

/** A kickoff with lenses a, b, c, d and the vote open. */
function openBoard(): Y.Doc {
  const doc = newKickoff()
  for (const id of ['a', 'b', 'c', 'd']) addLens(doc, FACILITATOR, { title: id.toUpperCase(), id })
  openVoting(doc, FACILITATOR)
  return doc
}

const at = (s: number) => ({ now: new Date(T0.getTime() + s * 1000) })

describe('voting settings and session', () => {
  it('VOT-1: settings are validated, facilitator-only, not while open or revealed', () => {
    const doc = newKickoff()
    setVotingSettings(doc, FACILITATOR, {
      dotsPerPerson: 5,
      maxDotsPerLens: 3,
      chooseMin: 1,
      chooseMax: 3,
    })
    expect(readVoting(doc).settings).toEqual({
      dotsPerPerson: 5,
      maxDotsPerLens: 3,
      hiddenUntilReveal: true,
      chooseMin: 1,
      chooseMax: 3,
    })
    expect(() => setVotingSettings(doc, FACILITATOR, { maxDotsPerLens: 6 })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: 'maxDotsPerLens (6) must not exceed dotsPerPerson (5)',
      }),
    )
    expect(() => setVotingSettings(doc, FACILITATOR, { chooseMin: 4 })).toThrow(
      'chooseMin (4) must not exceed chooseMax (3)',
    )
    expect(() => setVotingSettings(doc, FACILITATOR, { dotsPerPerson: 0 })).toThrow(
      'dotsPerPerson must be a whole number from 1 to 20',
    )
    expect(() => setVotingSettings(doc, PARTICIPANT, { dotsPerPerson: 2 })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    addLens(doc, FACILITATOR, { title: 'A' })
    openVoting(doc, FACILITATOR)
    expect(() => setVotingSettings(doc, FACILITATOR, { dotsPerPerson: 2 })).toThrow(
      expect.objectContaining({
        code: 'wrong_state',
        message: 'voting settings cannot change while the vote is open',
      }),
    )
    closeVoting(doc, FACILITATOR)
    setVotingSettings(doc, FACILITATOR, { hiddenUntilReveal: false })
    revealVoting(doc, FACILITATOR)
    expect(() => setVotingSettings(doc, FACILITATOR, { dotsPerPerson: 2 })).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
  })

  it('VOT-2: draft → open → closed → revealed; closed reopens; reset returns to draft', () => {
    const doc = newKickoff()
    expect(() => openVoting(doc, FACILITATOR)).toThrow(
      'add at least one lens before opening the vote',
    )
    addLens(doc, FACILITATOR, { title: 'A' })
    expect(() => closeVoting(doc, FACILITATOR)).toThrow(
      expect.objectContaining({
        code: 'wrong_state',
        message: 'cannot close the vote: the vote is draft',
      }),
    )
    expect(() => revealVoting(doc, FACILITATOR)).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
    openVoting(doc, FACILITATOR)
    openVoting(doc, FACILITATOR) // already open: nothing to do
    closeVoting(doc, FACILITATOR)
    openVoting(doc, FACILITATOR)
    revealVoting(doc, FACILITATOR)
    expect(readVoting(doc).state).toBe('revealed')
    expect(() => openVoting(doc, FACILITATOR)).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
    resetVoting(doc, FACILITATOR)
    expect(readVoting(doc).state).toBe('draft')
    expect(() => resetVoting(doc, PARTICIPANT)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
  })

  it('VOT-5: candidates are added and removed only while the vote is a draft', () => {
    const doc = newKickoff()
    const a = addLens(doc, PARTICIPANT, { title: 'Growth', description: 'Win accounts' })
    addLens(doc, PARTICIPANT, { title: 'Cost', id: 'cost' })
    expect(() => addLens(doc, PARTICIPANT, { title: '' })).toThrow('title must not be empty')
    expect(listLenses(doc).map((l) => [l.title, l.description, l.order])).toEqual([
      ['Growth', 'Win accounts', 1],
      ['Cost', '', 2],
    ])
    openVoting(doc, FACILITATOR)
    expect(() => addLens(doc, PARTICIPANT, { title: 'Late idea' })).toThrow(
      expect.objectContaining({
        code: 'wrong_state',
        message: 'lenses can be added only before voting opens',
      }),
    )
    expect(() => removeLens(doc, FACILITATOR, a)).toThrow(
      'lenses can be removed only before voting opens',
    )
    updateLens(doc, PARTICIPANT, a, { title: 'Revenue growth' })
    expect(listLenses(doc)[0]!.title).toBe('Revenue growth')
    resetVoting(doc, FACILITATOR)
    removeLens(doc, PARTICIPANT, a)
    expect(listLenses(doc).map((l) => l.id)).toEqual(['cost'])
    expect(() => updateLens(doc, PARTICIPANT, a, { title: 'x' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })
})

describe('dots', () => {
  it('VOT-3: a dot goes on an existing lens, while open, from someone on the board', () => {
    const doc = newKickoff()
    addLens(doc, FACILITATOR, { title: 'A', id: 'a' })
    expect(() => castDot(doc, PARTICIPANT, 'a')).toThrow(
      expect.objectContaining({ code: 'wrong_state', message: 'the vote is draft, not open' }),
    )
    openVoting(doc, FACILITATOR)
    expect(() => castDot(doc, PARTICIPANT, 'ghost')).toThrow(
      expect.objectContaining({ code: 'not_found', field: 'lensId' }),
    )
    expect(() => castDot(doc, as('stranger'), 'a')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
    expect(() => castDot(doc, VIEWER, 'a')).toThrow(expect.objectContaining({ code: 'forbidden' }))
    castDot(doc, PARTICIPANT, 'a')
    closeVoting(doc, FACILITATOR)
    expect(() => castDot(doc, PARTICIPANT, 'a')).toThrow('the vote is closed, not open')
    expect(() => removeDot(doc, PARTICIPANT, 'a')).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
  })

  it('VOT-4: dots beyond the budget or the per-lens cap are refused', () => {
    const doc = openBoard()
    castDot(doc, PARTICIPANT, 'a', at(1))
    castDot(doc, PARTICIPANT, 'a', at(2))
    expect(() => castDot(doc, PARTICIPANT, 'a', at(3))).toThrow(
      expect.objectContaining({
        code: 'over_cap',
        message: 'at most 2 dots per lens; this lens has 2 of yours',
      }),
    )
    castDot(doc, PARTICIPANT, 'b', at(4))
    expect(() => castDot(doc, PARTICIPANT, 'c', at(5))).toThrow(
      expect.objectContaining({
        code: 'over_budget',
        message: 'you have placed all 3 of your dots; take one back first',
      }),
    )
    expect(tally(doc, { viewer: PARTICIPANT.personId }).mine).toMatchObject({
      counted: 3,
      remaining: 0,
    })
  })

  it('VOT-8: abstaining takes back dots; a dot withdraws the abstention', () => {
    const doc = openBoard()
    castDot(doc, PARTICIPANT, 'a')
    abstain(doc, PARTICIPANT)
    let t = tally(doc, { viewer: PARTICIPANT.personId })
    expect(t.mine).toMatchObject({ counted: 0, abstained: true })
    expect(t.abstained).toEqual([{ id: PARTICIPANT.personId, name: 'Bo' }])
    expect(t.notVoted.map((p) => p.name)).toEqual(['Ada', 'Cy'])
    castDot(doc, PARTICIPANT, 'b')
    t = tally(doc, { viewer: PARTICIPANT.personId })
    expect(t.abstained).toEqual([])
    expect(t.voted).toBe(1)
    abstain(doc, OTHER)
    withdrawAbstention(doc, OTHER)
    expect(tally(doc).notVoted.map((p) => p.name)).toEqual(['Ada', 'Cy'])
  })

  it('VOT-11: taking back a dot removes the latest one on that lens', () => {
    const doc = openBoard()
    const first = castDot(doc, PARTICIPANT, 'a', at(1))
    castDot(doc, PARTICIPANT, 'b', at(2))
    const second = castDot(doc, PARTICIPANT, 'a', at(3))
    removeDot(doc, PARTICIPANT, 'a')
    const mine = tally(doc, { viewer: PARTICIPANT.personId }).mine!
    expect(mine.dots.map((d) => d.id)).toContain(first)
    expect(mine.dots.map((d) => d.id)).not.toContain(second)
    removeDot(doc, PARTICIPANT, 'a')
    expect(() => removeDot(doc, PARTICIPANT, 'a')).toThrow(
      expect.objectContaining({ code: 'not_found', message: 'you have no dot on this lens' }),
    )
  })

  it('VOT-11: a dot placed later sorts later even when this device clock is behind', () => {
    const doc = openBoard()
    castDot(doc, PARTICIPANT, 'a', at(100))
    const late = castDot(doc, PARTICIPANT, 'b', at(50))
    const mine = tally(doc, { viewer: PARTICIPANT.personId }).mine!
    expect(mine.dots.map((d) => d.id).pop()).toBe(late)
  })
})

describe('choosing lenses', () => {
  it('VOT-10: after the vote (and the reveal when hidden), facilitator only, at most chooseMax', () => {
    const doc = openBoard()
    expect(() => chooseLens(doc, FACILITATOR, 'a')).toThrow(
      expect.objectContaining({
        code: 'wrong_state',
        message: 'close the vote before choosing lenses (it is open)',
      }),
    )
    closeVoting(doc, FACILITATOR)
    expect(() => chooseLens(doc, FACILITATOR, 'a')).toThrow(
      'reveal the votes before choosing lenses',
    )
    revealVoting(doc, FACILITATOR)
    expect(() => chooseLens(doc, PARTICIPANT, 'a')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    expect(() => chooseLens(doc, FACILITATOR, 'ghost')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
    for (const l of ['a', 'b', 'c', 'd', 'd']) chooseLens(doc, FACILITATOR, l) // d twice: a no-op
    expect(readChosen(doc)).toEqual(['a', 'b', 'c', 'd'])
    resetVoting(doc, FACILITATOR)
    addLens(doc, FACILITATOR, { title: 'E', id: 'e' })
    setVotingSettings(doc, FACILITATOR, { hiddenUntilReveal: false, chooseMax: 2 })
    openVoting(doc, FACILITATOR)
    closeVoting(doc, FACILITATOR)
    chooseLens(doc, FACILITATOR, 'a')
    chooseLens(doc, FACILITATOR, 'e')
    expect(() => chooseLens(doc, FACILITATOR, 'b')).toThrow(
      expect.objectContaining({
        code: 'too_many_chosen',
        message: 'at most 2 lenses can be chosen; unchoose one first',
      }),
    )
    unchooseLens(doc, FACILITATOR, 'a')
    chooseLens(doc, FACILITATOR, 'b')
    expect(readChosen(doc)).toEqual(['b', 'e'])
  })

  it('VOT-12: a reset removes every dot, abstention and chosen lens', () => {
    const doc = openBoard()
    castDot(doc, PARTICIPANT, 'a')
    abstain(doc, OTHER)
    revealVoting(doc, FACILITATOR)
    chooseLens(doc, FACILITATOR, 'a')
    resetVoting(doc, FACILITATOR)
    for (const key of [ROOT.dots, ROOT.abstentions, ROOT.chosenLenses])
      expect(doc.getMap(key).size).toBe(0)
    expect(tally(doc).notVoted).toHaveLength(3)
  })

  it('ACC-3: a lenses lock stops participants editing candidates, not voting', () => {
    const doc = openBoard()
    lockSection(doc, FACILITATOR, 'lenses')
    expect(() => updateLens(doc, PARTICIPANT, 'a', { title: 'x' })).toThrow(
      expect.objectContaining({ code: 'locked' }),
    )
    castDot(doc, PARTICIPANT, 'a')
  })
})
