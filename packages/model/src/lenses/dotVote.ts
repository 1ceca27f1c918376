import type * as Y from 'yjs'
import { compareStrings } from '../core/compare.js'
import { ModelError } from '../core/errors.js'
import type { VotingState } from '../schema/entries.js'
import type { RootKey } from '../schema/keys.js'

/**
 * The rules of a dot-vote, shared by the lens vote and the retro's vote on its cards: how one
 * voter's dots count against the budget and the per-target cap, how totals rank with ties, and
 * when a new dot is placed. Written once so both votes count the same way on every client.
 */

/** A placed dot: what it is on (`target`: a lens, a retro card) is read by the caller. */
export interface PlacedDot {
  id: string
  voterId: string
  at: string
}

/** Placement order: time, then dot id (the same on every replica). */
export function placedOrder(a: PlacedDot, b: PlacedDot): number {
  return compareStrings(a.at, b.at) || compareStrings(a.id, b.id)
}

export interface CountedDots<D extends PlacedDot> {
  /** Dots that count, in placement order: never more than the budget. */
  counted: D[]
  /** The others, each with why. */
  rejected: (D & { reason: 'over_budget' | 'over_cap' })[]
  /** Counted dots per target: never more than the cap. */
  byTarget: Record<string, number>
  /** Placed more dots than the budget. */
  overBudget: boolean
  /** Targets on which more dots were placed than the cap (only when some were rejected). */
  overCap: string[]
}

/**
 * One voter's dots as they count (VOT-6): walked in placement order, a dot counts while the voter
 * is under the budget and under the cap on its target; the rest are rejected. So when one
 * person's devices race past either, every replica counts the same dots. Sorts `dots` in place.
 */
export function countDots<D extends PlacedDot>(
  dots: D[],
  target: (d: D) => string,
  budget: number,
  cap: number,
): CountedDots<D> {
  if (dots.length > 1) dots.sort(placedOrder)
  const byTarget: Record<string, number> = {}
  const placedBy: Record<string, number> = {}
  const counted: D[] = []
  const rejected: (D & { reason: 'over_budget' | 'over_cap' })[] = []
  for (const d of dots) {
    const t = target(d)
    placedBy[t] = (placedBy[t] ?? 0) + 1
    const on = byTarget[t] ?? 0
    if (counted.length >= budget) rejected.push({ ...d, reason: 'over_budget' })
    else if (on >= cap) rejected.push({ ...d, reason: 'over_cap' })
    else {
      byTarget[t] = on + 1
      counted.push(d)
    }
  }
  return {
    counted,
    rejected,
    byTarget,
    overBudget: dots.length > budget,
    overCap:
      rejected.length === 0
        ? []
        : Object.keys(placedBy)
            .filter((t) => placedBy[t]! > cap)
            .sort(compareStrings),
  }
}

/** A group of targets sharing a total above zero, at a shared rank. */
export interface RankedGroup<T> {
  dots: number
  /** The shared rank; the group spans positions rank … rank + members.length − 1. */
  rank: number
  members: T[]
}

/**
 * Ranks totals already sorted most dots first (VOT-9): each gets 1 + the number of targets with
 * more dots, so tied targets share a rank and `tied` says so (a tie at zero is no tie). Returns
 * the tie groups; the order given never breaks a tie silently.
 */
export function rankByDots<T extends { dots: number; rank: number; tied: boolean }>(
  sorted: T[],
): RankedGroup<T>[] {
  const ties: RankedGroup<T>[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j < sorted.length && sorted[j]!.dots === sorted[i]!.dots) j++
    const group = sorted.slice(i, j)
    for (const x of group) {
      x.rank = i + 1
      x.tied = group.length > 1 && x.dots > 0
    }
    if (group.length > 1 && group[0]!.dots > 0)
      ties.push({ dots: group[0]!.dots, rank: i + 1, members: group })
    i = j
  }
  return ties
}

/**
 * When a new dot is placed: now, but later than every dot the voter already has, even if this
 * device's clock is behind another's (dots count in placement order).
 */
export function nextDotTime(mine: readonly { at: string }[], now: Date | undefined): string {
  let at = (now ?? new Date()).getTime()
  let last: string | undefined
  for (const d of mine) if (last === undefined || d.at > last) last = d.at
  if (last !== undefined) at = Math.max(at, Date.parse(last) + 1)
  return new Date(at).toISOString()
}

/**
 * How a vote's state moves (VOT-2): draft → open → closed → revealed; a closed vote can reopen;
 * a reset (not listed: it is always allowed) goes back to draft. The lens vote and the retro's
 * vote move the same way.
 */
export const VOTE_MOVES = {
  open: { from: ['draft', 'closed'], to: 'open', what: 'open the vote' },
  close: { from: ['open'], to: 'closed', what: 'close the vote' },
  reveal: { from: ['open', 'closed'], to: 'revealed', what: 'reveal the votes' },
} as const satisfies Record<string, { from: readonly VotingState[]; to: VotingState; what: string }>

/**
 * Moves the vote stored under `key` (a fields map with a `state`) from `current`: nothing when it
 * is already there, wrong_state when the move is not allowed from where it is.
 */
export function moveVote(
  doc: Y.Doc,
  key: RootKey,
  current: VotingState,
  move: keyof typeof VOTE_MOVES,
): void {
  const m = VOTE_MOVES[move]
  if (current === m.to) return
  if (!(m.from as readonly VotingState[]).includes(current))
    throw new ModelError('wrong_state', `cannot ${m.what}: the vote is ${current}`)
  doc.getMap(key).set('state', m.to)
}
