import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SCHEMA_VERSION } from '../migrations/migrations.js'
import { ROOT } from '../schema/keys.js'
import { FACILITATOR, PARTICIPANT, T0, newKickoff } from '../testing/fixtures.js'
import {
  closeKickoff,
  getTitle,
  initKickoff,
  kickoffInfo,
  reopenKickoff,
  setKickoffSettings,
  setTitle,
} from './kickoff.js'

describe('kickoff meta', () => {
  it('SCH-2: initKickoff stores title, schema version and creation time', () => {
    const doc = new Y.Doc()
    initKickoff(doc, { title: '  Atlas  ', now: new Date('2026-11-21T10:00:00Z') })
    expect(getTitle(doc)).toBe('Atlas')
    expect(doc.getMap(ROOT.meta).get('schemaVersion')).toBe(SCHEMA_VERSION)
    expect(doc.getMap(ROOT.meta).get('createdAt')).toBe('2026-11-21T10:00:00.000Z')
  })

  it('KIC-1: refuses an empty or overlong title with a clear message', () => {
    expect(() => setTitle(new Y.Doc(), '   ')).toThrow(/title must not be empty/)
    expect(() => initKickoff(new Y.Doc(), { title: 'x'.repeat(201) })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: 'title must be at most 200 characters',
      }),
    )
  })

  it('KIC-1: with an actor, only a facilitator renames the kickoff', () => {
    const doc = newKickoff()
    expect(() => setTitle(doc, PARTICIPANT, 'Mine now')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    setTitle(doc, FACILITATOR, 'Atlas 2')
    expect(getTitle(doc)).toBe('Atlas 2')
  })

  it('READ-1: reads a foreign title as empty instead of crashing', () => {
    const doc = new Y.Doc()
    doc.getMap(ROOT.meta).set('title', 42)
    expect(getTitle(doc)).toBe('')
  })

  it('KIC-2: settings are validated and patched field by field', () => {
    const doc = newKickoff()
    setKickoffSettings(doc, FACILITATOR, { retroAfterDays: 45 })
    expect(kickoffInfo(doc).settings).toEqual({
      timerDefaultSeconds: 300,
      followSpotlight: true,
      retroAfterDays: 45,
    })
    expect(() => setKickoffSettings(doc, FACILITATOR, { retroAfterDays: 0 })).toThrow(
      'retroAfterDays must be a whole number from 1 to 365',
    )
    expect(() =>
      setKickoffSettings(doc, FACILITATOR, { colour: 'red' } as unknown as { retroAfterDays: 1 }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    expect(() => setKickoffSettings(doc, PARTICIPANT, { retroAfterDays: 2 })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
  })

  it('KIC-3: closing records when and by whom, keeps the first close, and reopens', () => {
    const doc = newKickoff()
    closeKickoff(doc, FACILITATOR, { now: T0 })
    closeKickoff(doc, FACILITATOR, { now: new Date('2026-12-01T00:00:00Z') })
    expect(kickoffInfo(doc)).toMatchObject({
      closed: true,
      closedAt: T0.toISOString(),
      closedBy: FACILITATOR.personId,
    })
    expect(() => reopenKickoff(doc, PARTICIPANT)).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    reopenKickoff(doc, FACILITATOR)
    expect(kickoffInfo(doc)).toMatchObject({ closed: false, closedAt: null, closedBy: null })
  })
})
