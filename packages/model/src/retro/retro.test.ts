import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { exportKickoff } from '../io/export.js'
import { importKickoff } from '../io/import.js'
import { closeKickoff } from '../kickoff/kickoff.js'
import { problems } from '../problems/problems.js'
import { ROOT } from '../schema/keys.js'
import {
  FACILITATOR,
  OTHER,
  PARTICIPANT,
  T0,
  VIEWER,
  newKickoff,
  replica,
  sync,
} from '../testing/fixtures.js'
import { addRetroItem, listRetroItems, removeRetroItem, updateRetroItem } from './items.js'
import {
  castRetroDot,
  closeRetroVoting,
  openRetroVoting,
  readRetroVoting,
  removeRetroDot,
  resetRetroVoting,
  retroBallot,
  retroTally,
  revealRetroVoting,
  setRetroVotingSettings,
} from './voting.js'

const at = (s: number) => ({ now: new Date(T0.getTime() + s * 1000) })

/** A closed kickoff with three retro cards, one per column. */
function retroBoard(clientID = 1): Y.Doc {
  const doc = newKickoff({ clientID })
  closeKickoff(doc, FACILITATOR, { now: T0 })
  addRetroItem(doc, PARTICIPANT, { column: 'worked', text: 'Daily stand-ups', id: 'w1' }, at(1))
  addRetroItem(doc, OTHER, { column: 'friction', text: 'Late data access', id: 'f1' }, at(2))
  addRetroItem(doc, FACILITATOR, { column: 'change', text: 'Name a data owner', id: 'c1' }, at(3))
  return doc
}

