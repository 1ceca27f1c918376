import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { kickoffInfo } from '../kickoff/kickoff.js'
import { SCHEMA_VERSION } from '../migrations/migrations.js'
import { problems } from '../problems/problems.js'
import { ROOT } from '../schema/keys.js'
import { teamsView } from '../teams/teams.js'
import { newKickoff, sampleKickoff } from '../testing/fixtures.js'
import { exportKickoff } from './export.js'
import { EXPORT_FORMAT, type KickoffExport } from './format.js'
import { importKickoff } from './import.js'
import { boardSnapshot } from './snapshot.js'

function exported(): KickoffExport {
  return exportKickoff(sampleKickoff())
}

function refusal(json: unknown): unknown {
  const doc = newKickoff()
  const before = Y.encodeStateVector(doc)
  try {
    importKickoff(doc, json)
  } catch (e) {
    // Nothing was written.
    expect(Y.encodeStateVector(doc)).toEqual(before)
    return e
  }
  throw new Error('import was accepted')
}

describe('import and export', () => {
  it('IO-1: export → import → export gives the same JSON, through text too', () => {
    const first = exported()
    expect(first.format).toBe(EXPORT_FORMAT)
    const doc = new Y.Doc()
    importKickoff(doc, JSON.stringify(first))
    expect(exportKickoff(doc)).toEqual(first)
    expect(JSON.stringify(exportKickoff(doc))).toBe(JSON.stringify(first))
    expect(kickoffInfo(doc).schemaVersion).toBe(SCHEMA_VERSION)
    expect(problems(doc)).toEqual([])
  })

  it('IO-2: the shape is validated, with the path of the first problem', () => {
    expect(refusal('{not json')).toMatchObject({
      code: 'invalid_import',
      message: expect.stringMatching(/^not JSON: /),
    })
    expect(refusal({ ...exported(), format: 'kickoff-board/9' })).toMatchObject({
      code: 'invalid_import',
      message: 'format: format must be "kickoff-board/1"',
      field: 'format',
    })
    const e = exported()
    e.risks[2]!.likelihood = 7
    expect(refusal(e)).toMatchObject({
      message: 'risks.2.likelihood: likelihood must be a whole number from 1 to 5',
      field: 'risks.2.likelihood',
    })
    const m = exported()
    m.milestones[0]!.date = '2026-02-30'
    expect(refusal(m)).toMatchObject({
      message: 'milestones.0.date: date must be a date (YYYY-MM-DD)',
    })
    expect(refusal({ ...exported(), extra: true })).toMatchObject({ code: 'invalid_import' })
    const { teams: _teams, ...noTeams } = exported()
    expect(refusal(noTeams)).toMatchObject({ field: 'teams' })
  })

  it('IO-2: ids must be unique and every reference must resolve', () => {
    const dup = exported()
    dup.teams.push({ ...dup.teams[0]! })
    expect(refusal(dup)).toMatchObject({
      message: 'teams.8.id: duplicate id data',
      field: 'teams.8.id',
    })
    const dangling = exported()
    dangling.dependencies[0]!.to = 'marketing'
    expect(refusal(dangling)).toMatchObject({
      message: 'dependencies.0.to: no team with id marketing',
    })
    const self = exported()
    self.dependencies[0]!.to = self.dependencies[0]!.from
    expect(refusal(self)).toMatchObject({
      message: 'dependencies.0.to: a team cannot depend on itself',
    })
    const ghostVoter = exported()
    ghostVoter.dots[0]!.voterId = 'nobody'
    expect(refusal(ghostVoter)).toMatchObject({
      message: 'dots.0.voterId: no person with id nobody',
    })
    const ghostOwner = exported()
    ghostOwner.risks[0]!.ownerId = 'nobody'
    expect(refusal(ghostOwner)).toMatchObject({
      message: 'risks.0.ownerId: no person with id nobody',
    })
    const ghostMilestone = exported()
    ghostMilestone.dependencies[1]!.neededBy = 'm9'
    expect(refusal(ghostMilestone)).toMatchObject({
      message: 'dependencies.1.neededBy: no milestone with id m9',
    })
  })

  it('IO-3: import replaces the kickoff and leaves foreign keys alone', () => {
    const doc = newKickoff()
    doc.getMap(ROOT.canvas).set('shape:1', { type: 'geo' })
    doc.getMap(ROOT.teams).set('junk', 42)
    importKickoff(doc, exported())
    expect(doc.getMap(ROOT.canvas).get('shape:1')).toEqual({ type: 'geo' })
    expect(doc.getMap(ROOT.teams).has('junk')).toBe(false)
    expect(teamsView(doc).map((t) => t.id)).toEqual([
      'exec',
      'product',
      'eng',
      'data',
      'sales',
      'support',
      'finance',
      'security',
    ])
    expect(problems(doc)).toEqual([])
  })

  it('IO-4: the board snapshot is plain JSON', () => {
    const snapshot = boardSnapshot(sampleKickoff())
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot)
    expect(snapshot.teams).toHaveLength(8)
    expect(snapshot.vote.visible).toBe(true)
  })
})
