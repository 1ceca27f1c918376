import * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import { isModelError, type ModelErrorCode } from '../core/errors.js'
import { canWrite } from '../facilitation/access.js'
import {
  bringEveryoneHere,
  clearSpotlight,
  lockSection,
  pauseTimer,
  resetTimer,
  resumeTimer,
  setPhase,
  startTimer,
  unlockSection,
} from '../facilitation/facilitation.js'
import { readBoard } from '../io/board.js'
import { closeKickoff, reopenKickoff, setKickoffSettings, setTitle } from '../kickoff/kickoff.js'
import { addLens, removeLens, updateLens } from '../lenses/candidates.js'
import { chooseLens, unchooseLens } from '../lenses/chosen.js'
import { abstain, castDot, removeDot, withdrawAbstention } from '../lenses/dots.js'
import {
  closeVoting,
  openVoting,
  resetVoting,
  revealVoting,
  setVotingSettings,
} from '../lenses/voting.js'
import { addMilestone, removeMilestone, updateMilestone } from '../milestones/milestones.js'
import { addDependency, removeDependency, updateDependency } from '../dependencies/dependencies.js'
import { addPerson, joinBoard } from '../people/people.js'
import { confirmPurpose, withdrawConfirmation } from '../purpose/confirmations.js'
import { addMeasure, removeMeasure, updateMeasure } from '../purpose/measures.js'
import { purposeStatement } from '../purpose/statement.js'
import {
  addRetroItem,
  listRetroItems,
  removeRetroItem,
  updateRetroItem,
  type RetroItemView,
} from '../retro/items.js'
import {
  castRetroDot,
  closeRetroVoting,
  openRetroVoting,
  removeRetroDot,
  resetRetroVoting,
  revealRetroVoting,
} from '../retro/voting.js'
import { addRisk, removeRisk, updateRisk } from '../risks/risks.js'
import {
  DEPENDENCY_STATUSES,
  MEMBER_ROLES,
  PHASES,
  RETRO_COLUMNS,
  RISK_STATUSES,
  SECTIONS,
} from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import {
  addMember,
  addTeam,
  removeMember,
  removeTeam,
  setMemberRole,
  setOwner,
  unsetOwner,
  updateTeam,
} from '../teams/teams.js'
import type { Rng } from './rng.js'

/**
 * Random model operations, as plain data, for property tests and the chaos harness: randomOp
 * looks at a doc and picks an operation that makes sense in it (an existing team to add a member
 * to, an open vote to place a dot in…), applyOp performs it through the model's own write
 * functions. An op is JSON, so a failing run can print its op log and a test can replay it.
 *
 * Most ops are valid; with `invalidRate` some are deliberately not (likelihood 7, a participant
 * opening the vote, an unknown team), and must be refused with a ModelError. With `garbageRate`
 * some ops bypass the model and write junk into the doc the way a hostile peer could: views must
 * survive those, and report them in problems().
 */

export type OpName =
  | 'joinBoard'
  | 'addPerson'
  | 'addTeam'
  | 'renameTeam'
  | 'removeTeam'
  | 'addMember'
  | 'setMemberRole'
  | 'setOwner'
  | 'unsetOwner'
  | 'removeMember'
  | 'addMilestone'
  | 'updateMilestone'
  | 'removeMilestone'
  | 'addDependency'
  | 'updateDependency'
  | 'removeDependency'
  | 'addRisk'
  | 'updateRisk'
  | 'removeRisk'
  | 'addLens'
  | 'updateLens'
  | 'removeLens'
  | 'setVotingSettings'
  | 'openVoting'
  | 'closeVoting'
  | 'revealVoting'
  | 'resetVoting'
  | 'castDot'
  | 'removeDot'
  | 'abstain'
  | 'withdrawAbstention'
  | 'chooseLens'
  | 'unchooseLens'
  | 'typeStatement'
  | 'addMeasure'
  | 'updateMeasure'
  | 'removeMeasure'
  | 'confirmPurpose'
  | 'withdrawConfirmation'
  | 'setPhase'
  | 'startTimer'
  | 'pauseTimer'
  | 'resumeTimer'
  | 'resetTimer'
  | 'lockSection'
  | 'unlockSection'
  | 'bringEveryoneHere'
  | 'clearSpotlight'
  | 'setTitle'
  | 'setKickoffSettings'
  | 'closeKickoff'
  | 'reopenKickoff'
  | 'addRetroItem'
  | 'updateRetroItem'
  | 'removeRetroItem'
  | 'openRetroVoting'
  | 'closeRetroVoting'
  | 'revealRetroVoting'
  | 'resetRetroVoting'
  | 'castRetroDot'
  | 'removeRetroDot'
  | 'garbage'

