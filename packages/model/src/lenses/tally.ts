import * as Y from 'yjs'
import { compareNames, compareStrings, sortByName } from '../core/compare.js'
import { ID_PATTERN } from '../core/ids.js'
import type { ProblemSink } from '../core/problems.js'
import { memo, readCollection, scanCollection } from '../core/read.js'
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
import { countDots, rankByDots } from './dotVote.js'
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

/**
 * A dot entry is an immutable JSON value and Yjs returns the same object on every read, so each is
 * validated once and its DotRef kept against the object: re-tallying after one new dot then costs
 * a lookup per dot. (null: the value is not a valid dot.)
 */
const dotRefs = new WeakMap<object, DotRef | null>()

function dotRef(id: string, raw: unknown): DotRef | null {
  if (raw === null || typeof raw !== 'object' || raw instanceof Y.AbstractType) return null
  const hit = dotRefs.get(raw)
  if (hit !== undefined && (hit === null || hit.id === id)) return hit
  const r = DotSchema.safeParse(raw)
  const ref =
    r.success && ID_PATTERN.test(id)
      ? Object.freeze({ id, lensId: r.data.lensId, voterId: r.data.voterId, at: r.data.at })
      : null
  dotRefs.set(raw, ref)
  return ref
}

/**
 * Every valid dot grouped by voter, kept up to date from each transaction's changed keys: after
 * one dot is placed, only that key is read again and only its voter's list is replaced (so an
 * unchanged voter's list keeps its identity, which the per-voter memo relies on). References to
 * lenses and people are not checked here: the tally does that.
 */
interface DotIndex {
  byId: Map<string, DotRef>
  byVoter: Map<string, readonly DotRef[]>
  /** Keys changed since the last read; null until the first full scan. */
  dirty: Set<string> | null
}

const dotIndexes = new WeakMap<Y.Doc, DotIndex>()

function dotIndex(doc: Y.Doc): DotIndex {
  const map = doc.getMap(ROOT.dots)
  let idx = dotIndexes.get(doc)
  if (!idx) {
    const created: DotIndex = { byId: new Map(), byVoter: new Map(), dirty: null }
    doc.on('beforeObserverCalls', (tr: Y.Transaction) => {
      if (!created.dirty) return
      for (const [type, keys] of tr.changed)
        if ((type as unknown) === map) for (const k of keys) if (k !== null) created.dirty.add(k)
    })
    dotIndexes.set(doc, (idx = created))
  }
  if (idx.dirty === null || doc._transaction) {
    // First read, or inside a transaction (its changes are not listed yet): scan everything.
    const fresh: DotIndex = { byId: new Map(), byVoter: new Map(), dirty: new Set() }
    const groups = new Map<string, DotRef[]>()
    map.forEach((raw, id) => {
      const dot = dotRef(id, raw)
      if (!dot) return
      fresh.byId.set(id, dot)
      const list = groups.get(dot.voterId)
      if (list) list.push(dot)
      else groups.set(dot.voterId, [dot])
    })
    fresh.byVoter = groups
    if (doc._transaction) return fresh
    idx.byId = fresh.byId
    idx.byVoter = fresh.byVoter
    idx.dirty = new Set()
    return idx
  }
  for (const id of idx.dirty) {
    const before = idx.byId.get(id)
    const raw = map.get(id)
    const after = raw === undefined ? null : dotRef(id, raw)
    if (before === after) continue
    if (before) {
      idx.byId.delete(id)
      const rest = idx.byVoter.get(before.voterId)!.filter((d) => d !== before)
      if (rest.length) idx.byVoter.set(before.voterId, rest)
      else idx.byVoter.delete(before.voterId)
    }
    if (after) {
      idx.byId.set(id, after)
      idx.byVoter.set(after.voterId, [...(idx.byVoter.get(after.voterId) ?? []), after])
    }
  }
  idx.dirty.clear()
  return idx
}

