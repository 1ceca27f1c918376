import type * as Y from 'yjs'
import { parseActor, type Actor } from '../core/actor.js'
import { compareStrings } from '../core/compare.js'
import { ModelError } from '../core/errors.js'
import { idSchema, newId } from '../core/ids.js'
import { parseInput, type WriteOptions } from '../core/write.js'
import { writeRefusal } from '../facilitation/access.js'
import { readPeople } from '../people/people.js'
import type { Abstention, Dot } from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { assertLensExists, readLensMap } from './candidates.js'
import { countVoter, readDotsByVoter, type VoterTally } from './tally.js'
import { readVoting } from './voting.js'

/**
 * Placing and taking back dots, and abstaining: what a participant does while the vote is open.
 * These are not section edits, so section locks do not apply; the session state does.
 */

const LensIdSchema = idSchema('lensId')

/**
 * Why `actor` cannot place, take back or abstain right now, or null: not a viewer, not a closed
 * kickoff (for participants), the vote open, and the actor on the board. Shared by the writes
 * below and by `ballot`, so a control the UI enables is one the write accepts.
 */
export function voterRefusal(doc: Y.Doc, actor: Actor): ModelError | null {
  const refusal = writeRefusal(doc, actor, null)
  if (refusal) return refusal
  const { state } = readVoting(doc)
  if (state !== 'open') return new ModelError('wrong_state', `the vote is ${state}, not open`)
  if (!readPeople(doc).has(actor.personId))
    return new ModelError('not_found', `no person with id ${actor.personId}`, 'actor.personId')
  return null
}

function assertVoter(doc: Y.Doc, actor: Actor): Actor {
  const a = parseActor(actor)
  const refusal = voterRefusal(doc, a)
  if (refusal) throw refusal
  return a
}

/** The voter's dots as the tally counts them. */
function myDots(doc: Y.Doc, personId: string): VoterTally {
  const { settings } = readVoting(doc)
  const people = readPeople(doc)
  const dots = readDotsByVoter(doc, readLensMap(doc), people).get(personId) ?? []
  return countVoter(personId, people.get(personId)?.name ?? '', dots, settings)
}

/**
 * Dots the tally rejects exist only because two devices raced; the voter's next dot write removes
 * them, so what they see matches what counts.
 */
function pruneRejected(doc: Y.Doc, mine: VoterTally): void {
  const map = doc.getMap(ROOT.dots)
  for (const d of mine.rejected) map.delete(d.id)
}

/**
 * Places one of the actor's dots on a lens. Refused when the vote is not open (wrong_state), when
 * the actor has used their budget (over_budget) or the per-lens cap on this lens (over_cap).
 * Placing a dot withdraws an abstention. Returns the dot's id.
 */
export function castDot(
  doc: Y.Doc,
  actor: Actor,
  lensId: string,
  opts: WriteOptions & { id?: string } = {},
): string {
  const a = assertVoter(doc, actor)
  const lens = parseInput(LensIdSchema, lensId)
  assertLensExists(doc, lens)
  const { settings } = readVoting(doc)
  const mine = myDots(doc, a.personId)
  if (mine.counted >= settings.dotsPerPerson)
    throw new ModelError(
      'over_budget',
      `you have placed all ${settings.dotsPerPerson} of your dots; take one back first`,
    )
  if ((mine.byLens[lens] ?? 0) >= settings.maxDotsPerLens)
    throw new ModelError(
      'over_cap',
      `at most ${settings.maxDotsPerLens} dots per lens; this lens has ${mine.byLens[lens]} of yours`,
    )
  const id = opts.id === undefined ? newId() : parseInput(idSchema('id'), opts.id)
  if (doc.getMap(ROOT.dots).has(id)) throw new ModelError('duplicate', `a dot with id ${id} exists`)
  // Later than every dot the voter already has, even if this device's clock is behind another's:
  // the tally counts a voter's dots in the order they were placed.
  let at = (opts.now ?? new Date()).getTime()
  const last = [...mine.dots, ...mine.rejected]
    .map((d) => d.at)
    .sort(compareStrings)
    .pop()
  if (last !== undefined) at = Math.max(at, Date.parse(last) + 1)
  const dot: Dot = { lensId: lens, voterId: a.personId, at: new Date(at).toISOString() }
  doc.transact(() => {
    pruneRejected(doc, mine)
    doc.getMap(ROOT.abstentions).delete(a.personId)
    doc.getMap(ROOT.dots).set(id, dot)
  })
  return id
}

/** Takes back the actor's most recently placed dot on a lens (not_found when there is none). */
export function removeDot(doc: Y.Doc, actor: Actor, lensId: string): void {
  const a = assertVoter(doc, actor)
  const lens = parseInput(LensIdSchema, lensId)
  const mine = myDots(doc, a.personId)
  const last = mine.dots.filter((d) => d.lensId === lens).pop()
  if (!last) throw new ModelError('not_found', 'you have no dot on this lens')
  doc.transact(() => {
    pruneRejected(doc, mine)
    doc.getMap(ROOT.dots).delete(last.id)
  })
}

/** Abstains: takes back all of the actor's dots and records that they chose not to vote. */
export function abstain(doc: Y.Doc, actor: Actor, opts: WriteOptions = {}): void {
  const a = assertVoter(doc, actor)
  const dots = doc.getMap(ROOT.dots)
  const mine = myDots(doc, a.personId)
  const entry: Abstention = { at: (opts.now ?? new Date()).toISOString() }
  doc.transact(() => {
    for (const d of [...mine.dots, ...mine.rejected]) dots.delete(d.id)
    doc.getMap(ROOT.abstentions).set(a.personId, entry)
  })
}

export function withdrawAbstention(doc: Y.Doc, actor: Actor): void {
  const a = assertVoter(doc, actor)
  doc.getMap(ROOT.abstentions).delete(a.personId)
}
