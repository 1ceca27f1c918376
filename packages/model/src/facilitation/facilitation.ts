import type * as Y from 'yjs'
import { z } from 'zod'
import type { Actor } from '../core/actor.js'
import { ModelError } from '../core/errors.js'
import { idSchema } from '../core/ids.js'
import type { ProblemSink } from '../core/problems.js'
import { readFields } from '../core/read.js'
import { isoNow, parseInput, type WriteOptions } from '../core/write.js'
import { kickoffInfo } from '../kickoff/kickoff.js'
import { intRange, oneOf } from '../schema/fields.js'
import {
  FacilitationFields,
  KICKOFF_SETTINGS_DEFAULTS,
  PHASES,
  SECTIONS,
  SPOTLIGHT_AREAS,
  lockField,
  type Phase,
  type Section,
  type Spotlight,
  type SpotlightArea,
  type Timer,
} from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { assertFacilitator } from './access.js'

/**
 * The facilitator's controls, shared by everyone on the board: the agenda phase, one countdown
 * timer, section locks and "bring everyone here". All are facilitator-only writes.
 */

function map(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.facilitation)
}

function readRaw(doc: Y.Doc, problems?: ProblemSink) {
  const defaultTimer: Timer = {
    state: 'idle',
    durationMs: KICKOFF_SETTINGS_DEFAULTS.timerDefaultSeconds * 1000,
  }
  const locks = Object.fromEntries(SECTIONS.map((s) => [lockField(s), false])) as Record<
    `lock.${Section}`,
    boolean
  >
  return readFields(
    doc,
    ROOT.facilitation,
    FacilitationFields,
    { phase: 'welcome', timer: defaultTimer, spotlight: null, ...locks },
    problems,
  )
}

// ── phase ────────────────────────────────────────────────────────────────────────────────────

export function setPhase(doc: Y.Doc, actor: Actor, phase: Phase): void {
  assertFacilitator(actor, 'move the agenda')
  const valid = parseInput(oneOf('phase', PHASES), phase)
  if (map(doc).get('phase') !== valid) map(doc).set('phase', valid)
}

// ── timer ────────────────────────────────────────────────────────────────────────────────────

export interface TimerView {
  state: Timer['state']
  durationMs: number
  /** Time left at `now`; 0 once a running timer has passed its end. */
  remainingMs: number
  /** When a running timer ends (the starting facilitator's clock), else null. */
  endsAt: string | null
  /** A running timer whose end has passed: the UI shows "time's up". */
  expired: boolean
}

/**
 * The timer at `now`. A running timer stores its end time, not a ticking count, so every client
 * computes the same remaining time from its own clock; clocks that disagree by a few seconds show
 * the same few seconds of difference, and nothing needs to write every second. The time left is
 * clamped to 0…duration, so a clock that is far off shows a full or a finished timer, never more
 * time than was set.
 */
export function timerView(doc: Y.Doc, now: Date): TimerView {
  const t = readRaw(doc).timer
  switch (t.state) {
    case 'idle':
      return {
        state: 'idle',
        durationMs: t.durationMs,
        remainingMs: t.durationMs,
        endsAt: null,
        expired: false,
      }
    case 'paused':
      return {
        state: 'paused',
        durationMs: t.durationMs,
        remainingMs: t.remainingMs,
        endsAt: null,
        expired: false,
      }
    case 'running': {
      // Never more than the duration: a clock behind the one that started the timer would
      // otherwise show more time than was ever set.
      const remainingMs = Math.min(t.durationMs, Math.max(0, Date.parse(t.endsAt) - now.getTime()))
      return {
        state: 'running',
        durationMs: t.durationMs,
        remainingMs,
        endsAt: t.endsAt,
        expired: remainingMs === 0,
      }
    }
  }
}

const SecondsSchema = intRange('seconds', 1, 7200).optional()

/** Starts (or restarts) the countdown; without `seconds`, the kickoff's default duration. */
export function startTimer(
  doc: Y.Doc,
  actor: Actor,
  input: { seconds?: number } = {},
  opts: WriteOptions = {},
): void {
  assertFacilitator(actor, 'start the timer')
  const seconds =
    parseInput(SecondsSchema, input.seconds) ?? kickoffInfo(doc).settings.timerDefaultSeconds
  const now = opts.now ?? new Date()
  const durationMs = seconds * 1000
  const timer: Timer = {
    state: 'running',
    durationMs,
    endsAt: new Date(now.getTime() + durationMs).toISOString(),
  }
  map(doc).set('timer', timer)
}