describe('retro cards', () => {
  it('RET-1: participants write cards after the kickoff closed; viewers never do', () => {
    const doc = retroBoard()
    expect(listRetroItems(doc).map((i) => [i.id, i.column, i.authorName])).toEqual([
      ['w1', 'worked', 'Bo'],
      ['f1', 'friction', 'Cy'],
      ['c1', 'change', 'Ada'],
    ])
    expect(() => addRetroItem(doc, VIEWER, { column: 'worked', text: 'x' })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
  })

  it('RET-2: a card has one of the three columns, text, and an author on the board', () => {
    const doc = retroBoard()
    expect(() => addRetroItem(doc, PARTICIPANT, { column: 'worked', text: '   ' })).toThrow(
      'text must not be empty',
    )
    expect(() =>
      addRetroItem(doc, PARTICIPANT, { column: 'later' as 'worked', text: 'x' }),
    ).toThrow('column must be one of worked, friction, change')
    expect(() =>
      addRetroItem(doc, PARTICIPANT, { column: 'worked', text: 'x'.repeat(501) }),
    ).toThrow('text must be at most 500 characters')
    expect(() =>
      addRetroItem(
        doc,
        { personId: 'stranger', role: 'participant' },
        { column: 'worked', text: 'x' },
      ),
    ).toThrow(expect.objectContaining({ code: 'not_found' }))
  })

  it('RET-2: its author or a facilitator edits or removes a card; others may not', () => {
    const doc = retroBoard()
    expect(() => updateRetroItem(doc, OTHER, 'w1', { text: 'Mine now' })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    updateRetroItem(doc, PARTICIPANT, 'w1', { text: 'Short daily stand-ups', column: 'worked' })
    updateRetroItem(doc, FACILITATOR, 'f1', { column: 'change' })
    expect(listRetroItems(doc).map((i) => [i.id, i.column, i.text])).toEqual([
      ['w1', 'worked', 'Short daily stand-ups'],
      ['f1', 'change', 'Late data access'],
      ['c1', 'change', 'Name a data owner'],
    ])
    expect(() => removeRetroItem(doc, OTHER, 'w1')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    removeRetroItem(doc, FACILITATOR, 'w1')
    expect(listRetroItems(doc).map((i) => i.id)).toEqual(['f1', 'c1'])
    expect(() => removeRetroItem(doc, FACILITATOR, 'w1')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })

  it('RET-2: cards are added and removed only while the retro vote is a draft', () => {
    const doc = retroBoard()
    openRetroVoting(doc, FACILITATOR)
    expect(() => addRetroItem(doc, PARTICIPANT, { column: 'worked', text: 'More' })).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
    expect(() => removeRetroItem(doc, PARTICIPANT, 'w1')).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
    resetRetroVoting(doc, FACILITATOR)
    removeRetroItem(doc, PARTICIPANT, 'w1')
  })
})

describe('retro vote', () => {
  it('RET-3: the lens vote’s states, facilitator only; opening needs a card', () => {
    const empty = newKickoff()
    expect(() => openRetroVoting(empty, FACILITATOR)).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
    const doc = retroBoard()
    expect(() => openRetroVoting(doc, PARTICIPANT)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    expect(() => revealRetroVoting(doc, FACILITATOR)).toThrow(
      'cannot reveal the votes: the vote is draft',
    )
    openRetroVoting(doc, FACILITATOR)
    expect(() => setRetroVotingSettings(doc, FACILITATOR, { dotsPerPerson: 5 })).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
    closeRetroVoting(doc, FACILITATOR)
    setRetroVotingSettings(doc, FACILITATOR, { dotsPerPerson: 5, maxDotsPerItem: 3 })
    expect(() => setRetroVotingSettings(doc, FACILITATOR, { maxDotsPerItem: 6 })).toThrow(
      'maxDotsPerItem (6) must not exceed dotsPerPerson (5)',
    )
    revealRetroVoting(doc, FACILITATOR)
    expect(readRetroVoting(doc)).toEqual({
      state: 'revealed',
      settings: { dotsPerPerson: 5, maxDotsPerItem: 3, hiddenUntilReveal: false },
    })
  })

  it('RET-3: the budget and the cap per card are the lens vote’s (over_budget, over_cap)', () => {
    const doc = retroBoard()
    openRetroVoting(doc, FACILITATOR)
    expect(() => castRetroDot(doc, PARTICIPANT, 'w1')).not.toThrow()
    castRetroDot(doc, PARTICIPANT, 'w1', at(5))
    expect(() => castRetroDot(doc, PARTICIPANT, 'w1', at(6))).toThrow(
      expect.objectContaining({ code: 'over_cap' }),
    )
    castRetroDot(doc, PARTICIPANT, 'c1', at(7))
    expect(() => castRetroDot(doc, PARTICIPANT, 'f1', at(8))).toThrow(
      expect.objectContaining({ code: 'over_budget' }),
    )
    removeRetroDot(doc, PARTICIPANT, 'w1')
    castRetroDot(doc, PARTICIPANT, 'f1', at(9))
    expect(() => castRetroDot(doc, VIEWER, 'f1')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    expect(() => castRetroDot(doc, PARTICIPANT, 'nope')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
    closeRetroVoting(doc, FACILITATOR)
    expect(() => removeRetroDot(doc, PARTICIPANT, 'f1')).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
    const t = retroTally(doc)
    // Tied cards share the rank; the order among them is by text, never a silent tie-break.
    expect(t.items.map((i) => [i.itemId, i.dots, i.rank, i.tied])).toEqual([
      ['w1', 1, 1, true],
      ['f1', 1, 1, true],
      ['c1', 1, 1, true],
    ])
    expect(t.ties).toEqual([{ dots: 1, rank: 1, itemIds: ['w1', 'f1', 'c1'] }])
  })

  it('RET-3: one voter’s two devices racing past the budget are counted the same everywhere', () => {
    const phone = retroBoard(1)
    openRetroVoting(phone, FACILITATOR)
    const laptop = replica(phone, 2)
    castRetroDot(phone, PARTICIPANT, 'w1', { ...at(10), id: 'p1' })
    castRetroDot(phone, PARTICIPANT, 'f1', { ...at(12), id: 'p2' })
    castRetroDot(phone, PARTICIPANT, 'c1', { ...at(14), id: 'p3' })
    castRetroDot(laptop, PARTICIPANT, 'c1', { ...at(11), id: 'l1' })
    sync(phone, laptop)
    const t = retroTally(phone, { includeHidden: true })
    expect(retroTally(laptop, { includeHidden: true })).toEqual(t)
    const bo = t.voters.find((v) => v.personId === PARTICIPANT.personId)!
    expect(bo.dots.map((d) => d.id)).toEqual(['p1', 'l1', 'p2'])
    expect(bo.rejected.map((d) => [d.id, d.reason])).toEqual([['p3', 'over_budget']])
    // The voter's next dot write removes the rejected one.
    removeRetroDot(phone, PARTICIPANT, 'w1')
    expect(phone.getMap(ROOT.retroDots).has('p3')).toBe(false)
  })

  it('RET-3: hidden until the reveal when the facilitator asks; a reset removes every dot', () => {
    const doc = retroBoard()
    setRetroVotingSettings(doc, FACILITATOR, { hiddenUntilReveal: true })
    openRetroVoting(doc, FACILITATOR)
    castRetroDot(doc, PARTICIPANT, 'w1', at(5))
    castRetroDot(doc, OTHER, 'f1', at(6))
    const hidden = retroTally(doc, { viewer: PARTICIPANT.personId })
    expect(hidden).toMatchObject({ visible: false, items: [], voters: [], voted: 2 })
    expect(hidden.mine).toMatchObject({ counted: 1, remaining: 2, byItem: { w1: 1 } })
    revealRetroVoting(doc, FACILITATOR)
    expect(retroTally(doc).items.filter((i) => i.dots > 0)).toHaveLength(2)
    resetRetroVoting(doc, FACILITATOR)
    expect(doc.getMap(ROOT.retroDots).size).toBe(0)
    expect(readRetroVoting(doc).state).toBe('draft')
  })

  it('RET-4: the ballot answers what castRetroDot and removeRetroDot would do', () => {
    const doc = retroBoard()
    expect(retroBallot(doc, PARTICIPANT).refusal?.code).toBe('wrong_state')
    openRetroVoting(doc, FACILITATOR)
    castRetroDot(doc, PARTICIPANT, 'w1', at(5))
    castRetroDot(doc, PARTICIPANT, 'w1', at(6))
    const b = retroBallot(doc, PARTICIPANT)
    expect(b.remaining).toBe(1)
    expect(b.items.w1).toMatchObject({ mine: 2, canAdd: false, canRemove: true })
    expect(b.items.w1!.addRefusal?.code).toBe('over_cap')
    for (const [itemId, item] of Object.entries(b.items)) {
      const copy = replica(doc)
      let code: string | null = null
      try {
        castRetroDot(copy, PARTICIPANT, itemId)
      } catch (e) {
        code = (e as { code: string }).code
      }
      expect(code).toBe(item.addRefusal?.code ?? null)
    }
    expect(retroBallot(doc, VIEWER).refusal?.code).toBe('forbidden')
  })

  it('RET-5: import leaves the retro alone; problems() reports junk in the retro', () => {
    const doc = retroBoard()
    importKickoff(doc, exportKickoff(newKickoff()))
    expect(listRetroItems(doc)).toHaveLength(3)
    const clean = retroBoard()
    expect(problems(clean)).toEqual([])
    clean.getMap(ROOT.retroItems).set('junk', 42)
    clean
      .getMap(ROOT.retroDots)
      .set('d1', { itemId: 'ghost', voterId: PARTICIPANT.personId, at: T0.toISOString() })
    clean.getMap(ROOT.retroVoting).set('maxDotsPerItem', 9)
    expect(problems(clean).map((p) => [p.key, p.id ?? p.field, p.code])).toEqual([
      [ROOT.retroDots, 'd1', 'dangling_reference'],
      [ROOT.retroItems, 'junk', 'invalid_entry'],
      [ROOT.retroVoting, 'maxDotsPerItem', 'conflicting_settings'],
    ])
    expect(() => retroTally(clean)).not.toThrow()
  })
})
