import { describe, expect, it } from 'vitest'
import { lockSection } from '../facilitation/facilitation.js'
import { addMember, addTeam, setOwner } from '../teams/teams.js'
import {
  FACILITATOR,
  OTHER,
  PARTICIPANT,
  T0,
  newKickoff,
  replica,
  sync,
} from '../testing/fixtures.js'
import { confirmPurpose, purposeConfirmations, withdrawConfirmation } from './confirmations.js'
import { addMeasure, listMeasures, removeMeasure, updateMeasure } from './measures.js'
import {
  normalizeStatement,
  purposeStatement,
  purposeWhy,
  setPurposeStatement,
  setPurposeWhy,
} from './statement.js'

/** A kickoff where PARTICIPANT owns Sales and OTHER is a member of it. */
function withTeam() {
  const doc = newKickoff()
  const team = addTeam(doc, FACILITATOR, { name: 'Sales', id: 'sales' })
  const owner = addMember(doc, FACILITATOR, {
    teamId: team,
    personId: PARTICIPANT.personId,
    role: 'lead',
    owner: true,
  })
  const member = addMember(doc, FACILITATOR, {
    teamId: team,
    personId: OTHER.personId,
    role: 'contributor',
  })
  setPurposeStatement(doc, FACILITATOR, 'Win three deals with AI')
  return { doc, team, owner, member }
}

describe('purpose statement', () => {
  it('PUR-1: replacing the text keeps a concurrent edit elsewhere', () => {
    const a = newKickoff()
    setPurposeStatement(a, FACILITATOR, 'Ship the thing by Friday')
    const b = replica(a)
    purposeStatement(b).insert(0, 'Together: ')
    setPurposeStatement(a, FACILITATOR, 'Ship the thing by Monday')
    sync(a, b)
    expect(purposeStatement(a).toString()).toBe('Together: Ship the thing by Monday')
    expect(purposeStatement(b).toString()).toBe(purposeStatement(a).toString())
  })

  it('PUR-1: the statement and why have limits', () => {
    const doc = newKickoff()
    expect(() => setPurposeStatement(doc, FACILITATOR, 'x'.repeat(1001))).toThrow(
      'statement must be at most 1000 characters',
    )
    setPurposeWhy(doc, PARTICIPANT, 'Budget planning is in January')
    expect(purposeWhy(doc).toString()).toBe('Budget planning is in January')
    expect(() => setPurposeWhy(doc, FACILITATOR, 42 as unknown as string)).toThrow(
      'why must be text',
    )
  })
})

describe('success measures', () => {
  it('PUR-2: a list of non-empty texts in order', () => {
    const doc = newKickoff()
    const a = addMeasure(doc, PARTICIPANT, { text: 'Three use cases' })
    const b = addMeasure(doc, PARTICIPANT, { text: 'Every lead interviewed' })
    addMeasure(doc, PARTICIPANT, { text: 'Sign-off on day 30', id: 'c' })
    updateMeasure(doc, PARTICIPANT, b, { order: 0.5 })
    expect(listMeasures(doc).map((m) => m.text)).toEqual([
      'Every lead interviewed',
      'Three use cases',
      'Sign-off on day 30',
    ])
    removeMeasure(doc, PARTICIPANT, a)
    expect(listMeasures(doc)).toHaveLength(2)
    expect(() => addMeasure(doc, PARTICIPANT, { text: '  ' })).toThrow('text must not be empty')
    expect(() => addMeasure(doc, PARTICIPANT, { text: 'dup', id: 'c' })).toThrow(
      expect.objectContaining({ code: 'duplicate' }),
    )
    expect(() => removeMeasure(doc, PARTICIPANT, a)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })
})

describe('purpose confirmations', () => {
  it('PUR-3: only the team owner confirms, and not an empty statement', () => {
    const { doc, team } = withTeam()
    expect(() => confirmPurpose(doc, OTHER, team)).toThrow(
      expect.objectContaining({
        code: 'not_owner',
        message: 'only the owner of Sales can confirm for the team',
      }),
    )
    expect(() => confirmPurpose(doc, FACILITATOR, team)).toThrow(
      expect.objectContaining({ code: 'not_owner' }),
    )
    expect(() => confirmPurpose(doc, PARTICIPANT, 'nope')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
    setPurposeStatement(doc, FACILITATOR, '   ')
    expect(() => confirmPurpose(doc, PARTICIPANT, team)).toThrow(
      expect.objectContaining({
        code: 'wrong_state',
        message: 'there is no purpose statement to confirm',
      }),
    )
  })

  it('PUR-4: a confirmation lapses when the statement changes, not on whitespace', () => {
    const { doc, team } = withTeam()
    confirmPurpose(doc, PARTICIPANT, team, { now: T0 })
    expect(purposeConfirmations(doc)).toEqual([
      {
        teamId: team,
        teamName: 'Sales',
        status: 'confirmed',
        confirmedBy: { id: PARTICIPANT.personId, name: 'Bo' },
        at: T0.toISOString(),
        confirmedStatement: 'Win three deals with AI',
      },
    ])
    purposeStatement(doc).insert(purposeStatement(doc).length, '  \n')
    expect(purposeConfirmations(doc)[0]!.status).toBe('confirmed')
    purposeStatement(doc).insert(4, 'at least ')
    expect(purposeConfirmations(doc)[0]!.status).toBe('lapsed')
    expect(normalizeStatement(' a \n b  ')).toBe('a b')
  })

  it('PUR-4: a replica that only receives the edit sees the lapse too', () => {
    const { doc, team } = withTeam()
    const other = replica(doc)
    confirmPurpose(doc, PARTICIPANT, team)
    sync(doc, other)
    purposeStatement(other).delete(0, 4)
    sync(doc, other)
    expect(purposeConfirmations(doc)[0]!.status).toBe('lapsed')
    expect(purposeConfirmations(other)).toEqual(purposeConfirmations(doc))
  })

  it('PUR-5: it counts only while the confirmer is the one owner', () => {
    const { doc, team, member } = withTeam()
    confirmPurpose(doc, PARTICIPANT, team)
    setOwner(doc, FACILITATOR, member)
    expect(purposeConfirmations(doc)[0]!.status).toBe('not_by_owner')
  })

  it('PUR-6: owners confirm while the purpose is locked', () => {
    const { doc, team } = withTeam()
    lockSection(doc, FACILITATOR, 'purpose')
    confirmPurpose(doc, PARTICIPANT, team)
    expect(purposeConfirmations(doc)[0]!.status).toBe('confirmed')
  })

  it('PUR-7: the owner or a facilitator withdraws it', () => {
    const { doc, team } = withTeam()
    confirmPurpose(doc, PARTICIPANT, team)
    expect(() => withdrawConfirmation(doc, OTHER, team)).toThrow(
      expect.objectContaining({ code: 'not_owner' }),
    )
    withdrawConfirmation(doc, FACILITATOR, team)
    expect(purposeConfirmations(doc)[0]!.status).toBe('missing')
    confirmPurpose(doc, PARTICIPANT, team)
    withdrawConfirmation(doc, PARTICIPANT, team)
    expect(purposeConfirmations(doc)[0]!.status).toBe('missing')
  })

  it('READ-1: a broken confirmation reads as missing', () => {
    const { doc, team } = withTeam()
    doc.getMap('purpose.confirmations').set(team, { personId: 'x' })
    expect(purposeConfirmations(doc)[0]!.status).toBe('missing')
  })
})