export function pauseTimer(doc: Y.Doc, actor: Actor, opts: WriteOptions = {}): void {
  assertFacilitator(actor, 'pause the timer')
  const now = opts.now ?? new Date()
  const t = readRaw(doc).timer
  if (t.state !== 'running') throw new ModelError('wrong_state', 'the timer is not running')
  const timer: Timer = {
    state: 'paused',
    durationMs: t.durationMs,
    remainingMs: Math.max(0, Date.parse(t.endsAt) - now.getTime()),
  }
  map(doc).set('timer', timer)
}

export function resumeTimer(doc: Y.Doc, actor: Actor, opts: WriteOptions = {}): void {
  assertFacilitator(actor, 'resume the timer')
  const now = opts.now ?? new Date()
  const t = readRaw(doc).timer
  if (t.state !== 'paused') throw new ModelError('wrong_state', 'the timer is not paused')
  const timer: Timer = {
    state: 'running',
    durationMs: t.durationMs,
    endsAt: new Date(now.getTime() + t.remainingMs).toISOString(),
  }
  map(doc).set('timer', timer)
}

export function resetTimer(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'reset the timer')
  const t = readRaw(doc).timer
  const timer: Timer = { state: 'idle', durationMs: t.durationMs }
  map(doc).set('timer', timer)
}

// ── locks ────────────────────────────────────────────────────────────────────────────────────

const SectionSchema = oneOf('section', SECTIONS)

/**
 * Locks a section: participants can no longer change it (facilitators still can). Confirming the
 * purpose and voting are not section edits and stay open: locking the purpose is how a
 * facilitator freezes the text for the owners to confirm.
 */
export function lockSection(doc: Y.Doc, actor: Actor, section: Section): void {
  setLock(doc, actor, section, true)
}

export function unlockSection(doc: Y.Doc, actor: Actor, section: Section): void {
  setLock(doc, actor, section, false)
}

function setLock(doc: Y.Doc, actor: Actor, section: Section, locked: boolean): void {
  assertFacilitator(actor, locked ? 'lock a section' : 'unlock a section')
  const field = lockField(parseInput(SectionSchema, section))
  if ((map(doc).get(field) === true) !== locked) map(doc).set(field, locked)
}

// ── spotlight ("bring everyone here") ────────────────────────────────────────────────────────

const SpotlightInputSchema = z.strictObject({
  area: oneOf('area', SPOTLIGHT_AREAS),
  targetId: idSchema('targetId').nullable().optional(),
})

/** Points everyone's board at an area (and optionally one entry in it). */
export function bringEveryoneHere(
  doc: Y.Doc,
  actor: Actor,
  input: { area: SpotlightArea; targetId?: string | null },
  opts: WriteOptions = {},
): void {
  const a = assertFacilitator(actor, 'bring everyone to a place on the board')
  const v = parseInput(SpotlightInputSchema, input)
  const spotlight: Spotlight = {
    area: v.area,
    targetId: v.targetId ?? null,
    by: a.personId,
    at: isoNow(opts.now),
  }
  map(doc).set('spotlight', spotlight)
}

export function clearSpotlight(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'clear the spotlight')
  if (map(doc).get('spotlight') !== null) map(doc).set('spotlight', null)
}

// ── view ─────────────────────────────────────────────────────────────────────────────────────

export interface FacilitationView {
  phase: Phase
  timer: TimerView
  locks: Record<Section, boolean>
  spotlight: Spotlight
}

export function facilitationView(doc: Y.Doc, now: Date, problems?: ProblemSink): FacilitationView {
  const f = readRaw(doc, problems)
  return {
    phase: f.phase,
    timer: timerView(doc, now),
    locks: Object.fromEntries(SECTIONS.map((s) => [s, f[lockField(s)]])) as Record<
      Section,
      boolean
    >,
    spotlight: f.spotlight,
  }
}

/** The facilitation state as stored (the timer as its stored value, not at a moment). */
export function readFacilitation(doc: Y.Doc, problems?: ProblemSink) {
  const f = readRaw(doc, problems)
  return {
    phase: f.phase,
    timer: f.timer,
    spotlight: f.spotlight,
    locks: SECTIONS.filter((s) => f[lockField(s)]),
  }
}
