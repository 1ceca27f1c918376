import { describe, expect, it } from 'vitest'
import { lockSection } from '../facilitation/facilitation.js'
import { ROOT } from '../schema/keys.js'
import { addTeam } from '../teams/teams.js'
import { FACILITATOR, OTHER, PARTICIPANT, newKickoff } from '../testing/fixtures.js'
import { addPerson, joinBoard, listPeople, renamePerson } from './people.js'

describe('people', () => {
  it('PEO-1: joining puts the actor on the board and renames them when they join again', () => {
    const doc = newKickoff()
    const team = addTeam(doc, FACILITATOR, { name: 'Sales' })
    lockSection(doc, FACILITATOR, 'teams')
    joinBoard(doc, PARTICIPANT, { name: '  Bo Berg ', teamId: team })
    expect(listPeople(doc).find((p) => p.id === PARTICIPANT.personId)).toEqual({
      id: PARTICIPANT.personId,
      name: 'Bo Berg',
      teamId: team,
    })
    expect(() => joinBoard(doc, PARTICIPANT, { name: '' })).toThrow('name must not be empty')
    expect(() => joinBoard(doc, PARTICIPANT, { name: 'Bo', teamId: 'ghost' })).toThrow(
      expect.objectContaining({ code: 'not_found', field: 'teamId' }),
    )
  })

  it('PEO-2: anyone who edits teams adds people; only they or a facilitator rename them', () => {
    const doc = newKickoff()
    const id = addPerson(doc, PARTICIPANT, { name: 'Nadia Petrova' })
    expect(listPeople(doc).map((p) => p.name)).toEqual(['Ada', 'Bo', 'Cy', 'Nadia Petrova'])
    expect(() => renamePerson(doc, OTHER, id, 'Nadia P.')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    renamePerson(doc, FACILITATOR, id, 'Nadia P.')
    renamePerson(doc, OTHER, OTHER.personId, 'Cyrus')
    expect(listPeople(doc).map((p) => p.name)).toEqual(['Ada', 'Bo', 'Cyrus', 'Nadia P.'])
    expect(() => renamePerson(doc, FACILITATOR, 'ghost', 'x')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
    expect(() => addPerson(doc, PARTICIPANT, { name: 'x'.repeat(81) })).toThrow(
      'name must be at most 80 characters',
    )
  })

  it('READ-2: a home team that is gone reads as none', () => {
    const doc = newKickoff()
    doc.getMap(ROOT.people).get(PARTICIPANT.personId)
    joinBoard(doc, PARTICIPANT, { name: 'Bo' })
    const entry = doc.getMap(ROOT.people).get(PARTICIPANT.personId) as {
      set(k: string, v: unknown): void
    }
    entry.set('teamId', 'gone')
    expect(listPeople(doc).find((p) => p.id === PARTICIPANT.personId)?.teamId).toBeNull()
  })
})
