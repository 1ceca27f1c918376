import type * as Y from 'yjs'
import { compareNames, compareStrings, sortByName } from '../core/compare.js'
import type { ProblemSink } from '../core/problems.js'
import { readCollection, scanCollection } from '../core/read.js'
import { readPeople, type PersonRef, type PersonView } from '../people/people.js'
import {
  AbstentionSchema,
  ChosenLensSchema,
  DotSchema,
  type VotingSettings,
  type VotingState,
} from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { readLensMap, type LensView } from './candidates.js'
import { readVoting } from './voting.js'

/**
 * The dot-vote tally, the same on every client whatever order updates arrived in.
 *
 * Dots are immutable entries, and a person voting from two devices at once can place more than
 * the budget, or more than the per-lens cap, before either device sees the other's dots. The
 * tally decides which count: it walks each voter's dots in the order they were placed (time,
 * then dot id) and accepts a dot while the voter is under budget and under the cap on that lens;
 * the rest are rejected and reported. So no one is ever credited with more than the budget, nor
 * a lens with more than the cap per voter, and every client rejects the same dots.
 */

export interface DotRef {
  id: string
  lensId: string
  voterId: string
  at: string
}

export interface RejectedDot extends DotRef {
  reason: 'over_budget' | 'over_cap'
}

export interface VoterTally {
  personId: string
  name: string
  /** Dots placed, counted or not. */
  placed: number
  /** Dots that count: never more than the budget. */
  counted: number
  /** Counted dots per lens: never more than the cap. */
  byLens: Record<string, number>
  /** The voter's counted dots, in the order placed. */
  dots: DotRef[]
  rejected: RejectedDot[]
  /** Placed more dots than the budget (the extra ones are rejected). */
  overBudget: boolean
  /** Lenses on which the voter placed more dots than the cap. */
  overCap: string[]
}

export interface LensTally {
  lensId: string
  title: string
  dots: number
  /** How many people put at least one counted dot on it. */
  voters: number
  /** 1 + the number of lenses with more dots: tied lenses share a rank. */
  rank: number
  tied: boolean
  chosen: boolean
}

export interface TieGroup {
  dots: number
  /** The shared rank; the group spans positions rank … rank + lensIds.length − 1. */
  rank: number
  lensIds: string[]
}

export interface MyVote {
  personId: string
  counted: number
  /** Dots the viewer can still place. */
  remaining: number
  byLens: Record<string, number>
  dots: DotRef[]
  rejected: RejectedDot[]
  abstained: boolean
}

export interface Tally {
  state: VotingState
  settings: VotingSettings
  /** Whether this view holds everyone's dots (revealed, not hidden, or includeHidden). */
  visible: boolean
  /** People on the board: who can vote. */
  eligible: number
  /** People with at least one counted dot. */
  voted: number
  abstained: PersonRef[]
  /** People who have neither voted nor abstained, by name. */
  notVoted: PersonRef[]
  /** Every lens, most dots first; empty while hidden. */
  lenses: LensTally[]
  /** Lenses sharing a total above zero; never broken silently. Empty while hidden. */
  ties: TieGroup[]
  /** Every voter's dots; empty while hidden. */
  voters: VoterTally[]
  /** The viewer's own vote (always shown to them), or null without a viewer. */
  mine: MyVote | null
  /** Lenses chosen by the facilitator: in tally order when visible, else by id. */
  chosen: string[]
}

export interface TallyOptions {
  /** The person looking: they always see their own dots. */
  viewer?: string | null
  /**
   * Show everything even before the reveal: for the kickoff record and the server. The UI never
   * sets it (hiding is a courtesy of the UI: the dots are in the doc for any client to read).
   */
  includeHidden?: boolean
}

function placedOrder(a: DotRef, b: DotRef): number {
  return compareStrings(a.at, b.at) || compareStrings(a.id, b.id)
}

/** Valid dots on existing lenses by people on the board, grouped by voter. */
export function readDotsByVoter(
  doc: Y.Doc,
  lenses: Map<string, LensView>,
  people: Map<string, PersonView>,
  problems?: ProblemSink,
): Map<string, DotRef[]> {
  const byVoter = new Map<string, DotRef[]>()
  scanCollection(
    doc,
    ROOT.dots,
    DotSchema,
    'json',
    (id, value) => {
      if (!lenses.has(value.lensId) || !people.has(value.voterId)) {
        problems?.push({
          key: ROOT.dots,
          id,
          code: 'dangling_reference',
          message: !lenses.has(value.lensId)
            ? `lens ${value.lensId} does not exist; the dot does not count`
            : `voter ${value.voterId} is not on the board; the dot does not count`,
        })
        return
      }
      const dot = { id, lensId: value.lensId, voterId: value.voterId, at: value.at }
      const list = byVoter.get(value.voterId)
      if (list) list.push(dot)
      else byVoter.set(value.voterId, [dot])
    },
    problems,
  )
  return byVoter
}

