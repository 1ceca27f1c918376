import type * as Y from 'yjs'
import { parseActor, type Actor } from '../core/actor.js'
import { isModelError, type ModelError, type ModelErrorCode } from '../core/errors.js'
import type { VotingState } from '../schema/entries.js'
import { listLenses } from './candidates.js'
import { voterRefusal } from './dots.js'
import { tally } from './tally.js'

/**
 * One person's ballot: their own dots, and what the voting controls may do right now. The same
 * checks as castDot, removeDot and abstain (VOT-13), so a button the UI enables is a write the
 * model accepts, and a disabled one can say why. It shows nothing about anyone else's dots:
 * it is safe to render before the reveal.
 */

/** Why a write would be refused: the ModelError's code and message, as plain data. */
export interface Refusal {
  code: ModelErrorCode
  message: string
}

export interface BallotLens {
  lensId: string
  title: string
  description: string
  /** The viewer's counted dots on this lens. */
  mine: number
  /** castDot on this lens would succeed. */
  canAdd: boolean
  /** Why it would not (null when it would). */
  addRefusal: Refusal | null
  /** removeDot on this lens would succeed. */
  canRemove: boolean
}

export interface Ballot {
  state: VotingState
  dotsPerPerson: number
  maxDotsPerLens: number
  /** The viewer's counted dots, and how many they can still place. */
  counted: number
  remaining: number
  abstained: boolean
  /** Why the viewer cannot vote at all now (a viewer link, the vote not open…), or null. */
  refusal: Refusal | null
  /** abstain (and withdrawAbstention) would succeed. */
  canAbstain: boolean
  /** Every candidate, in board order. */
  lenses: BallotLens[]
}

function plain(e: ModelError): Refusal {
  return { code: e.code, message: e.message }
}

export function ballot(doc: Y.Doc, actor: Actor): Ballot {
  let refusal: Refusal | null
  let personId = ''
  try {
    const a = parseActor(actor)
    personId = a.personId
    const r = voterRefusal(doc, a)
    refusal = r ? plain(r) : null
  } catch (e) {
    if (!isModelError(e)) throw e
    refusal = plain(e)
  }
  const t = tally(doc, { viewer: personId || null })
  const { dotsPerPerson, maxDotsPerLens } = t.settings
  const counted = t.mine?.counted ?? 0
  const byLens = t.mine?.byLens ?? {}
  const overBudget: Refusal | null =
    counted >= dotsPerPerson
      ? {
          code: 'over_budget',
          message: `you have placed all ${dotsPerPerson} of your dots; take one back first`,
        }
      : null
  return {
    state: t.state,
    dotsPerPerson,
    maxDotsPerLens,
    counted,
    remaining: dotsPerPerson - counted,
    abstained: t.mine?.abstained ?? false,
    refusal,
    canAbstain: refusal === null,
    lenses: listLenses(doc).map((l) => {
      const mine = byLens[l.id] ?? 0
      const addRefusal =
        refusal ??
        overBudget ??
        (mine >= maxDotsPerLens
          ? {
              code: 'over_cap' as const,
              message: `at most ${maxDotsPerLens} dots per lens; this lens has ${mine} of yours`,
            }
          : null)
      return {
        lensId: l.id,
        title: l.title,
        description: l.description,
        mine,
        canAdd: addRefusal === null,
        addRefusal,
        canRemove: refusal === null && mine > 0,
      }
    }),
  }
}