/** Valid dots on existing lenses by people on the board, grouped by voter. */
export function readDotsByVoter(
  doc: Y.Doc,
  lenses: ReadonlyMap<string, LensView>,
  people: ReadonlyMap<string, PersonView>,
  problems?: ProblemSink,
): Map<string, DotRef[]> {
  const byVoter = new Map<string, DotRef[]>()
  const add = (dot: DotRef) => {
    if (!lenses.has(dot.lensId) || !people.has(dot.voterId)) {
      problems?.push({
        key: ROOT.dots,
        id: dot.id,
        code: 'dangling_reference',
        message: !lenses.has(dot.lensId)
          ? `lens ${dot.lensId} does not exist; the dot does not count`
          : `voter ${dot.voterId} is not on the board; the dot does not count`,
      })
      return
    }
    const list = byVoter.get(dot.voterId)
    if (list) list.push(dot)
    else byVoter.set(dot.voterId, [dot])
  }
  if (problems) {
    // The reporting path: problems() wants to know why each invalid entry is left out.
    scanCollection(
      doc,
      ROOT.dots,
      DotSchema,
      'json',
      (id, v) => add({ id, lensId: v.lensId, voterId: v.voterId, at: v.at }),
      problems,
    )
  } else {
    for (const dots of dotIndex(doc).byVoter.values()) for (const dot of dots) add(dot)
  }
  return byVoter
}

/** Applies the budget and the cap to one voter's dots (the shared rule, dotVote.ts). */
export function countVoter(
  personId: string,
  name: string,
  dots: DotRef[],
  settings: Pick<VotingSettings, 'dotsPerPerson' | 'maxDotsPerLens'>,
): VoterTally {
  const c = countDots(dots, (d) => d.lensId, settings.dotsPerPerson, settings.maxDotsPerLens)
  return {
    personId,
    name,
    placed: dots.length,
    counted: c.counted.length,
    byLens: c.byTarget,
    dots: c.counted,
    rejected: c.rejected,
    overBudget: c.overBudget,
    overCap: c.overCap,
  }
}

interface VoterMemo {
  dots: readonly DotRef[]
  settings: VotingSettings
  lenses: ReadonlyMap<string, LensView>
  name: string
  result: VoterTally
}

/**
 * Per doc, each voter's last count with its inputs: after one dot changes, only that voter is
 * counted again. Inputs are compared by identity (DotRefs are cached per entry, and the settings
 * object per voting change), so a hit means the same inputs.
 */
const voterMemos = new WeakMap<Y.Doc, Map<string, VoterMemo>>()

function countVoterMemo(
  doc: Y.Doc,
  personId: string,
  name: string,
  dots: readonly DotRef[],
  settings: VotingSettings,
  lenses: ReadonlyMap<string, LensView>,
): VoterTally {
  let memos = voterMemos.get(doc)
  if (!memos) voterMemos.set(doc, (memos = new Map()))
  const hit = memos.get(personId)
  if (
    hit &&
    hit.dots === dots &&
    hit.settings === settings &&
    hit.lenses === lenses &&
    hit.name === name
  )
    return hit.result
  // Dots on a lens that is gone do not count (problems() reports them).
  const valid = dots.filter((d) => lenses.has(d.lensId))
  const result = freezeVoter(countVoter(personId, name, valid, settings))
  memos.set(personId, { dots, settings, lenses, name, result })
  return result
}

function freezeVoter(v: VoterTally): VoterTally {
  Object.freeze(v.byLens)
  Object.freeze(v.dots)
  Object.freeze(v.rejected)
  Object.freeze(v.overCap)
  return Object.freeze(v)
}