/** Applies the budget and the cap to one voter's dots. */
export function countVoter(
  personId: string,
  name: string,
  dots: DotRef[],
  settings: Pick<VotingSettings, 'dotsPerPerson' | 'maxDotsPerLens'>,
): VoterTally {
  if (dots.length > 1) dots.sort(placedOrder)
  const byLens: Record<string, number> = {}
  const placedByLens: Record<string, number> = {}
  const counted: DotRef[] = []
  const rejected: RejectedDot[] = []
  for (const d of dots) {
    placedByLens[d.lensId] = (placedByLens[d.lensId] ?? 0) + 1
    const onLens = byLens[d.lensId] ?? 0
    if (counted.length >= settings.dotsPerPerson) rejected.push({ ...d, reason: 'over_budget' })
    else if (onLens >= settings.maxDotsPerLens) rejected.push({ ...d, reason: 'over_cap' })
    else {
      byLens[d.lensId] = onLens + 1
      counted.push(d)
    }
  }
  return {
    personId,
    name,
    placed: dots.length,
    counted: counted.length,
    byLens,
    dots: counted,
    rejected,
    overBudget: dots.length > settings.dotsPerPerson,
    overCap:
      rejected.length === 0
        ? []
        : Object.keys(placedByLens)
            .filter((l) => placedByLens[l]! > settings.maxDotsPerLens)
            .sort(compareStrings),
  }
}

export function tally(doc: Y.Doc, opts: TallyOptions = {}): Tally {
  const { state, settings } = readVoting(doc)
  const people = readPeople(doc)
  const lenses = readLensMap(doc)
  const byVoter = readDotsByVoter(doc, lenses, people)

  const chosenIds = new Set<string>()
  for (const { id } of readCollection(doc, ROOT.chosenLenses, ChosenLensSchema, 'json'))
    if (lenses.has(id)) chosenIds.add(id)
  const abstainedIds = new Set<string>()
  for (const { id } of readCollection(doc, ROOT.abstentions, AbstentionSchema, 'json', undefined, {
    sort: false,
  }))
    if (people.has(id)) abstainedIds.add(id)

  const totals = new Map<string, { dots: number; voters: number }>()
  for (const id of lenses.keys()) totals.set(id, { dots: 0, voters: 0 })
  const voters: VoterTally[] = []
  for (const [personId, dots] of byVoter) {
    const v = countVoter(personId, people.get(personId)!.name, dots, settings)
    if (v.counted === 0) continue
    voters.push(v)
    for (const lensId in v.byLens) {
      const t = totals.get(lensId)!
      t.dots += v.byLens[lensId]!
      t.voters++
    }
  }
  sortByName(
    voters,
    (v) => v.name,
    (v) => v.personId,
  )
  const votedIds = new Set(voters.map((v) => v.personId))

  // A person with counted dots has voted, even if an abstention from another device raced them.
  const abstained: PersonRef[] = []
  const notVoted: PersonRef[] = []
  for (const p of people.values()) {
    if (votedIds.has(p.id)) continue
    ;(abstainedIds.has(p.id) ? abstained : notVoted).push({ id: p.id, name: p.name })
  }
  sortByName(
    abstained,
    (p) => p.name,
    (p) => p.id,
  )
  sortByName(
    notVoted,
    (p) => p.name,
    (p) => p.id,
  )

  const lensTallies: LensTally[] = [...lenses.values()]
    .map((l) => ({
      lensId: l.id,
      title: l.title,
      dots: totals.get(l.id)!.dots,
      voters: totals.get(l.id)!.voters,
      rank: 0,
      tied: false,
      chosen: chosenIds.has(l.id),
    }))
    .sort(
      (a, b) =>
        b.dots - a.dots || compareNames(a.title, b.title) || compareStrings(a.lensId, b.lensId),
    )
  const ties: TieGroup[] = []
  for (let i = 0; i < lensTallies.length;) {
    let j = i
    while (j < lensTallies.length && lensTallies[j]!.dots === lensTallies[i]!.dots) j++
    const group = lensTallies.slice(i, j)
    for (const l of group) {
      l.rank = i + 1
      l.tied = group.length > 1 && l.dots > 0
    }
    if (group.length > 1 && group[0]!.dots > 0)
      ties.push({ dots: group[0]!.dots, rank: i + 1, lensIds: group.map((l) => l.lensId) })
    i = j
  }

  const viewer = opts.viewer ?? null
  let mine: MyVote | null = null
  if (viewer !== null) {
    const v = voters.find((x) => x.personId === viewer)
    const dots = byVoter.get(viewer)
    const own = v ?? (dots ? countVoter(viewer, '', dots, settings) : undefined)
    mine = {
      personId: viewer,
      counted: own?.counted ?? 0,
      remaining: settings.dotsPerPerson - (own?.counted ?? 0),
      byLens: own?.byLens ?? {},
      dots: own?.dots ?? [],
      rejected: own?.rejected ?? [],
      abstained: !v && abstainedIds.has(viewer),
    }
  }

  const visible = opts.includeHidden === true || state === 'revealed' || !settings.hiddenUntilReveal
  return {
    state,
    settings,
    visible,
    eligible: people.size,
    voted: voters.length,
    abstained,
    notVoted,
    lenses: visible ? lensTallies : [],
    ties: visible ? ties : [],
    voters: visible ? voters : [],
    mine,
    // Hidden, the tally order would leak the standings: chosen lenses are then listed by id.
    chosen: visible
      ? lensTallies.filter((l) => l.chosen).map((l) => l.lensId)
      : [...chosenIds].sort(compareStrings),
  }
}
