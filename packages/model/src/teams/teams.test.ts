import { describe, expect, it } from 'vitest'
import { addDependency, listDependencies } from '../dependencies/dependencies.js'
import { confirmPurpose, purposeConfirmations } from '../purpose/confirmations.js'
import { setPurposeStatement } from '../purpose/statement.js'
import { listPeople, joinBoard } from '../people/people.js'
import { problems } from '../problems/problems.js'
import { FACILITATOR, OTHER, PARTICIPANT, newKickoff, replica, sync } from '../testing/fixtures.js'
import {
  addMember,
  addTeam,
  ownerChecks,
  removeMember,
  removeTeam,
  setMemberRole,
  setOwner,
  teamsView,
  unsetOwner,
  updateTeam,
} from './teams.js'
import type { MemberRole } from '../schema/entries.js'

describe('teams', () => {
  it('TEA-1: names are 1–80 characters and unique', () => {
    const doc = newKickoff()
    const sales = addTeam(doc, PARTICIPANT, { name: 'Sales' })
    expect(() => addTeam(doc, PARTICIPANT, { name: 'sales' })).toThrow(
      expect.objectContaining({ code: 'duplicate', message: 'a team named Sales exists' }),
    )
    expect(() => addTeam(doc, PARTICIPANT, { name: ' ' })).toThrow('name must not be empty')
    addTeam(doc, PARTICIPANT, { name: 'Support' })
    expect(() => updateTeam(doc, PARTICIPANT, sales, { name: 'Support' })).toThrow(
      expect.objectContaining({ code: 'duplicate' }),
    )
    updateTeam(doc, PARTICIPANT, sales, { name: 'Sales & Success' })
    expect(teamsView(doc).map((t) => t.name)).toEqual(['Sales & Success', 'Support'])
    expect(() => updateTeam(doc, PARTICIPANT, 'ghost', { name: 'x' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })

  it('TEA-2: a member is an existing person, once per team, with a role', () => {
    const doc = newKickoff()
    const team = addTeam(doc, PARTICIPANT, { name: 'Sales' })
    const m = addMember(doc, PARTICIPANT, {
      teamId: team,
      personId: OTHER.personId,
      role: 'reviewer',
    })
    expect(() =>
      addMember(doc, PARTICIPANT, { teamId: team, personId: OTHER.personId, role: 'lead' }),
    ).toThrow(expect.objectContaining({ code: 'duplicate' }))
    expect(() =>
      addMember(doc, PARTICIPANT, { teamId: 'ghost', personId: OTHER.personId, role: 'lead' }),
    ).toThrow(expect.objectContaining({ code: 'not_found', field: 'teamId' }))
    expect(() =>
      addMember(doc, PARTICIPANT, { teamId: team, personId: 'ghost', role: 'lead' }),
    ).toThrow(expect.objectContaining({ code: 'not_found', field: 'personId' }))
    expect(() =>
      addMember(doc, PARTICIPANT, {
        teamId: team,
        personId: PARTICIPANT.personId,
        role: 'boss' as MemberRole,
      }),
    ).toThrow('role must be one of lead, contributor, reviewer')
    setMemberRole(doc, PARTICIPANT, m, 'lead')
    expect(teamsView(doc)[0]!.members).toEqual([
      { id: m, teamId: team, personId: OTHER.personId, name: 'Cy', role: 'lead', owner: false },
    ])
    removeMember(doc, PARTICIPANT, m)
    expect(teamsView(doc)[0]!.members).toEqual([])
    expect(() => removeMember(doc, PARTICIPANT, m)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })

  it('TEA-3: setOwner names one owner and demotes the others', () => {
    const doc = newKickoff()
    const team = addTeam(doc, PARTICIPANT, { name: 'Sales' })
    const a = addMember(doc, PARTICIPANT, {
      teamId: team,
      personId: PARTICIPANT.personId,
      role: 'lead',
      owner: true,
    })
    const b = addMember(doc, PARTICIPANT, {
      teamId: team,
      personId: OTHER.personId,
      role: 'contributor',
    })
    expect(teamsView(doc)[0]!.ownerIds).toEqual([PARTICIPANT.personId])
    setOwner(doc, PARTICIPANT, b)
    expect(teamsView(doc)[0]!.ownerIds).toEqual([OTHER.personId])
    expect(teamsView(doc)[0]!.members.map((m) => m.id)).toEqual([b, a])
    unsetOwner(doc, PARTICIPANT, b)
    expect(ownerChecks(doc).noOwner).toEqual([{ id: team, name: 'Sales' }])
  })

  it('TEA-4: two replicas naming different owners at once leave two owners, flagged', () => {
    const a = newKickoff({ clientID: 1 })
    const team = addTeam(a, FACILITATOR, { name: 'Sales' })
    const ma = addMember(a, FACILITATOR, {
      teamId: team,
      personId: PARTICIPANT.personId,
      role: 'lead',
    })
    const mb = addMember(a, FACILITATOR, { teamId: team, personId: OTHER.personId, role: 'lead' })
    const b = replica(a, 2)
    setOwner(a, FACILITATOR, ma)
    setOwner(b, FACILITATOR, mb)
    sync(a, b)
    expect(ownerChecks(a)).toEqual(ownerChecks(b))
    expect(ownerChecks(a).manyOwners).toEqual([
      {
        team: { id: team, name: 'Sales' },
        owners: [
          { id: PARTICIPANT.personId, name: 'Bo' },
          { id: OTHER.personId, name: 'Cy' },
        ],
      },
    ])
  })

  it('TEA-4: resolving two owners to different ones at once leaves none, flagged', () => {
    const a = newKickoff({ clientID: 1 })
    const team = addTeam(a, FACILITATOR, { name: 'Sales' })
    const ma = addMember(a, FACILITATOR, {
      teamId: team,
      personId: PARTICIPANT.personId,
      role: 'lead',
    })
    const mb = addMember(a, FACILITATOR, { teamId: team, personId: OTHER.personId, role: 'lead' })
    const b = replica(a, 2)
    setOwner(a, FACILITATOR, ma)
    setOwner(b, FACILITATOR, mb)
    sync(a, b)
    expect(teamsView(a)[0]!.ownerIds).toHaveLength(2)
    setOwner(a, FACILITATOR, ma) // demotes mb
    setOwner(b, FACILITATOR, mb) // demotes ma
    sync(a, b)
    expect(ownerChecks(a)).toEqual({ noOwner: [{ id: team, name: 'Sales' }], manyOwners: [] })
    expect(ownerChecks(b)).toEqual(ownerChecks(a))
  })

  it('TEA-5: removing a team takes its members, confirmation and dependencies with it', () => {
    const doc = newKickoff()
    const sales = addTeam(doc, FACILITATOR, { name: 'Sales' })
    const eng = addTeam(doc, FACILITATOR, { name: 'Engineering' })
    addMember(doc, FACILITATOR, {
      teamId: sales,
      personId: PARTICIPANT.personId,
      role: 'lead',
      owner: true,
    })
    joinBoard(doc, PARTICIPANT, { name: 'Bo', teamId: sales })
    addDependency(doc, FACILITATOR, { from: eng, to: sales, what: 'Deal data' })
    setPurposeStatement(doc, FACILITATOR, 'Win')
    confirmPurpose(doc, PARTICIPANT, sales)
    removeTeam(doc, FACILITATOR, sales)
    expect(teamsView(doc).map((t) => t.name)).toEqual(['Engineering'])
    expect(listDependencies(doc)).toEqual([])
    expect(purposeConfirmations(doc).map((c) => c.teamId)).toEqual([eng])
    expect(listPeople(doc).find((p) => p.id === PARTICIPANT.personId)?.teamId).toBeNull()
    expect(problems(doc)).toEqual([])
  })

  it('READ-2: a member added to a team removed at the same moment is left out and reported', () => {
    const a = newKickoff({ clientID: 1 })
    const team = addTeam(a, FACILITATOR, { name: 'Sales' })
    const b = replica(a, 2)
    removeTeam(a, FACILITATOR, team)
    const m = addMember(b, FACILITATOR, { teamId: team, personId: OTHER.personId, role: 'lead' })
    sync(a, b)
    expect(teamsView(a)).toEqual([])
    expect(problems(a)).toEqual([
      { key: 'members', id: m, code: 'dangling_reference', message: `team ${team} does not exist` },
    ])
  })
})