export interface ModelOp {
  name: OpName
  actor: Actor
  /** Arguments after (doc, actor), as JSON. */
  args: unknown[]
  /** The writer's clock (ISO). */
  now: string
}

export type OpResult = { ok: true } | { ok: false; code: ModelErrorCode; message: string }

export interface RandomOpOptions {
  /** Who may act; ops pick one (facilitator-only ops prefer a facilitator). */
  actors: readonly Actor[]
  /** The writer's clock. */
  now: Date
  /** Share of ops made deliberately invalid. Default 0.1. */
  invalidRate?: number
  /** Share of ops that write junk past the model (a hostile peer). Default 0. */
  garbageRate?: number
}

type Gen = (ctx: Ctx) => { actor?: Actor; args: unknown[] } | null

interface Ctx {
  rng: Rng
  board: ReturnType<typeof readBoard>
  /** The retro's cards (readBoard holds the kickoff only). */
  retro: readonly RetroItemView[]
  actor: Actor
  facilitator: Actor
  invalid: boolean
}

const TITLES = ['Atlas', 'Beacon', 'Compass', 'Delta', 'Ember']
const WORDS = ['data', 'owner', 'risk', 'sales', 'plan', 'ship', 'trust', 'cost', 'speed', 'care']

function words(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => rng.pick(WORDS)).join(' ')
}

function pickKey<T>(rng: Rng, m: ReadonlyMap<string, T>): string | undefined {
  const keys = [...m.keys()].sort()
  return keys.length ? rng.pick(keys) : undefined
}

function pickOf<T extends { id: string }>(rng: Rng, xs: readonly T[]): T | undefined {
  return xs.length ? rng.pick(xs) : undefined
}

