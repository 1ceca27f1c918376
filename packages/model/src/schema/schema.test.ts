import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { initKickoff } from '../kickoff/kickoff.js'
import { MIGRATIONS, SCHEMA_VERSION } from '../migrations/migrations.js'
import { problems } from '../problems/problems.js'
import { ROOT } from './keys.js'
import { ACT_KEYS, CONTENT_KEYS, KEY_ACCESS } from './access.js'
import { LAYOUT, OWNED_KEYS, RETRO_KEYS } from './layout.js'

describe('schema', () => {
  it('SCH-1: every ROOT key has exactly one layout, and every layout a ROOT key', () => {
    const keys = Object.values(ROOT)
    expect(new Set(keys).size).toBe(keys.length)
    expect(Object.keys(LAYOUT).sort()).toEqual([...keys].sort())
    expect(OWNED_KEYS).not.toContain(ROOT.canvas)
    expect(OWNED_KEYS).toContain(ROOT.dots)
    // The retro's keys are the model's, but not part of the kickoff that import replaces.
    expect(RETRO_KEYS).toEqual([ROOT.retroItems, ROOT.retroDots, ROOT.retroVoting])
    for (const k of RETRO_KEYS) expect(OWNED_KEYS).not.toContain(k)
  })

  it("SCH-7: every key is content or an act; acts are the facilitator's and the ballot's keys", () => {
    expect(Object.keys(KEY_ACCESS).sort()).toEqual(Object.values(ROOT).sort())
    expect([...ACT_KEYS, ...CONTENT_KEYS].sort()).toEqual(Object.values(ROOT).sort())
    for (const k of [ROOT.meta, ROOT.facilitation, ROOT.voting, ROOT.dots, ROOT.abstentions])
      expect(ACT_KEYS).toContain(k)
    for (const k of [
      ROOT.chosenLenses,
      ROOT.purposeConfirmations,
      ROOT.retroDots,
      ROOT.retroVoting,
    ])
      expect(ACT_KEYS).toContain(k)
    for (const k of [ROOT.purposeStatement, ROOT.teams, ROOT.risks, ROOT.canvas, ROOT.retroItems])
      expect(CONTENT_KEYS).toContain(k)
  })

  it('SCH-2: initKickoff writes a current doc with defaults, and problems() finds nothing', () => {
    const doc = new Y.Doc()
    initKickoff(doc, { title: 'Atlas', now: new Date('2026-11-21T10:00:00Z') })
    const meta = doc.getMap(ROOT.meta)
    expect(meta.get('schemaVersion')).toBe(SCHEMA_VERSION)
    expect(meta.get('closedAt')).toBeNull()
    expect(meta.get('timerDefaultSeconds')).toBe(300)
    expect(doc.getMap(ROOT.voting).get('state')).toBe('draft')
    expect(doc.getMap(ROOT.voting).get('dotsPerPerson')).toBe(3)
    expect(doc.getMap(ROOT.facilitation).get('phase')).toBe('welcome')
    expect(problems(doc)).toEqual([])
  })

  it('SCH-3: SCHEMA_VERSION is the number of steps, ids unique and numbered in order', () => {
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length)
    MIGRATIONS.forEach((m, i) =>
      expect(m.id).toMatch(new RegExp(`^${String(i + 1).padStart(3, '0')}-[a-z0-9-]+$`)),
    )
    expect(new Set(MIGRATIONS.map((m) => m.id)).size).toBe(MIGRATIONS.length)
  })
})
