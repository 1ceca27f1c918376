import type * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import { ModelError } from '../core/errors.js'
import { idSchema } from '../core/ids.js'
import { readCollection } from '../core/read.js'
import { isoNow, parseInput, type WriteOptions } from '../core/write.js'
import { assertFacilitator } from '../facilitation/access.js'
import { ChosenLensSchema, type ChosenLens } from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { assertLensExists, readLensMap } from './candidates.js'
import { readVoting } from './voting.js'

/**
 * The lenses the kickoff goes forward with: the facilitator picks them after the vote (the tally
 * informs, it does not decide: ties are the group's call). How many is a voting setting, 2–4 by
 * default; readiness checks the count.
 */

/** Ids of chosen lenses that still exist. */
export function readChosen(doc: Y.Doc): string[] {
  const lenses = readLensMap(doc)
  return readCollection(doc, ROOT.chosenLenses, ChosenLensSchema, 'json')
    .map((e) => e.id)
    .filter((id) => lenses.has(id))
}

export function chooseLens(
  doc: Y.Doc,
  actor: Actor,
  lensId: string,
  opts: WriteOptions = {},
): void {
  const a = assertFacilitator(actor, 'choose lenses')
  const id = parseInput(idSchema('lensId'), lensId)
  assertLensExists(doc, id)
  const { state, settings } = readVoting(doc)
  if (state !== 'closed' && state !== 'revealed')
    throw new ModelError('wrong_state', `close the vote before choosing lenses (it is ${state})`)
  if (state === 'closed' && settings.hiddenUntilReveal)
    throw new ModelError('wrong_state', 'reveal the votes before choosing lenses')
  const chosen = readChosen(doc)
  if (chosen.includes(id)) return
  if (chosen.length >= settings.chooseMax)
    throw new ModelError(
      'too_many_chosen',
      `at most ${settings.chooseMax} lenses can be chosen; unchoose one first`,
    )
  const entry: ChosenLens = { by: a.personId, at: isoNow(opts.now) }
  doc.getMap(ROOT.chosenLenses).set(id, entry)
}

export function unchooseLens(doc: Y.Doc, actor: Actor, lensId: string): void {
  assertFacilitator(actor, 'unchoose lenses')
  const id = parseInput(idSchema('lensId'), lensId)
  doc.getMap(ROOT.chosenLenses).delete(id)
}