/** Everything in the tally that does not depend on who is looking. */
interface TallyCore {
  state: VotingState
  settings: VotingSettings
  eligible: number
  voters: VoterTally[]
  votersById: Map<string, VoterTally>
  abstainedIds: Set<string>
  abstained: PersonRef[]
  notVoted: PersonRef[]
  lensTallies: LensTally[]
  ties: TieGroup[]
  chosenIds: string[]
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

function tallyCore(doc: Y.Doc): TallyCore {
  const { state, settings } = readVoting(doc)
  const people = readPeople(doc)
  const lenses = readLensMap(doc)
  const byVoter = dotIndex(doc).byVoter

  const chosenIds: string[] = []
  for (const { id } of readCollection(doc, ROOT.chosenLenses, ChosenLensSchema, 'json'))
    if (lenses.has(id)) chosenIds.push(id)
  const abstainedIds = new Set<string>()
  scanCollection(doc, ROOT.abstentions, AbstentionSchema, 'json', (id) => {
    if (people.has(id)) abstainedIds.add(id)
  })

  const totals = new Map<string, { dots: number; voters: number }>()
  for (const id of lenses.keys()) totals.set(id, { dots: 0, voters: 0 })
  const voters: VoterTally[] = []
  const votersById = new Map<string, VoterTally>()
  for (const [personId, dots] of byVoter) {
    const person = people.get(personId)
    if (!person) continue // not on the board: the dots do not count (problems() reports them)
    const v = countVoterMemo(doc, personId, person.name, dots, settings, lenses)
    if (v.placed === 0) continue
    voters.push(v)
    votersById.set(personId, v)
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

  // A person with counted dots has voted, even if an abstention from another device raced them.
  const abstained: PersonRef[] = []
  const notVoted: PersonRef[] = []
  for (const p of people.values()) {
    if (votersById.has(p.id)) continue
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

  const chosen = new Set(chosenIds)
  const lensTallies: LensTally[] = [...lenses.values()]
    .map((l) => ({
      lensId: l.id,
      title: l.title,
      dots: totals.get(l.id)!.dots,
      voters: totals.get(l.id)!.voters,
      rank: 0,
      tied: false,
      chosen: chosen.has(l.id),
    }))
    .sort(
      (a, b) =>
        b.dots - a.dots || compareNames(a.title, b.title) || compareStrings(a.lensId, b.lensId),
    )
  const ties: TieGroup[] = rankByDots(lensTallies).map((g) =>
    Object.freeze({ dots: g.dots, rank: g.rank, lensIds: g.members.map((l) => l.lensId) }),
  )
  for (const l of lensTallies) Object.freeze(l)
  return {
    state,
    settings,
    eligible: people.size,
    voters: Object.freeze(voters) as VoterTally[],
    votersById,
    abstainedIds,
    abstained: Object.freeze(abstained) as PersonRef[],
    notVoted: Object.freeze(notVoted) as PersonRef[],
    lensTallies: Object.freeze(lensTallies) as LensTally[],
    ties: Object.freeze(ties) as TieGroup[],
    chosenIds,
  }
}

/**
 * The tally as `opts.viewer` may see it. The parts that do not depend on the viewer are computed
 * once per change of the vote's inputs and shared between calls (frozen: read them, never change
 * them); after one dot changes, only its voter is counted again.
 */
export function tally(doc: Y.Doc, opts: TallyOptions = {}): Tally {
  const core = memo(doc, 'tally', TALLY_KEYS, () => tallyCore(doc))
  const { state, settings, voters, lensTallies } = core
  const viewer = opts.viewer ?? null
  let mine: MyVote | null = null
  if (viewer !== null) {
    const own = core.votersById.get(viewer)
    mine = {
      personId: viewer,
      counted: own?.counted ?? 0,
      remaining: settings.dotsPerPerson - (own?.counted ?? 0),
      byLens: own?.byLens ?? {},
      dots: own?.dots ?? [],
      rejected: own?.rejected ?? [],
      abstained: !own && core.abstainedIds.has(viewer),
    }
  }
  const visible = opts.includeHidden === true || state === 'revealed' || !settings.hiddenUntilReveal
  return {
    state,
    settings,
    visible,
    eligible: core.eligible,
    voted: voters.length,
    abstained: core.abstained,
    notVoted: core.notVoted,
    lenses: visible ? lensTallies : [],
    ties: visible ? core.ties : [],
    voters: visible ? voters : [],
    mine,
    // Hidden, the tally order would leak the standings: chosen lenses are then listed by id.
    chosen: visible
      ? lensTallies.filter((l) => l.chosen).map((l) => l.lensId)
      : [...core.chosenIds].sort(compareStrings),
  }
}
