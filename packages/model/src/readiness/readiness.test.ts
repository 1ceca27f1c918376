import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addDependency } from '../dependencies/dependencies.js'
import { addLens } from '../lenses/candidates.js'
import { chooseLens } from '../lenses/chosen.js'
import { openVoting, revealVoting } from '../lenses/voting.js'
import { addMilestone } from '../milestones/milestones.js'
import { confirmPurpose } from '../purpose/confirmations.js'
import { purposeStatement, setPurposeStatement } from '../purpose/statement.js'
import { addRisk, updateRisk } from '../risks/risks.js'
import { addMember, addTeam, unsetOwner } from '../teams/teams.js'
import { FACILITATOR, OTHER, PARTICIPANT, T0, newKickoff } from '../testing/fixtures.js'
import { readiness, type ReadinessSignalId } from './readiness.js'

/** A kickoff that meets every success signal. */
function readyBoard(): { doc: Y.Doc; risk: string; dep: string; ownerB: string } {
  const doc = newKickoff()
  setPurposeStatement(doc, FACILITATOR, 'Win three deals with AI')
  const a = addTeam(doc, FACILITATOR, { name: 'Sales', id: 'sales' })
  const b = addTeam(doc, FACILITATOR, { name: 'Data', id: 'data' })
  addMember(doc, FACILITATOR, {
    teamId: a,
    personId: PARTICIPANT.personId,
    role: 'lead',
    owner: true,
  })
  const ownerB = addMember(doc, FACILITATOR, {
    teamId: b,
    personId: OTHER.personId,
    role: 'lead',
    owner: true,
  })
  confirmPurpose(doc, PARTICIPANT, a)
  confirmPurpose(doc, OTHER, b)
  for (const id of ['x', 'y', 'z']) addLens(doc, FACILITATOR, { title: id, id })
  openVoting(doc, FACILITATOR)
  revealVoting(doc, FACILITATOR)
  chooseLens(doc, FACILITATOR, 'x')
  chooseLens(doc, FACILITATOR, 'y')
  const risk = addRisk(doc, FACILITATOR, {
    title: 'CRM data is a mess',
    likelihood: 4,
    impact: 5,
    ownerId: OTHER.personId,
    mitigation: 'Sample 200 accounts',
  })
  const m = addMilestone(doc, FACILITATOR, { name: 'Data check', date: '2026-12-10' })
  const dep = addDependency(doc, FACILITATOR, { from: a, to: b, what: 'Exports', neededBy: m })
  return { doc, risk, dep, ownerB }
}

function missing(doc: Y.Doc, id: ReadinessSignalId): string[] {
  return readiness(doc, { now: T0 })
    .signals.find((s) => s.id === id)!
    .missing.map((m) => m.message)
}

describe('readiness', () => {
  it('RDY-6: a board meeting every signal is ready', () => {
    const r = readiness(readyBoard().doc, { now: T0 })
    expect(r.signals.map((s) => [s.id, s.ok])).toEqual([
      ['purpose-confirmed', true],
      ['lenses-chosen', true],
      ['one-owner-per-team', true],
      ['top-risks-owned', true],
      ['dependencies-due', true],
    ])
    expect(r.ready).toBe(true)
  })

  it('RDY-6: a new kickoff is not ready and says why', () => {
    const r = readiness(newKickoff(), { now: T0 })
    expect(r.ready).toBe(false)
    expect(r.signals.map((s) => [s.id, s.missing.map((m) => m.message)])).toEqual([
      ['purpose-confirmed', ['the purpose statement is empty', 'no teams yet']],
      ['lenses-chosen', ['0 lenses chosen; choose 2–4']],
      ['one-owner-per-team', []],
      ['top-risks-owned', ['no risks on the wall yet']],
      ['dependencies-due', []],
    ])
  })

  it('RDY-1: a lapsed confirmation, and a team with no owner, are missing', () => {
    const { doc, ownerB } = readyBoard()
    purposeStatement(doc).insert(0, 'Together: ')
    unsetOwner(doc, FACILITATOR, ownerB)
    expect(missing(doc, 'purpose-confirmed')).toEqual([
      'Sales: the confirmation lapsed, the statement changed since',
      'Data: no owner to confirm the purpose',
    ])
    expect(readiness(doc, { now: T0 }).signals[0]!.missing.map((m) => m.ref)).toEqual([
      'sales',
      'data',
    ])
  })

  it('RDY-2: too few lenses chosen', () => {
    const doc = newKickoff()
    addLens(doc, FACILITATOR, { title: 'x', id: 'x' })
    openVoting(doc, FACILITATOR)
    revealVoting(doc, FACILITATOR)
    chooseLens(doc, FACILITATOR, 'x')
    expect(missing(doc, 'lenses-chosen')).toEqual(['1 lens chosen; choose 2–4'])
  })

  it('RDY-3: every team needs exactly one owner', () => {
    const { doc, ownerB } = readyBoard()
    unsetOwner(doc, FACILITATOR, ownerB)
    expect(missing(doc, 'one-owner-per-team')).toEqual(['Data has no owner'])
  })

  it('RDY-4: top risks need an owner and a mitigation', () => {
    const { doc, risk } = readyBoard()
    updateRisk(doc, FACILITATOR, risk, { ownerId: null, mitigation: '' })
    expect(missing(doc, 'top-risks-owned')).toEqual(['CRM data is a mess: no owner, no mitigation'])
  })

  it('RDY-5: every active dependency needs a due milestone', () => {
    const { doc } = readyBoard()
    addDependency(doc, FACILITATOR, { from: 'data', to: 'sales', what: 'Deal notes' })
    addDependency(doc, FACILITATOR, {
      from: 'data',
      to: 'sales',
      what: 'Old ask',
      status: 'dropped',
    })
    expect(missing(doc, 'dependencies-due')).toEqual([
      'Data needs "Deal notes" from Sales: no due milestone',
    ])
  })
})
