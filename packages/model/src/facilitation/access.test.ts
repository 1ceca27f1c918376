import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import { closeKickoff, reopenKickoff } from '../kickoff/kickoff.js'
import { addLens } from '../lenses/candidates.js'
import { castDot } from '../lenses/dots.js'
import { openVoting } from '../lenses/voting.js'
import { addMilestone } from '../milestones/milestones.js'
import { joinBoard } from '../people/people.js'
import { confirmPurpose } from '../purpose/confirmations.js'
import { addMeasure } from '../purpose/measures.js'
import { setPurposeStatement } from '../purpose/statement.js'
import { addRisk } from '../risks/risks.js'
import { SECTIONS, type Section } from '../schema/entries.js'
import { addMember, addTeam } from '../teams/teams.js'
import { addDependency } from '../dependencies/dependencies.js'
import { FACILITATOR, PARTICIPANT, T0, VIEWER, newKickoff } from '../testing/fixtures.js'
import { assertCanWrite, canWrite } from './access.js'
import { lockSection, setPhase, startTimer, unlockSection } from './facilitation.js'

let n = 0
/** One representative edit per section, by `actor`. */
const EDITS: Record<Section, (doc: Y.Doc, actor: Actor) => void> = {
  purpose: (doc, a) => void addMeasure(doc, a, { text: 'Faster decisions' }),
  lenses: (doc, a) => void addLens(doc, a, { title: 'Growth' }),
  teams: (doc, a) => void addTeam(doc, a, { name: `Team ${++n}` }),
  milestones: (doc, a) => void addMilestone(doc, a, { name: 'Kickoff', date: '2026-12-01' }),
  dependencies: (doc, a) => {
    const from = addTeam(doc, FACILITATOR, { name: `From ${++n}` })
    const to = addTeam(doc, FACILITATOR, { name: `To ${++n}` })
    addDependency(doc, a, { from, to, what: 'Data' })
  },
  risks: (doc, a) => void addRisk(doc, a, { title: 'Late', likelihood: 2, impact: 3 }),
}

describe('access', () => {
  it('ACC-1: viewers cannot write anything', () => {
    const doc = newKickoff()
    for (const s of SECTIONS)
      expect(() => EDITS[s](doc, VIEWER), s).toThrow(
        expect.objectContaining({ code: 'forbidden', message: 'viewers cannot change the board' }),
      )
    expect(() => joinBoard(doc, VIEWER, { name: 'Di' })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
  })

  it('ACC-2: facilitator-only writes refuse participants', () => {
    const doc = newKickoff()
    expect(() => setPhase(doc, PARTICIPANT, 'purpose')).toThrow(
      'only a facilitator can move the agenda',
    )
    expect(() => startTimer(doc, PARTICIPANT)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    expect(() => lockSection(doc, PARTICIPANT, 'risks')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    expect(() => openVoting(doc, PARTICIPANT)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    expect(() => closeKickoff(doc, PARTICIPANT)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
  })

  it('ACC-3: a locked section refuses participants and still takes facilitators', () => {
    for (const s of SECTIONS) {
      const doc = newKickoff()
      lockSection(doc, FACILITATOR, s)
      expect(() => EDITS[s](doc, PARTICIPANT), s).toThrow(
        expect.objectContaining({
          code: 'locked',
          message: `the ${s} section is locked by the facilitator`,
        }),
      )
      EDITS[s](doc, FACILITATOR)
      unlockSection(doc, FACILITATOR, s)
      EDITS[s](doc, PARTICIPANT)
    }
  })

  it('ACC-3: locks do not stop voting or purpose confirmations', () => {
    const doc = newKickoff()
    const lens = addLens(doc, FACILITATOR, { title: 'Growth' })
    const team = addTeam(doc, FACILITATOR, { name: 'Sales' })
    addMember(doc, FACILITATOR, {
      teamId: team,
      personId: PARTICIPANT.personId,
      role: 'lead',
      owner: true,
    })
    setPurposeStatement(doc, FACILITATOR, 'Win more deals')
    for (const s of SECTIONS) lockSection(doc, FACILITATOR, s)
    openVoting(doc, FACILITATOR)
    castDot(doc, PARTICIPANT, lens, { now: T0 })
    confirmPurpose(doc, PARTICIPANT, team, { now: T0 })
  })

  it('ACC-4: a closed kickoff refuses participants everywhere until reopened', () => {
    const doc = newKickoff()
    closeKickoff(doc, FACILITATOR)
    for (const s of SECTIONS)
      expect(() => EDITS[s](doc, PARTICIPANT), s).toThrow(
        expect.objectContaining({
          code: 'locked',
          message: 'the kickoff is closed: only a facilitator can change it',
        }),
      )
    expect(() => joinBoard(doc, PARTICIPANT, { name: 'Bo 2' })).toThrow(
      expect.objectContaining({ code: 'locked' }),
    )
    EDITS.risks(doc, FACILITATOR)
    reopenKickoff(doc, FACILITATOR)
    EDITS.risks(doc, PARTICIPANT)
  })

  it('ACC-5: canWrite answers what the writes enforce', () => {
    const doc = newKickoff()
    lockSection(doc, FACILITATOR, 'risks')
    for (const actor of [FACILITATOR, PARTICIPANT, VIEWER])
      for (const s of SECTIONS) {
        let allowed = true
        try {
          EDITS[s](doc, actor)
        } catch {
          allowed = false
        }
        expect(canWrite(doc, actor, s), `${actor.role} ${s}`).toBe(allowed)
      }
  })

  it('ERR-2: a malformed actor is refused', () => {
    const doc = newKickoff()
    expect(() =>
      assertCanWrite(doc, { personId: 'has spaces', role: 'participant' }, 'risks'),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', field: 'personId' }))
    expect(() => assertCanWrite(doc, { personId: 'bo', role: 'owner' }, 'risks')).toThrow(
      'actor.role must be one of facilitator, participant, viewer',
    )
    expect(() => assertCanWrite(doc, null, 'risks')).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    )
  })
})
