import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { dependencyChecks } from '../dependencies/checks.js'
import { listDependencies } from '../dependencies/dependencies.js'
import { facilitationView } from '../facilitation/facilitation.js'
import { exportKickoff } from '../io/export.js'
import { importKickoff } from '../io/import.js'
import { boardSnapshot } from '../io/snapshot.js'
import { kickoffInfo } from '../kickoff/kickoff.js'
import { addLens, listLenses } from '../lenses/candidates.js'
import { castDot } from '../lenses/dots.js'
import { tally } from '../lenses/tally.js'
import { openVoting, readVoting, setVotingSettings } from '../lenses/voting.js'
import { listMilestones } from '../milestones/milestones.js'
import { listPeople } from '../people/people.js'
import { purposeConfirmations } from '../purpose/confirmations.js'
import { listMeasures } from '../purpose/measures.js'
import { purposeStatement } from '../purpose/statement.js'
import { readiness } from '../readiness/readiness.js'
import { riskRanking } from '../risks/ranking.js'
import { ROOT } from '../schema/keys.js'
import { LAYOUT } from '../schema/layout.js'
import type { RootKey } from '../schema/keys.js'
import { addTeam, teamsView, updateTeam } from '../teams/teams.js'
import { allViews } from '../testing/invariants.js'
import { FACILITATOR, PARTICIPANT, T0, newKickoff, sampleKickoff } from '../testing/fixtures.js'
import { problems } from './problems.js'

function everyView(doc: Y.Doc) {
  return [
    tally(doc, { viewer: PARTICIPANT.personId }),
    tally(doc, { includeHidden: true }),
    dependencyChecks(doc, { now: T0 }),
    riskRanking(doc),
    readiness(doc, { now: T0 }),
    boardSnapshot(doc),
    exportKickoff(doc),
    problems(doc),
    facilitationView(doc, T0),
    kickoffInfo(doc),
    teamsView(doc),
    listPeople(doc),
    listLenses(doc),
    listMilestones(doc),
    listDependencies(doc),
    listMeasures(doc),
    purposeConfirmations(doc),
    readVoting(doc),
  ]
}

/** Junk of every kind a peer could put into every key. */
function vandalize(doc: Y.Doc): void {
  for (const key of Object.keys(LAYOUT) as RootKey[]) {
    const layout = LAYOUT[key]
    if (layout.kind === 'text' || layout.kind === 'foreign') continue
    const map = doc.getMap(key)
    if (layout.kind === 'fields') {
      for (const field of Object.keys(layout.fields)) map.set(field, { junk: field })
      continue
    }
    map.set('number', 42)
    map.set('null', null)
    map.set('string', 'hello')
    map.set('array', [1, 2])
    map.set('bad id!', { name: 'x' })
    map.set('ytext', new Y.Text('text'))
    map.set('yarray', Y.Array.from([1]))
    const emptyMap = new Y.Map<unknown>()
    map.set('emptyymap', emptyMap)
    const nested = new Y.Map<unknown>()
    nested.set('name', new Y.Map())
    nested.set('title', 7)
    map.set('nested', nested)
    map.set('plain', { name: 'plain object where a Y.Map belongs', title: 'x' })
  }
}