function date(rng: Rng): string {
  return `2026-${String(rng.int(11, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
}

/** Generators, with weights: how often each kind of op is picked. */
const GENERATORS: Record<Exclude<OpName, 'garbage'>, [number, Gen]> = {
  joinBoard: [
    3,
    ({ rng, actor }) => ({
      args: [{ name: `Person ${actor.personId.slice(0, 4)} ${rng.int(1, 9)}` }],
    }),
  ],
  addPerson: [
    2,
    ({ rng, invalid }) => ({ args: [{ name: invalid ? '   ' : words(rng, 2), id: rng.id('p') }] }),
  ],
  addTeam: [
    4,
    ({ rng, invalid }) => ({
      args: [{ name: invalid ? '' : `Team ${words(rng, 1)} ${rng.int(1, 99)}`, id: rng.id('t') }],
    }),
  ],
  renameTeam: [
    1,
    ({ rng, board }) => {
      const t = pickKey(rng, board.teams)
      return t ? { args: [t, { name: `Team ${words(rng, 2)}` }] } : null
    },
  ],
  removeTeam: [
    1,
    ({ rng, board }) => {
      const t = pickKey(rng, board.teams)
      return t ? { args: [t] } : null
    },
  ],
  addMember: [
    5,
    ({ rng, board, invalid }) => {
      const t = pickKey(rng, board.teams)
      const p = pickKey(rng, board.people)
      if (!t || !p) return null
      return {
        args: [
          {
            teamId: invalid ? 'no-such-team' : t,
            personId: p,
            role: rng.pick(MEMBER_ROLES),
            owner: rng.bool(0.3),
            id: rng.id('m'),
          },
        ],
      }
    },
  ],
  setMemberRole: [
    1,
    ({ rng, board }) => {
      const m = pickOf(rng, board.members)
      return m ? { args: [m.id, rng.pick(MEMBER_ROLES)] } : null
    },
  ],
  setOwner: [
    4,
    ({ rng, board }) => {
      const m = pickOf(rng, board.members)
      return m ? { args: [m.id] } : null
    },
  ],
  unsetOwner: [
    1,
    ({ rng, board }) => {
      const m = pickOf(
        rng,
        board.members.filter((x) => x.owner),
      )
      return m ? { args: [m.id] } : null
    },
  ],
  removeMember: [
    1,
    ({ rng, board }) => {
      const m = pickOf(rng, board.members)
      return m ? { args: [m.id] } : null
    },
  ],
  addMilestone: [
    3,
    ({ rng, invalid }) => ({
      args: [
        {
          name: `M ${words(rng, 1)}`,
          date: invalid ? '2026-02-30' : date(rng),
          outcome: words(rng, 3),
          id: rng.id('ms'),
        },
      ],
    }),
  ],
  updateMilestone: [
    1,
    ({ rng, board }) => {
      const m = pickKey(rng, board.milestones)
      return m ? { args: [m, { date: date(rng) }] } : null
    },
  ],
  removeMilestone: [
    1,
    ({ rng, board }) => {
      const m = pickKey(rng, board.milestones)
      return m ? { args: [m] } : null
    },
  ],
  addDependency: [
    5,
    ({ rng, board, invalid }) => {
      const from = pickKey(rng, board.teams)
      const to = pickKey(rng, board.teams)
      if (!from || !to) return null
      const ms = pickKey(rng, board.milestones)
      return {
        args: [
          {
            from,
            to: invalid ? 'ghost-team' : to,
            what: words(rng, 3),
            neededBy: rng.bool(0.8) ? (ms ?? null) : null,
            id: rng.id('d'),
          },
        ],
      }
    },
  ],
  updateDependency: [
    2,
    ({ rng, board }) => {
      const d = pickOf(rng, board.dependencies)
      if (!d) return null
      return rng.bool()
        ? { args: [d.id, { status: rng.pick(DEPENDENCY_STATUSES) }] }
        : { args: [d.id, { neededBy: pickKey(rng, board.milestones) ?? null }] }
    },
  ],
  removeDependency: [
    1,
    ({ rng, board }) => {
      const d = pickOf(rng, board.dependencies)
      return d ? { args: [d.id] } : null
    },
  ],
  addRisk: [
    4,
    ({ rng, board, invalid }) => ({
      args: [
        {
          title: `Risk ${words(rng, 2)}`,
          likelihood: invalid ? 7 : rng.int(1, 5),
          impact: rng.int(1, 5),
          ownerId: rng.bool(0.6) ? (pickKey(rng, board.people) ?? null) : null,
          mitigation: rng.bool(0.6) ? words(rng, 4) : '',
          id: rng.id('r'),
        },
      ],
    }),
  ],
  updateRisk: [
    2,
    ({ rng, board }) => {
      const r = pickOf(rng, board.risks)
      if (!r) return null
      const patches = [
        { likelihood: rng.int(1, 5) },
        { impact: rng.int(1, 5) },
        { ownerId: pickKey(rng, board.people) ?? null },
        { mitigation: words(rng, 3) },
        { status: rng.pick(RISK_STATUSES) },
      ]
      return { args: [r.id, rng.pick(patches)] }
    },
  ],
  removeRisk: [
    1,
    ({ rng, board }) => {
      const r = pickOf(rng, board.risks)
      return r ? { args: [r.id] } : null
    },
  ],
  addLens: [
    3,
    ({ rng }) => ({
      args: [{ title: `Lens ${words(rng, 2)}`, description: words(rng, 4), id: rng.id('l') }],
    }),
  ],
  updateLens: [
    1,
    ({ rng, board }) => {
      const l = pickKey(rng, board.lenses)
      return l ? { args: [l, { title: `Lens ${words(rng, 2)}` }] } : null
    },
  ],
  removeLens: [
    1,
    ({ rng, board }) => {
      const l = pickKey(rng, board.lenses)
      return l ? { args: [l] } : null
    },
  ],
  setVotingSettings: [
    1,
    ({ rng, facilitator, actor, invalid }) => ({
      actor: invalid ? actor : facilitator,
      args: [
        rng.pick([
          { dotsPerPerson: rng.int(1, 5) },
          { maxDotsPerLens: rng.int(1, 3) },
          { hiddenUntilReveal: rng.bool() },
          { chooseMin: rng.int(1, 3), chooseMax: rng.int(3, 5) },
        ]),
      ],
    }),
  ],
  openVoting: [
    3,
    ({ facilitator, actor, invalid }) => ({ actor: invalid ? actor : facilitator, args: [] }),
  ],
  closeVoting: [1, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  revealVoting: [1, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  resetVoting: [0.3, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  castDot: [
    12,
    ({ rng, board, invalid }) => {
      const l = pickKey(rng, board.lenses)
      return l ? { args: [invalid ? 'ghost-lens' : l] } : null
    },
  ],
  removeDot: [
    2,
    ({ rng, board }) => {
      const l = pickKey(rng, board.lenses)
      return l ? { args: [l] } : null
    },
  ],
  abstain: [1, () => ({ args: [] })],
  withdrawAbstention: [0.5, () => ({ args: [] })],
  chooseLens: [
    2,
    ({ rng, board, facilitator }) => {
      const l = pickKey(rng, board.lenses)
      return l ? { actor: facilitator, args: [l] } : null
    },
  ],
  unchooseLens: [
    0.5,
    ({ rng, board, facilitator }) => {
      const c = pickOf(rng, board.chosen)
      return c ? { actor: facilitator, args: [c.id] } : null
    },
  ],
  typeStatement: [
    4,
    ({ rng, board }) => {
      const len = board.statement.length
      const index = rng.int(0, len)
      return {
        args: [
          index,
          rng.bool(0.3) ? rng.int(0, Math.min(5, len - index)) : 0,
          rng.bool(0.8) ? `${words(rng, 1)} ` : '',
        ],
      }
    },
  ],
  addMeasure: [
    1,
    ({ rng, invalid }) => ({ args: [{ text: invalid ? '' : words(rng, 4), id: rng.id('s') }] }),
  ],
  updateMeasure: [
    0.5,
    ({ rng, board }) => {
      const m = pickOf(rng, board.measures)
      return m ? { args: [m.id, { text: words(rng, 3) }] } : null
    },
  ],
  removeMeasure: [
    0.5,
    ({ rng, board }) => {
      const m = pickOf(rng, board.measures)
      return m ? { args: [m.id] } : null
    },
  ],
  confirmPurpose: [
    4,
    ({ rng, board, actor }) => {
      // The actor confirms for a team they own when there is one, so confirmations really happen.
      const owned = board.members.filter((m) => m.owner && m.personId === actor.personId)
      const m = pickOf(rng, owned)
      const t = m?.teamId ?? pickKey(rng, board.teams)
      return t ? { args: [t] } : null
    },
  ],
  withdrawConfirmation: [
    0.5,
    ({ rng, board }) => {
      const t = pickKey(rng, board.confirmations)
      return t ? { args: [t] } : null
    },
  ],
  setPhase: [1, ({ rng, facilitator }) => ({ actor: facilitator, args: [rng.pick(PHASES)] })],
  startTimer: [
    1,
    ({ rng, facilitator }) => ({ actor: facilitator, args: [{ seconds: rng.int(30, 600) }] }),
  ],
  pauseTimer: [0.5, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  resumeTimer: [0.5, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  resetTimer: [0.3, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  lockSection: [1, ({ rng, facilitator }) => ({ actor: facilitator, args: [rng.pick(SECTIONS)] })],
  unlockSection: [
    1.5,
    ({ rng, facilitator }) => ({ actor: facilitator, args: [rng.pick(SECTIONS)] }),
  ],
  bringEveryoneHere: [
    0.5,
    ({ rng, facilitator }) => ({ actor: facilitator, args: [{ area: rng.pick(SECTIONS) }] }),
  ],
  clearSpotlight: [0.3, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  setTitle: [
    0.3,
    ({ rng, facilitator, actor, invalid }) => ({
      actor: invalid ? actor : facilitator,
      args: [`${rng.pick(TITLES)} kickoff`],
    }),
  ],
  setKickoffSettings: [
    0.3,
    ({ rng, facilitator }) => ({
      actor: facilitator,
      args: [{ timerDefaultSeconds: rng.int(60, 900) }],
    }),
  ],
  closeKickoff: [0.2, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  reopenKickoff: [0.6, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  addRetroItem: [
    2,
    ({ rng, invalid }) => ({
      args: [
        {
          column: invalid ? 'later' : rng.pick(RETRO_COLUMNS),
          text: words(rng, 3),
          id: rng.id('ri'),
        },
      ],
    }),
  ],
  updateRetroItem: [
    0.5,
    ({ rng, retro }) => {
      const i = pickOf(rng, retro)
      return i ? { args: [i.id, { text: words(rng, 3) }] } : null
    },
  ],
  removeRetroItem: [
    0.3,
    ({ rng, retro }) => {
      const i = pickOf(rng, retro)
      return i ? { args: [i.id] } : null
    },
  ],
  openRetroVoting: [0.8, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  closeRetroVoting: [0.3, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  revealRetroVoting: [0.3, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  resetRetroVoting: [0.1, ({ facilitator }) => ({ actor: facilitator, args: [] })],
  castRetroDot: [
    3,
    ({ rng, retro, invalid }) => {
      const i = pickOf(rng, retro)
      return i ? { args: [invalid ? 'ghost-card' : i.id] } : null
    },
  ],
  removeRetroDot: [
    1,
    ({ rng, retro }) => {
      const i = pickOf(rng, retro)
      return i ? { args: [i.id] } : null
    },
  ],
}

/** How each op is applied: through the model's write functions, args as generated. */
type Apply = (doc: Y.Doc, actor: Actor, args: unknown[], now: Date) => void
const a = <T>(x: unknown) => x as T
const APPLY: Record<OpName, Apply> = {
  joinBoard: (d, ac, [i]) => joinBoard(d, ac, a(i)),
  addPerson: (d, ac, [i]) => void addPerson(d, ac, a(i)),
  addTeam: (d, ac, [i]) => void addTeam(d, ac, a(i)),
  renameTeam: (d, ac, [id, p]) => updateTeam(d, ac, a(id), a(p)),
  removeTeam: (d, ac, [id]) => removeTeam(d, ac, a(id)),
  addMember: (d, ac, [i]) => void addMember(d, ac, a(i)),
  setMemberRole: (d, ac, [id, r]) => setMemberRole(d, ac, a(id), a(r)),
  setOwner: (d, ac, [id]) => setOwner(d, ac, a(id)),
  unsetOwner: (d, ac, [id]) => unsetOwner(d, ac, a(id)),
  removeMember: (d, ac, [id]) => removeMember(d, ac, a(id)),
  addMilestone: (d, ac, [i]) => void addMilestone(d, ac, a(i)),
  updateMilestone: (d, ac, [id, p]) => updateMilestone(d, ac, a(id), a(p)),
  removeMilestone: (d, ac, [id]) => removeMilestone(d, ac, a(id)),
  addDependency: (d, ac, [i]) => void addDependency(d, ac, a(i)),
  updateDependency: (d, ac, [id, p]) => updateDependency(d, ac, a(id), a(p)),
  removeDependency: (d, ac, [id]) => removeDependency(d, ac, a(id)),
  addRisk: (d, ac, [i]) => void addRisk(d, ac, a(i)),
  updateRisk: (d, ac, [id, p]) => updateRisk(d, ac, a(id), a(p)),
  removeRisk: (d, ac, [id]) => removeRisk(d, ac, a(id)),
  addLens: (d, ac, [i]) => void addLens(d, ac, a(i)),
  updateLens: (d, ac, [id, p]) => updateLens(d, ac, a(id), a(p)),
  removeLens: (d, ac, [id]) => removeLens(d, ac, a(id)),
  setVotingSettings: (d, ac, [p]) => setVotingSettings(d, ac, a(p)),
  openVoting: (d, ac) => openVoting(d, ac),
  closeVoting: (d, ac) => closeVoting(d, ac),
  revealVoting: (d, ac) => revealVoting(d, ac),
  resetVoting: (d, ac) => resetVoting(d, ac),
  castDot: (d, ac, [l], now) => void castDot(d, ac, a(l), { now }),
  removeDot: (d, ac, [l]) => removeDot(d, ac, a(l)),
  abstain: (d, ac, _, now) => abstain(d, ac, { now }),
  withdrawAbstention: (d, ac) => withdrawAbstention(d, ac),
  chooseLens: (d, ac, [l], now) => chooseLens(d, ac, a(l), { now }),
  unchooseLens: (d, ac, [l]) => unchooseLens(d, ac, a(l)),
  typeStatement: (d, ac, [index, del, text]) => typeStatement(d, ac, a(index), a(del), a(text)),
  addMeasure: (d, ac, [i]) => void addMeasure(d, ac, a(i)),
  updateMeasure: (d, ac, [id, p]) => updateMeasure(d, ac, a(id), a(p)),
  removeMeasure: (d, ac, [id]) => removeMeasure(d, ac, a(id)),
  confirmPurpose: (d, ac, [t], now) => confirmPurpose(d, ac, a(t), { now }),
  withdrawConfirmation: (d, ac, [t]) => withdrawConfirmation(d, ac, a(t)),
  setPhase: (d, ac, [p]) => setPhase(d, ac, a(p)),
  startTimer: (d, ac, [i], now) => startTimer(d, ac, a(i), { now }),
  pauseTimer: (d, ac, _, now) => pauseTimer(d, ac, { now }),
  resumeTimer: (d, ac, _, now) => resumeTimer(d, ac, { now }),
  resetTimer: (d, ac) => resetTimer(d, ac),
  lockSection: (d, ac, [s]) => lockSection(d, ac, a(s)),
  unlockSection: (d, ac, [s]) => unlockSection(d, ac, a(s)),
  bringEveryoneHere: (d, ac, [i], now) => bringEveryoneHere(d, ac, a(i), { now }),
  clearSpotlight: (d, ac) => clearSpotlight(d, ac),
  setTitle: (d, ac, [t]) => setTitle(d, ac, a(t)),
  setKickoffSettings: (d, ac, [p]) => setKickoffSettings(d, ac, a(p)),
  closeKickoff: (d, ac, _, now) => closeKickoff(d, ac, { now }),
  reopenKickoff: (d, ac) => reopenKickoff(d, ac),
  addRetroItem: (d, ac, [i], now) => void addRetroItem(d, ac, a(i), { now }),
  updateRetroItem: (d, ac, [id, p]) => updateRetroItem(d, ac, a(id), a(p)),
  removeRetroItem: (d, ac, [id]) => removeRetroItem(d, ac, a(id)),
  openRetroVoting: (d, ac) => openRetroVoting(d, ac),
  closeRetroVoting: (d, ac) => closeRetroVoting(d, ac),
  revealRetroVoting: (d, ac) => revealRetroVoting(d, ac),
  resetRetroVoting: (d, ac) => resetRetroVoting(d, ac),
  castRetroDot: (d, ac, [i], now) => void castRetroDot(d, ac, a(i), { now }),
  removeRetroDot: (d, ac, [i]) => removeRetroDot(d, ac, a(i)),
  garbage: (d, _, [g]) => writeGarbage(d, a(g)),
}

/**
 * What an editor bound to the purpose Y.Text does on a keystroke: splice the text directly,
 * if the actor may edit the purpose (the binding checks canWrite; the model cannot intercept).
 */
function typeStatement(doc: Y.Doc, actor: Actor, index: number, del: number, text: string): void {
  if (!canWrite(doc, actor, 'purpose')) return
  const t = purposeStatement(doc)
  const i = Math.min(index, t.length)
  doc.transact(() => {
    if (del > 0) t.delete(i, Math.min(del, t.length - i))
    if (text) t.insert(i, text)
  })
}

// ── garbage: what a hostile or broken peer could write ──────────────────────────────────────

interface Garbage {
  key: string
  id: string
  /** 'ymap' writes the value's fields into a new Y.Map; 'raw' writes the value itself. */
  as: 'ymap' | 'raw'
  value: unknown
}

function garbageFor(rng: Rng, board: ReturnType<typeof readBoard>): Garbage {
  const person = pickKey(rng, board.people) ?? 'ghost-person'
  const team = pickKey(rng, board.teams) ?? 'ghost-team'
  const at = '2026-11-21T10:00:00.000Z'
  const options: Garbage[] = [
    { key: ROOT.teams, id: rng.id('g'), as: 'raw', value: 42 },
    { key: ROOT.teams, id: rng.id('g'), as: 'ymap', value: { name: '' } },
    { key: ROOT.dots, id: rng.id('g'), as: 'raw', value: { lensId: 'ghost', voterId: person, at } },
    { key: ROOT.dots, id: rng.id('g'), as: 'raw', value: 'not a dot' },
    { key: ROOT.voting, id: 'dotsPerPerson', as: 'raw', value: -3 },
    { key: ROOT.voting, id: 'state', as: 'raw', value: 'bogus' },
    { key: ROOT.meta, id: 'title', as: 'raw', value: { evil: true } },
    {
      key: ROOT.members,
      id: rng.id('g'),
      as: 'ymap',
      value: { teamId: 'ghost', personId: person, role: 'lead', owner: true },
    },
    {
      key: ROOT.risks,
      id: rng.id('g'),
      as: 'ymap',
      value: { title: 'x', likelihood: 7, impact: 2 },
    },
    { key: ROOT.facilitation, id: 'timer', as: 'raw', value: { state: 'running' } },
    { key: ROOT.people, id: 'bad key!', as: 'ymap', value: { name: 'Mallory' } },
    {
      key: ROOT.dependencies,
      id: rng.id('g'),
      as: 'ymap',
      value: { from: team, to: team, what: 'self' },
    },
    { key: ROOT.purposeConfirmations, id: team, as: 'raw', value: { personId: 'x' } },
    { key: ROOT.chosenLenses, id: 'ghost-lens', as: 'raw', value: { by: person, at } },
    {
      key: ROOT.retroItems,
      id: rng.id('g'),
      as: 'ymap',
      value: { column: 'someday', text: 'x', authorId: person, at },
    },
    {
      key: ROOT.retroDots,
      id: rng.id('g'),
      as: 'raw',
      value: { itemId: 'ghost', voterId: person, at },
    },
    { key: ROOT.retroVoting, id: 'maxDotsPerItem', as: 'raw', value: 0 },
  ]
  return rng.pick(options)
}

function writeGarbage(doc: Y.Doc, g: Garbage): void {
  const map = doc.getMap(g.key)
  if (g.as === 'raw') map.set(g.id, g.value)
  else {
    const m = new Y.Map<unknown>()
    for (const [k, v] of Object.entries(g.value as Record<string, unknown>)) m.set(k, v)
    map.set(g.id, m)
  }
}

// ── picking and applying ─────────────────────────────────────────────────────────────────────

const NAMES = Object.keys(GENERATORS) as Exclude<OpName, 'garbage'>[]
const TOTAL_WEIGHT = NAMES.reduce((s, n) => s + GENERATORS[n][0], 0)

function pickName(rng: Rng): Exclude<OpName, 'garbage'> {
  let x = rng.next() * TOTAL_WEIGHT
  for (const n of NAMES) {
    x -= GENERATORS[n][0]
    if (x < 0) return n
  }
  return NAMES[NAMES.length - 1]!
}

/** A random operation that makes sense for `doc` as it is now. Deterministic for the rng state. */
export function randomOp(doc: Y.Doc, rng: Rng, opts: RandomOpOptions): ModelOp {
  const board = readBoard(doc)
  const retro = listRetroItems(doc)
  const now = opts.now.toISOString()
  const actor = rng.pick(opts.actors)
  const facilitator = opts.actors.find((x) => x.role === 'facilitator' && rng.bool(0.8)) ?? actor
  if (rng.bool(opts.garbageRate ?? 0))
    return { name: 'garbage', actor, args: [garbageFor(rng, board)], now }
  // People join before they do much: it is what the app does first.
  if (!board.people.has(actor.personId) && actor.role !== 'viewer' && rng.bool(0.7))
    return {
      name: 'joinBoard',
      actor,
      args: GENERATORS.joinBoard[1]({ rng, board, retro, actor, facilitator, invalid: false })!
        .args,
      now,
    }
  const invalid = rng.bool(opts.invalidRate ?? 0.1)
  for (let attempt = 0; attempt < 10; attempt++) {
    const name = pickName(rng)
    const g = GENERATORS[name][1]({ rng, board, retro, actor, facilitator, invalid })
    if (g) return { name, actor: g.actor ?? actor, args: g.args, now }
  }
  return { name: 'addTeam', actor, args: [{ name: `Team ${rng.id()}`, id: rng.id('t') }], now }
}

/**
 * Applies an op. A refusal by the model (ModelError) is a result, not a failure; anything else
 * thrown is a bug and propagates.
 */
export function applyOp(doc: Y.Doc, op: ModelOp): OpResult {
  try {
    APPLY[op.name](doc, op.actor, op.args, new Date(op.now))
    return { ok: true }
  } catch (e) {
    if (isModelError(e)) return { ok: false, code: e.code, message: e.message }
    throw e
  }
}

/** randomOp then applyOp: one random step, e.g. for a chaos client. Returns both for the log. */
export function applyRandomOp(
  doc: Y.Doc,
  rng: Rng,
  opts: RandomOpOptions,
): { op: ModelOp; result: OpResult } {
  const op = randomOp(doc, rng, opts)
  return { op, result: applyOp(doc, op) }
}
