import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { initKickoff, kickoffInfo } from '../kickoff/kickoff.js'
import { readVoting } from '../lenses/voting.js'
import { problems } from '../problems/problems.js'
import { purposeStatement } from '../purpose/statement.js'
import { ROOT } from '../schema/keys.js'
import { docJson } from '../testing/invariants.js'
import {
  MIGRATIONS,
  SCHEMA_VERSION,
  migrate,
  needsMigration,
  schemaVersionOf,
} from './migrations.js'

/** Docs written by schema v1 (the walking skeleton), frozen: see the fixture's "about". */
const v1 = JSON.parse(
  readFileSync(new URL('../../test/fixtures/v1-docs.json', import.meta.url), 'utf8'),
) as { schemaVersion: number; docs: Record<string, string> }

function loadV1(name: string): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Uint8Array.from(Buffer.from(v1.docs[name]!, 'base64')))
  return doc
}

describe('migrations', () => {
  it('SCH-4: the v1 fixtures are v1', () => {
    expect(v1.schemaVersion).toBe(1)
    for (const name of Object.keys(v1.docs)) expect(schemaVersionOf(loadV1(name))).toBe(1)
  })

  it('SCH-4: 002-kickoff-sections upgrades a v1 doc and keeps what it held', () => {
    const doc = loadV1('withStatement')
    expect(needsMigration(doc)).toBe(true)
    expect(problems(doc).map((p) => p.code)).toEqual(['needs_migration'])
    const result = migrate(doc)
    expect(result).toEqual({ from: 1, to: SCHEMA_VERSION, applied: ['002-kickoff-sections'] })
    expect(kickoffInfo(doc)).toMatchObject({
      title: 'Atlas (v1 board)',
      createdAt: '2026-11-20T09:00:00.000Z',
      schemaVersion: SCHEMA_VERSION,
      closed: false,
    })
    expect(purposeStatement(doc).toString()).toBe(
      'Find the three places where AI gives us faster decisions.',
    )
    expect(readVoting(doc).state).toBe('draft')
    expect(doc.getMap(ROOT.voting).get('chooseMax')).toBe(4)
    expect(problems(doc)).toEqual([])
  })

  it('SCH-4: migrating twice changes nothing', () => {
    const doc = loadV1('empty')
    migrate(doc)
    const before = Y.encodeStateVector(doc)
    expect(migrate(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('SCH-4: a migrated v1 doc reads like one made by initKickoff', () => {
    const migrated = loadV1('empty')
    migrate(migrated)
    const fresh = new Y.Doc()
    initKickoff(fresh, { title: 'Fresh v1 board', now: new Date('2026-11-20T10:00:00.000Z') })
    expect(docJson(migrated)).toBe(docJson(fresh))
  })

  it('SCH-4: every older version has a frozen fixture for its step to be tested on', () => {
    // Adding migration step n+1 means freezing a doc of version n under test/fixtures first.
    const dir = new URL('../../test/fixtures/', import.meta.url)
    const versions = readdirSync(dir)
      .map((f) => /^v(\d+)-docs\.json$/.exec(f)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number)
      .sort((a, b) => a - b)
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1))
  })

  it('SCH-5: a doc from a newer schema is refused by migrate and still read', () => {
    const doc = new Y.Doc()
    initKickoff(doc, { title: 'From the future' })
    doc.getMap(ROOT.meta).set('schemaVersion', SCHEMA_VERSION + 1)
    expect(() => migrate(doc)).toThrow(expect.objectContaining({ code: 'newer_schema' }))
    expect(kickoffInfo(doc).title).toBe('From the future')
    expect(problems(doc).map((p) => p.code)).toEqual(['newer_schema'])
  })

  it('SCH-6: a step fills in missing fields and never overwrites one', () => {
    const doc = loadV1('empty')
    doc.getMap(ROOT.voting).set('dotsPerPerson', 5)
    doc.getMap(ROOT.meta).set('retroAfterDays', 14)
    migrate(doc)
    expect(doc.getMap(ROOT.voting).get('dotsPerPerson')).toBe(5)
    expect(doc.getMap(ROOT.voting).get('maxDotsPerLens')).toBe(2)
    expect(kickoffInfo(doc).settings.retroAfterDays).toBe(14)
  })

  it('SCH-4: a doc with no or a broken version is migrated from the start', () => {
    const doc = new Y.Doc()
    doc.getMap(ROOT.meta).set('schemaVersion', 'one')
    expect(schemaVersionOf(doc)).toBe(0)
    expect(migrate(doc).applied).toEqual(MIGRATIONS.map((m) => m.id))
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION)
  })
})