describe('problems and robust reads', () => {
  it('READ-1: no view throws on junk in every key; invalid entries are left out and reported', () => {
    const doc = sampleKickoff()
    const clean = boardSnapshot(doc)
    vandalize(doc)
    expect(() => everyView(doc)).not.toThrow()
    const snapshot = boardSnapshot(doc)
    expect(snapshot.teams).toEqual(clean.teams)
    expect(snapshot.risks).toEqual(clean.risks)
    expect(snapshot.kickoff.title).toBe('')
    expect(readVoting(doc)).toEqual({
      state: 'draft',
      settings: {
        dotsPerPerson: 3,
        maxDotsPerLens: 2,
        hiddenUntilReveal: true,
        chooseMin: 2,
        chooseMax: 4,
      },
    })
    const found = problems(doc)
    expect(found.filter((p) => p.key === ROOT.teams).map((p) => [p.id, p.code])).toEqual([
      ['array', 'invalid_entry'],
      ['bad id!', 'invalid_id'],
      ['emptyymap', 'invalid_entry'],
      ['nested', 'invalid_entry'],
      ['null', 'invalid_entry'],
      ['number', 'invalid_entry'],
      ['plain', 'invalid_entry'],
      ['string', 'invalid_entry'],
      ['yarray', 'invalid_entry'],
      ['ytext', 'invalid_entry'],
    ])
    expect(found.find((p) => p.key === ROOT.voting && p.field === 'state')).toMatchObject({
      code: 'invalid_field',
      message: 'state: state must be one of draft, open, closed, revealed; using the default',
    })
    // What the views show still exports, and imports again.
    const copy = new Y.Doc()
    importKickoff(copy, exportKickoff(doc))
    expect(exportKickoff(copy)).toEqual(exportKickoff(doc))
  })

  it('READ-1: a peer that wrote a map under a text key, or a text under a map key, breaks nothing', () => {
    const hostile = new Y.Doc()
    hostile.getMap(ROOT.purposeStatement).set('x', 1)
    hostile.getText(ROOT.teams).insert(0, 'not a map')
    const doc = newKickoff()
    const fresh = new Y.Doc()
    for (const target of [doc, fresh]) {
      Y.applyUpdate(target, Y.encodeStateAsUpdate(hostile))
      expect(() => everyView(target)).not.toThrow()
    }
    expect(purposeStatement(fresh).toString()).toBe('')
    expect(teamsView(fresh)).toEqual([])
  })

  it('READ-3: contradictory voting settings are read consistently and reported', () => {
    const doc = newKickoff()
    const voting = doc.getMap(ROOT.voting)
    voting.set('dotsPerPerson', 2)
    voting.set('maxDotsPerLens', 5)
    voting.set('chooseMin', 4)
    voting.set('chooseMax', 2)
    expect(readVoting(doc).settings).toMatchObject({
      dotsPerPerson: 2,
      maxDotsPerLens: 2,
      chooseMin: 2,
      chooseMax: 4,
    })
    expect(problems(doc).map((p) => [p.field, p.code])).toEqual([
      ['chooseMin', 'conflicting_settings'],
      ['maxDotsPerLens', 'conflicting_settings'],
    ])
  })

  it('READ-4: the same content inserted in a different order gives the same views', () => {
    const build = (ids: string[]) => {
      const doc = newKickoff()
      for (const id of ids) addTeam(doc, FACILITATOR, { name: `Team ${id}`, id })
      // Same order values everywhere, so only insertion order differs.
      for (const id of ids) updateTeam(doc, FACILITATOR, id, { order: 1 })
      return doc
    }
    const a = build(['t1', 't2', 't3'])
    const b = build(['t3', 't1', 't2'])
    expect(JSON.stringify(allViews(b, T0, [PARTICIPANT.personId]))).toBe(
      JSON.stringify(allViews(a, T0, [PARTICIPANT.personId])),
    )
  })

  it('READ-5: views reflect writes at once, inside a transaction and from a remote update', () => {
    const doc = newKickoff()
    const id = addTeam(doc, FACILITATOR, { name: 'Sales' })
    expect(teamsView(doc)[0]!.name).toBe('Sales')
    updateTeam(doc, FACILITATOR, id, { name: 'Sales & Success' })
    expect(teamsView(doc)[0]!.name).toBe('Sales & Success')
    doc.transact(() => {
      updateTeam(doc, FACILITATOR, id, { name: 'Revenue' })
      expect(teamsView(doc)[0]!.name).toBe('Revenue')
    })
    expect(teamsView(doc)[0]!.name).toBe('Revenue')
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
    updateTeam(remote, FACILITATOR, id, { name: 'Go-to-market' })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)))
    expect(teamsView(doc)[0]!.name).toBe('Go-to-market')
  })

  it('READ-5: a view called from an observer sees the change it is told about', () => {
    const doc = newKickoff()
    addLens(doc, FACILITATOR, { title: 'A', id: 'a' })
    setVotingSettings(doc, FACILITATOR, { hiddenUntilReveal: false })
    openVoting(doc, FACILITATOR)
    const seen: string[] = []
    const record = () => {
      const t = tally(doc)
      seen.push(
        `${teamsView(doc)
          .map((x) => x.name)
          .join(',')}|${t.lenses[0]!.dots}`,
      )
    }
    tally(doc)
    teamsView(doc)
    doc.getMap(ROOT.dots).observe(record)
    doc.getMap(ROOT.teams).observeDeep(record)
    const team = addTeam(doc, FACILITATOR, { name: 'Sales' })
    castDot(doc, PARTICIPANT, 'a')
    updateTeam(doc, FACILITATOR, team, { name: 'Revenue' })
    expect(seen).toEqual(['Sales|0', 'Sales|1', 'Revenue|1'])
  })

  it('READ-1: a clean board has no problems', () => {
    expect(problems(sampleKickoff())).toEqual([])
    expect(problems(newKickoff())).toEqual([])
  })
})
