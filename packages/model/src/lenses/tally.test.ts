import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { problems } from '../problems/problems.js'
import { ROOT } from '../schema/keys.js'
import {
  FACILITATOR,
  OTHER,
  PARTICIPANT,
  T0,
  newKickoff,
  replica,
  sync,
} from '../testing/fixtures.js'
import { addLens } from './candidates.js'
import { abstain, castDot, removeDot } from './dots.js'
import { tally } from './tally.js'
import { closeVoting, openVoting, revealVoting, setVotingSettings } from './voting.js'

const at = (s: number) => ({ now: new Date(T0.getTime() + s * 1000) })

function openBoard(clientID = 1): Y.Doc {
  const doc = newKickoff({ clientID })
  for (const id of ['a', 'b', 'c', 'd']) addLens(doc, FACILITATOR, { title: id.toUpperCase(), id })
  openVoting(doc, FACILITATOR)
  return doc
}

describe('tally', () => {
  it('VOT-6: two devices of one voter exceeding the budget: the earliest dots count, everywhere', () => {
    const phone = openBoard(1)
    const laptop = replica(phone, 2)
    // Offline from each other, each device places all three dots.
    castDot(phone, PARTICIPANT, 'a', { ...at(1), id: 'p1' })
    castDot(phone, PARTICIPANT, 'b', { ...at(3), id: 'p2' })
    castDot(phone, PARTICIPANT, 'c', { ...at(5), id: 'p3' })
    castDot(laptop, PARTICIPANT, 'd', { ...at(2), id: 'l1' })
    castDot(laptop, PARTICIPANT, 'd', { ...at(4), id: 'l2' })
    castDot(laptop, PARTICIPANT, 'a', { ...at(6), id: 'l3' })
    sync(phone, laptop)
    const t = tally(phone, { includeHidden: true })
    expect(tally(laptop, { includeHidden: true })).toEqual(t)
    const bo = t.voters.find((v) => v.personId === PARTICIPANT.personId)!
    expect(bo.dots.map((d) => d.id)).toEqual(['p1', 'l1', 'p2'])
    expect(bo.rejected.map((d) => [d.id, d.reason])).toEqual([
      ['l2', 'over_budget'],
      ['p3', 'over_budget'],
      ['l3', 'over_budget'],
    ])
    expect(bo).toMatchObject({ placed: 6, counted: 3, overBudget: true, overCap: [] })
  })

  it('VOT-6: over the cap from two devices: the cap holds, and the budget goes to the next dot', () => {
    const phone = openBoard(1)
    const laptop = replica(phone, 2)
    castDot(phone, PARTICIPANT, 'a', { ...at(1), id: 'p1' })
    castDot(phone, PARTICIPANT, 'a', { ...at(2), id: 'p2' })
    castDot(laptop, PARTICIPANT, 'a', { ...at(1), id: 'l1' })
    castDot(laptop, PARTICIPANT, 'b', { ...at(9), id: 'l2' })
    sync(phone, laptop)
    const bo = tally(laptop, { includeHidden: true }).voters[0]!
    // Same time: the id breaks the tie (l1 < p1).
    expect(bo.dots.map((d) => d.id)).toEqual(['l1', 'p1', 'l2'])
    expect(bo.rejected).toEqual([
      {
        id: 'p2',
        lensId: 'a',
        voterId: PARTICIPANT.personId,
        at: at(2).now.toISOString(),
        reason: 'over_cap',
      },
    ])
    expect(bo.byLens).toEqual({ a: 2, b: 1 })
    expect(bo.overCap).toEqual(['a'])
  })

  it('VOT-6: a smaller budget set later rejects the latest dots', () => {
    const doc = openBoard()
    castDot(doc, PARTICIPANT, 'a', at(1))
    castDot(doc, PARTICIPANT, 'b', at(2))
    castDot(doc, PARTICIPANT, 'c', at(3))
    closeVoting(doc, FACILITATOR)
    setVotingSettings(doc, FACILITATOR, { dotsPerPerson: 2, maxDotsPerLens: 1 })
    const bo = tally(doc, { includeHidden: true }).voters[0]!
    expect(bo.dots.map((d) => d.lensId)).toEqual(['a', 'b'])
    expect(bo.rejected.map((d) => d.lensId)).toEqual(['c'])
  })

  it('VOT-11: the voter’s next dot write removes the dots the tally rejects', () => {
    const phone = openBoard(1)
    const laptop = replica(phone, 2)
    castDot(phone, PARTICIPANT, 'a', at(1))
    castDot(phone, PARTICIPANT, 'b', at(2))
    castDot(laptop, PARTICIPANT, 'c', at(3))
    castDot(laptop, PARTICIPANT, 'd', at(4))
    sync(phone, laptop)
    const before = tally(phone, { viewer: PARTICIPANT.personId }).mine!
    expect(before.dots.map((d) => d.lensId)).toEqual(['a', 'b', 'c'])
    expect(before.rejected.map((d) => d.lensId)).toEqual(['d'])
    // Taking back "c" must not let the rejected "d" slip into the count: it goes in the same write.
    removeDot(phone, PARTICIPANT, 'c')
    const after = tally(phone, { viewer: PARTICIPANT.personId }).mine!
    expect(after).toMatchObject({ counted: 2, remaining: 1, rejected: [] })
    expect(after.dots.map((d) => d.lensId)).toEqual(['a', 'b'])
    expect(phone.getMap(ROOT.dots).size).toBe(2)
  })

  it('VOT-7: hidden until reveal: only my dots and the turnout', () => {
    const doc = openBoard()
    castDot(doc, PARTICIPANT, 'a')
    castDot(doc, OTHER, 'b')
    castDot(doc, OTHER, 'b')
    const hidden = tally(doc, { viewer: PARTICIPANT.personId })
    expect(hidden).toMatchObject({
      visible: false,
      lenses: [],
      ties: [],
      voters: [],
      voted: 2,
      eligible: 3,
    })
    expect(hidden.notVoted.map((p) => p.name)).toEqual(['Ada'])
    expect(hidden.mine).toMatchObject({
      counted: 1,
      remaining: 2,
      byLens: { a: 1 },
      abstained: false,
    })
    expect(JSON.stringify(hidden)).not.toContain('"b"')
    closeVoting(doc, FACILITATOR)
    expect(tally(doc, { viewer: PARTICIPANT.personId }).visible).toBe(false)
    revealVoting(doc, FACILITATOR)
    const shown = tally(doc, { viewer: PARTICIPANT.personId })
    expect(shown.visible).toBe(true)
    expect(shown.lenses.map((l) => [l.lensId, l.dots, l.voters, l.rank])).toEqual([
      ['b', 2, 1, 1],
      ['a', 1, 1, 2],
      ['c', 0, 0, 3],
      ['d', 0, 0, 3],
    ])
    expect(tally(doc).mine).toBeNull()
  })

  it('VOT-7: a vote that is not hidden shows live results', () => {
    const doc = newKickoff()
    addLens(doc, FACILITATOR, { title: 'A', id: 'a' })
    setVotingSettings(doc, FACILITATOR, { hiddenUntilReveal: false })
    openVoting(doc, FACILITATOR)
    castDot(doc, PARTICIPANT, 'a')
    expect(tally(doc).lenses[0]).toMatchObject({ lensId: 'a', dots: 1 })
  })

  it('VOT-8: counted dots beat an abstention that raced them from another device', () => {
    const phone = openBoard(1)
    const laptop = replica(phone, 2)
    castDot(phone, PARTICIPANT, 'a')
    abstain(laptop, PARTICIPANT)
    sync(phone, laptop)
    const t = tally(phone, { viewer: PARTICIPANT.personId })
    expect(t.voted).toBe(1)
    expect(t.abstained).toEqual([])
    expect(t.mine).toMatchObject({ counted: 1, abstained: false })
    expect(tally(laptop, { viewer: PARTICIPANT.personId })).toEqual(t)
  })

  it('VOT-9: ties share a rank and are reported, never broken', () => {
    const doc = openBoard()
    castDot(doc, PARTICIPANT, 'a')
    castDot(doc, PARTICIPANT, 'b')
    castDot(doc, OTHER, 'c')
    castDot(doc, OTHER, 'c')
    castDot(doc, FACILITATOR, 'a')
    castDot(doc, FACILITATOR, 'b')
    revealVoting(doc, FACILITATOR)
    const t = tally(doc)
    expect(t.lenses.map((l) => [l.lensId, l.dots, l.rank, l.tied])).toEqual([
      ['a', 2, 1, true],
      ['b', 2, 1, true],
      ['c', 2, 1, true],
      ['d', 0, 4, false],
    ])
    expect(t.ties).toEqual([{ dots: 2, rank: 1, lensIds: ['a', 'b', 'c'] }])
  })

  it('READ-2: dots on a removed lens or by someone not on the board do not count, and are reported', () => {
    const doc = openBoard()
    castDot(doc, PARTICIPANT, 'a', at(1))
    const dots = doc.getMap(ROOT.dots)
    dots.set('ghostlens', {
      lensId: 'zzz',
      voterId: PARTICIPANT.personId,
      at: at(0).now.toISOString(),
    })
    dots.set('ghostvoter', { lensId: 'a', voterId: 'mallory', at: at(0).now.toISOString() })
    dots.set('junk', 'not a dot')
    const t = tally(doc, { includeHidden: true })
    expect(t.voters.map((v) => [v.personId, v.counted])).toEqual([[PARTICIPANT.personId, 1]])
    expect(problems(doc).map((p) => [p.id, p.code])).toEqual([
      ['ghostlens', 'dangling_reference'],
      ['ghostvoter', 'dangling_reference'],
      ['junk', 'invalid_entry'],
    ])
  })

  it('READ-5: the tally follows every change: local, remote, in a transaction, after deletes', () => {
    const a = openBoard(1)
    const b = replica(a, 2)
    const counted = (doc: Y.Doc) =>
      tally(doc, { includeHidden: true })
        .lenses.map((l) => `${l.lensId}${l.dots}`)
        .sort()
        .join(' ')
    expect(counted(a)).toBe('a0 b0 c0 d0')
    castDot(a, PARTICIPANT, 'a', at(1))
    expect(counted(a)).toBe('a1 b0 c0 d0')
    a.transact(() => {
      castDot(a, OTHER, 'b', at(2))
      castDot(a, OTHER, 'b', at(3))
      expect(counted(a)).toBe('a1 b2 c0 d0')
    })
    expect(counted(a)).toBe('a1 b2 c0 d0')
    castDot(b, FACILITATOR, 'c', at(4))
    sync(a, b)
    expect(counted(a)).toBe('a1 b2 c1 d0')
    removeDot(a, OTHER, 'b')
    a.getMap(ROOT.dots).delete(tally(a, { viewer: FACILITATOR.personId }).mine!.dots[0]!.id)
    expect(counted(a)).toBe('a1 b1 c0 d0')
    a.getMap(ROOT.lenses).delete('a')
    expect(counted(a)).toBe('b1 c0 d0')
    sync(a, b)
    expect(counted(b)).toBe(counted(a))
  })
})
