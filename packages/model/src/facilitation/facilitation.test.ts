import { describe, expect, it } from 'vitest'
import { ROOT } from '../schema/keys.js'
import { FACILITATOR, T0, newKickoff } from '../testing/fixtures.js'
import { isLocked } from './access.js'
import {
  bringEveryoneHere,
  clearSpotlight,
  facilitationView,
  lockSection,
  pauseTimer,
  resetTimer,
  resumeTimer,
  setPhase,
  startTimer,
  timerView,
  unlockSection,
} from './facilitation.js'
import type { Phase } from '../schema/entries.js'

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)

describe('facilitation', () => {
  it('FAC-1: the phase is one of the agenda steps', () => {
    const doc = newKickoff()
    setPhase(doc, FACILITATOR, 'risks')
    expect(facilitationView(doc, T0).phase).toBe('risks')
    expect(() => setPhase(doc, FACILITATOR, 'lunch' as Phase)).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: undefined }),
    )
    expect(() => setPhase(doc, FACILITATOR, 'lunch' as Phase)).toThrow(
      /^phase must be one of welcome, purpose/,
    )
  })

  it('FAC-2: the timer counts down from its end time, pauses, resumes and resets', () => {
    const doc = newKickoff()
    expect(timerView(doc, T0)).toMatchObject({ state: 'idle', remainingMs: 300_000 })
    startTimer(doc, FACILITATOR, { seconds: 120 }, { now: T0 })
    expect(timerView(doc, at(30))).toMatchObject({
      state: 'running',
      remainingMs: 90_000,
      expired: false,
    })
    pauseTimer(doc, FACILITATOR, { now: at(50) })
    expect(timerView(doc, at(500))).toMatchObject({ state: 'paused', remainingMs: 70_000 })
    resumeTimer(doc, FACILITATOR, { now: at(600) })
    expect(timerView(doc, at(630))).toMatchObject({ state: 'running', remainingMs: 40_000 })
    expect(timerView(doc, at(700))).toMatchObject({ remainingMs: 0, expired: true })
    resetTimer(doc, FACILITATOR)
    expect(timerView(doc, at(700))).toEqual({
      state: 'idle',
      durationMs: 120_000,
      remainingMs: 120_000,
      endsAt: null,
      expired: false,
    })
  })

  it('FAC-2: a clock behind the starter’s never shows more than the duration', () => {
    const doc = newKickoff()
    startTimer(doc, FACILITATOR, { seconds: 60 }, { now: T0 })
    // Five minutes behind: the raw difference would be six minutes.
    expect(timerView(doc, at(-300))).toMatchObject({ state: 'running', remainingMs: 60_000 })
    // Five minutes ahead: already over.
    expect(timerView(doc, at(300))).toMatchObject({ remainingMs: 0, expired: true })
  })

  it('FAC-2: start without seconds uses the default; wrong moves are wrong_state', () => {
    const doc = newKickoff()
    expect(() => pauseTimer(doc, FACILITATOR)).toThrow(
      expect.objectContaining({ code: 'wrong_state' }),
    )
    expect(() => resumeTimer(doc, FACILITATOR)).toThrow('the timer is not paused')
    startTimer(doc, FACILITATOR, {}, { now: T0 })
    expect(timerView(doc, T0).durationMs).toBe(300_000)
    expect(() => startTimer(doc, FACILITATOR, { seconds: 0 })).toThrow(
      'seconds must be a whole number from 1 to 7200',
    )
  })

  it('READ-1: a broken timer value reads as the idle default', () => {
    const doc = newKickoff()
    doc.getMap(ROOT.facilitation).set('timer', { state: 'running' })
    expect(timerView(doc, T0)).toMatchObject({ state: 'idle' })
  })

  it('FAC-3: bring everyone here names the area, the entry, who and when', () => {
    const doc = newKickoff()
    bringEveryoneHere(doc, FACILITATOR, { area: 'risks', targetId: 'r1' }, { now: T0 })
    expect(facilitationView(doc, T0).spotlight).toEqual({
      area: 'risks',
      targetId: 'r1',
      by: FACILITATOR.personId,
      at: T0.toISOString(),
    })
    expect(() => bringEveryoneHere(doc, FACILITATOR, { area: 'kitchen' as 'risks' })).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: 'area' }),
    )
    clearSpotlight(doc, FACILITATOR)
    expect(facilitationView(doc, T0).spotlight).toBeNull()
  })

  it('FAC-4: locks are per section', () => {
    const doc = newKickoff()
    lockSection(doc, FACILITATOR, 'teams')
    expect(facilitationView(doc, T0).locks).toMatchObject({ teams: true, risks: false })
    expect(isLocked(doc, 'teams')).toBe(true)
    unlockSection(doc, FACILITATOR, 'teams')
    expect(isLocked(doc, 'teams')).toBe(false)
  })
})
