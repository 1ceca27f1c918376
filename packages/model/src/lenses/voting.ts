import type * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import { ModelError } from '../core/errors.js'
import type { ProblemSink } from '../core/problems.js'
import { memo, readCollection, readFields } from '../core/read.js'
import { parseInput } from '../core/write.js'
import { assertFacilitator } from '../facilitation/access.js'
import {
  LensSchema,
  VOTING_DEFAULTS,
  VotingFields,
  VotingSettingsSchema,
  type VotingSettings,
  type VotingState,
} from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { moveVote } from './dotVote.js'

/**
 * The dot-vote session: settings and state. The state moves draft → open → closed → revealed;
 * a closed vote can be reopened, and a reset goes back to draft with no dots. Only facilitators
 * change either.
 */

export interface VotingView {
  state: VotingState
  /** Effective settings: always consistent (cap ≤ budget, min ≤ max), see readVoting. */
  settings: VotingSettings
}

/**
 * Settings are independent fields, so two facilitators editing different ones at once can leave
 * a cap above the budget or a minimum above the maximum. The view then reads the cap as the
 * budget and swaps min and max, the same way on every client, and problems() says so.
 */
export function readVoting(doc: Y.Doc, problems?: ProblemSink): VotingView {
  if (problems) return computeVoting(doc, problems)
  return memo(doc, 'voting', [ROOT.voting], () => computeVoting(doc))
}

function computeVoting(doc: Y.Doc, problems?: ProblemSink): VotingView {
  const f = readFields(doc, ROOT.voting, VotingFields, VOTING_DEFAULTS, problems)
  let { maxDotsPerLens, chooseMin, chooseMax } = f
  if (maxDotsPerLens > f.dotsPerPerson) {
    problems?.push({
      key: ROOT.voting,
      field: 'maxDotsPerLens',
      code: 'conflicting_settings',
      message: `the cap per lens (${maxDotsPerLens}) is above the budget (${f.dotsPerPerson}); the budget is used`,
    })
    maxDotsPerLens = f.dotsPerPerson
  }
  if (chooseMin > chooseMax) {
    problems?.push({
      key: ROOT.voting,
      field: 'chooseMin',
      code: 'conflicting_settings',
      message: `choose at least ${chooseMin} is above at most ${chooseMax}; read as ${chooseMax}–${chooseMin}`,
    })
    ;[chooseMin, chooseMax] = [chooseMax, chooseMin]
  }
  return Object.freeze({
    state: f.state,
    settings: Object.freeze({
      dotsPerPerson: f.dotsPerPerson,
      maxDotsPerLens,
      hiddenUntilReveal: f.hiddenUntilReveal,
      chooseMin,
      chooseMax,
    }),
  })
}

const SettingsPatchSchema = VotingSettingsSchema.partial().strict()

/**
 * Changes voting settings. Not while a vote is open or revealed: changing the budget or the cap
 * then would change what people already placed.
 */
export function setVotingSettings(doc: Y.Doc, actor: Actor, patch: Partial<VotingSettings>): void {
  assertFacilitator(actor, 'change the voting settings')
  const v = parseInput(SettingsPatchSchema, patch)
  const current = readVoting(doc)
  if (current.state === 'open' || current.state === 'revealed')
    throw new ModelError(
      'wrong_state',
      `voting settings cannot change while the vote is ${current.state}`,
    )
  const next = { ...current.settings, ...v }
  if (next.maxDotsPerLens > next.dotsPerPerson)
    throw new ModelError(
      'invalid_input',
      `maxDotsPerLens (${next.maxDotsPerLens}) must not exceed dotsPerPerson (${next.dotsPerPerson})`,
      'maxDotsPerLens',
    )
  if (next.chooseMin > next.chooseMax)
    throw new ModelError(
      'invalid_input',
      `chooseMin (${next.chooseMin}) must not exceed chooseMax (${next.chooseMax})`,
      'chooseMin',
    )
  const map = doc.getMap(ROOT.voting)
  doc.transact(() => {
    for (const [k, val] of Object.entries(v)) if (map.get(k) !== val) map.set(k, val)
  })
}

/** Opens the vote (from draft, or reopens a closed one). Needs at least one lens. */
export function openVoting(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'open the vote')
  if (readCollection(doc, ROOT.lenses, LensSchema, 'ymap').length === 0)
    throw new ModelError('wrong_state', 'add at least one lens before opening the vote')
  moveVote(doc, ROOT.voting, readVoting(doc).state, 'open')
}

export function closeVoting(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'close the vote')
  moveVote(doc, ROOT.voting, readVoting(doc).state, 'close')
}

/** Shows everyone the results (closing the vote if it was open). */
export function revealVoting(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'reveal the votes')
  moveVote(doc, ROOT.voting, readVoting(doc).state, 'reveal')
}

/** Back to draft: every dot, abstention and chosen lens is removed. */
export function resetVoting(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'reset the vote')
  doc.transact(() => {
    for (const key of [ROOT.dots, ROOT.abstentions, ROOT.chosenLenses]) {
      const map = doc.getMap(key)
      for (const id of [...map.keys()]) map.delete(id)
    }
    if (doc.getMap(ROOT.voting).get('state') !== 'draft')
      doc.getMap(ROOT.voting).set('state', 'draft')
  })
}
