import {
  ballot,
  canWrite,
  dependencyChecks,
  facilitationView,
  kickoffInfo,
  listDependencies,
  listLenses,
  listMeasures,
  listMilestones,
  listPeople,
  purposeConfirmations,
  readiness,
  riskRanking,
  ROOT,
  SECTIONS,
  tally,
  teamsView,
  timerView,
  type Actor,
  type RootKey,
  type Section,
} from '@kickoff/model'
import type * as Y from 'yjs'

/**
 * Every model view the board renders, with the top-level keys it reads. The board recomputes a
 * view only after a transaction changed one of its keys (`ModelView`); a unit test checks each
 * list against what the view really depends on, so a missing key cannot make a view go stale.
 *
 * Views are the model's own functions: the board adds no rules here, it only says when to ask.
 */

export interface ViewContext {
  /** Who is looking, once the link's role is known; null before (everything read-only). */
  actor: Actor | null
  /** This browser's clock, corrected by the server offset (see time/serverClock.ts). */
  now: Date
}

export interface ViewSpec<T> {
  readonly name: string
  readonly keys: readonly RootKey[]
  /** Views that depend on the date (late dependencies) or the second (the timer). */
  readonly clock?: 'day' | 'second'
  read(doc: Y.Doc, ctx: ViewContext): T
}

function spec<T>(s: ViewSpec<T>): ViewSpec<T> {
  return s
}

const TALLY_KEYS = [
  ROOT.voting,
  ROOT.people,
  ROOT.teams,
  ROOT.lenses,
  ROOT.dots,
  ROOT.abstentions,
  ROOT.chosenLenses,
] as const

const TEAM_KEYS = [ROOT.teams, ROOT.members, ROOT.people] as const

const NO_ACTOR: Actor = { personId: 'nobody', role: 'viewer' }

export type Access = Record<Section, boolean> & { facilitator: boolean; closed: boolean }

export const VIEWS = {
  kickoff: spec({ name: 'kickoff', keys: [ROOT.meta], read: (doc) => kickoffInfo(doc) }),
  /** Phase, locks and spotlight (the timer is read at the second by the timer itself). */
  facilitation: spec({
    name: 'facilitation',
    keys: [ROOT.facilitation],
    read: (doc, { now }) => {
      const f = facilitationView(doc, now)
      return { phase: f.phase, locks: f.locks, spotlight: f.spotlight }
    },
  }),
  /**
   * The timer's state and end as stored: `remainingMs` is as of the last change only. The timer
   * display re-reads it with the clock every second while it runs (see Timer.svelte).
   */
  timer: spec({
    name: 'timer',
    keys: [ROOT.facilitation],
    read: (doc, { now }) => timerView(doc, now),
  }),
  /** What the viewer may change, section by section (model: canWrite). */
  access: spec<Access>({
    name: 'access',
    keys: [ROOT.meta, ROOT.facilitation],
    read: (doc, { actor }) => {
      const a = actor ?? NO_ACTOR
      const out = Object.fromEntries(SECTIONS.map((s) => [s, canWrite(doc, a, s)])) as Record<
        Section,
        boolean
      >
      return {
        ...out,
        facilitator: actor?.role === 'facilitator',
        closed: kickoffInfo(doc).closed,
      }
    },
  }),
  people: spec({ name: 'people', keys: [ROOT.people, ROOT.teams], read: (doc) => listPeople(doc) }),
  teams: spec({ name: 'teams', keys: TEAM_KEYS, read: (doc) => teamsView(doc) }),
  measures: spec({
    name: 'measures',
    keys: [ROOT.purposeMeasures],
    read: (doc) => listMeasures(doc),
  }),
  confirmations: spec({
    name: 'confirmations',
    keys: [...TEAM_KEYS, ROOT.purposeConfirmations, ROOT.purposeStatement],
    read: (doc) => purposeConfirmations(doc),
  }),
  lenses: spec({ name: 'lenses', keys: [ROOT.lenses], read: (doc) => listLenses(doc) }),
  tally: spec({
    name: 'tally',
    keys: TALLY_KEYS,
    read: (doc, { actor }) => tally(doc, { viewer: actor?.personId ?? null }),
  }),
  ballot: spec({
    name: 'ballot',
    keys: [...TALLY_KEYS, ROOT.meta],
    read: (doc, { actor }) => ballot(doc, actor ?? NO_ACTOR),
  }),
  milestones: spec({
    name: 'milestones',
    keys: [ROOT.milestones],
    read: (doc) => listMilestones(doc),
  }),
  dependencies: spec({
    name: 'dependencies',
    keys: [ROOT.dependencies, ROOT.teams, ROOT.milestones],
    read: (doc) => listDependencies(doc),
  }),
  dependencyChecks: spec({
    name: 'dependencyChecks',
    keys: [...TEAM_KEYS, ROOT.milestones, ROOT.dependencies],
    clock: 'day',
    read: (doc, { now }) => dependencyChecks(doc, { now }),
  }),
  risks: spec({ name: 'risks', keys: [ROOT.risks, ROOT.people], read: (doc) => riskRanking(doc) }),
  readiness: spec({
    name: 'readiness',
    keys: [
      ...TEAM_KEYS,
      ROOT.purposeStatement,
      ROOT.purposeConfirmations,
      ROOT.voting,
      ROOT.lenses,
      ROOT.chosenLenses,
      ROOT.risks,
      ROOT.milestones,
      ROOT.dependencies,
    ],
    clock: 'day',
    read: (doc, { now }) => readiness(doc, { now }),
  }),
}

export type Views = typeof VIEWS
export type ViewValue<K extends keyof Views> = ReturnType<Views[K]['read']>
