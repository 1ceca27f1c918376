import type * as Y from 'yjs'
import { parseActor, type Actor } from '../core/actor.js'
import { compareNames, compareStrings, sortByName } from '../core/compare.js'
import { isModelError, ModelError } from '../core/errors.js'
import { idSchema, newId } from '../core/ids.js'
import type { ProblemSink } from '../core/problems.js'
import { readCollection, readFields } from '../core/read.js'
import { parseInput, type WriteOptions } from '../core/write.js'
import { assertFacilitator } from '../facilitation/access.js'
import { countDots, moveVote, nextDotTime, rankByDots } from '../lenses/dotVote.js'
import type { Refusal } from '../lenses/ballot.js'
import { readPeople, type PersonRef, type PersonView } from '../people/people.js'
import {
  RETRO_VOTING_DEFAULTS,
  RetroDotSchema,
  RetroVotingFields,
  RetroVotingSettingsSchema,
  type RetroColumn,
  type RetroDot,
  type RetroVotingSettings,
  type VotingState,
} from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { assertRetroWriter, readRetroItems, retroRefusal, type RetroItemView } from './items.js'

/**
 * The retro's own dot-vote on its cards, with the lens vote's rules (lenses/dotVote.ts): a budget
 * per person and a cap per card, counted in placement order so racing devices are counted the
 * same everywhere (VOT-6); draft → open → closed → revealed (VOT-2); ties shared and reported,
 * never broken (VOT-9); hidden until the reveal when the facilitator asks for it (VOT-7).
 */

export interface RetroVotingView {
  state: VotingState
  /** Effective settings: the cap is read as the budget when concurrent edits put it above. */
  settings: RetroVotingSettings
}

export function readRetroVoting(doc: Y.Doc, problems?: ProblemSink): RetroVotingView {
  const f = readFields(doc, ROOT.retroVoting, RetroVotingFields, RETRO_VOTING_DEFAULTS, problems)
  let maxDotsPerItem = f.maxDotsPerItem
  if (maxDotsPerItem > f.dotsPerPerson) {
    problems?.push({
      key: ROOT.retroVoting,
      field: 'maxDotsPerItem',
      code: 'conflicting_settings',
      message: `the cap per card (${maxDotsPerItem}) is above the budget (${f.dotsPerPerson}); the budget is used`,
    })
    maxDotsPerItem = f.dotsPerPerson
  }
  return {
    state: f.state,
    settings: {
      dotsPerPerson: f.dotsPerPerson,
      maxDotsPerItem,
      hiddenUntilReveal: f.hiddenUntilReveal,
    },
  }
}

const SettingsPatchSchema = RetroVotingSettingsSchema.partial().strict()

/** Facilitators only, and not while the vote is open or revealed (VOT-1). */
export function setRetroVotingSettings(
  doc: Y.Doc,
  actor: Actor,
  patch: Partial<RetroVotingSettings>,
): void {
  assertFacilitator(actor, 'change the retro vote')
  const v = parseInput(SettingsPatchSchema, patch)
  const current = readRetroVoting(doc)
  if (current.state === 'open' || current.state === 'revealed')
    throw new ModelError(
      'wrong_state',
      `the retro vote's settings cannot change while it is ${current.state}`,
    )
  const next = { ...current.settings, ...v }
  if (next.maxDotsPerItem > next.dotsPerPerson)
    throw new ModelError(
      'invalid_input',
      `maxDotsPerItem (${next.maxDotsPerItem}) must not exceed dotsPerPerson (${next.dotsPerPerson})`,
      'maxDotsPerItem',
    )
  const map = doc.getMap(ROOT.retroVoting)
  doc.transact(() => {
    for (const [k, val] of Object.entries(v)) if (map.get(k) !== val) map.set(k, val)
  })
}

/** Opens the retro vote (from draft, or reopens it once closed). Needs at least one card. */
export function openRetroVoting(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'open the retro vote')
  if (readRetroItems(doc, readPeople(doc)).length === 0)
    throw new ModelError('wrong_state', 'add at least one retro card before opening the vote')
  moveVote(doc, ROOT.retroVoting, readRetroVoting(doc).state, 'open')
}

export function closeRetroVoting(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'close the retro vote')
  moveVote(doc, ROOT.retroVoting, readRetroVoting(doc).state, 'close')
}

export function revealRetroVoting(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'reveal the retro vote')
  moveVote(doc, ROOT.retroVoting, readRetroVoting(doc).state, 'reveal')
}

/** Back to draft: every dot on every card is removed (the cards stay). */
export function resetRetroVoting(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'reset the retro vote')
  doc.transact(() => {
    const dots = doc.getMap(ROOT.retroDots)
    for (const id of [...dots.keys()]) dots.delete(id)
    const voting = doc.getMap(ROOT.retroVoting)
    if (voting.get('state') !== undefined && voting.get('state') !== 'draft')
      voting.set('state', 'draft')
  })
}

// ── dots and the tally ───────────────────────────────────────────────────────────────────────

export interface RetroDotRef {
  id: string
  itemId: string
  voterId: string
  at: string
}

export interface RetroVoterTally {
  personId: string
  name: string
  placed: number
  counted: number
  byItem: Record<string, number>
  dots: RetroDotRef[]
  rejected: (RetroDotRef & { reason: 'over_budget' | 'over_cap' })[]
}

export interface RetroItemTally {
  itemId: string
  column: RetroColumn
  text: string
  dots: number
  voters: number
  rank: number
  tied: boolean
}

export interface RetroTally {
  state: VotingState
  settings: RetroVotingSettings
  /** Whether this view holds everyone's dots (revealed, not hidden, or includeHidden). */
  visible: boolean
  eligible: number
  voted: number
  notVoted: PersonRef[]
  /** Every card, most dots first, ranked (ties share a rank); empty while hidden. */
  items: RetroItemTally[]
  ties: { dots: number; rank: number; itemIds: string[] }[]
  voters: RetroVoterTally[]
  mine: {
    personId: string
    counted: number
    remaining: number
    byItem: Record<string, number>
  } | null
}

/** Valid dots on existing cards by people on the board, grouped by voter (others reported). */
function readRetroDots(
  doc: Y.Doc,
  items: ReadonlyMap<string, RetroItemView>,
  people: ReadonlyMap<string, PersonView>,
  problems?: ProblemSink,
): Map<string, RetroDotRef[]> {
  const byVoter = new Map<string, RetroDotRef[]>()
  for (const { id, value } of readCollection(
    doc,
    ROOT.retroDots,
    RetroDotSchema,
    'json',
    problems,
  )) {
    if (!items.has(value.itemId) || !people.has(value.voterId)) {
      problems?.push({
        key: ROOT.retroDots,
        id,
        code: 'dangling_reference',
        message: !items.has(value.itemId)
          ? `retro card ${value.itemId} does not exist; the dot does not count`
          : `voter ${value.voterId} is not on the board; the dot does not count`,
      })
      continue
    }
    const list = byVoter.get(value.voterId)
    const dot = { id, ...value }
    if (list) list.push(dot)
    else byVoter.set(value.voterId, [dot])
  }
  return byVoter
}

function countRetroVoter(
  personId: string,
  name: string,
  dots: RetroDotRef[],
  settings: RetroVotingSettings,
): RetroVoterTally {
  const c = countDots(dots, (d) => d.itemId, settings.dotsPerPerson, settings.maxDotsPerItem)
  return {
    personId,
    name,
    placed: dots.length,
    counted: c.counted.length,
    byItem: c.byTarget,
    dots: c.counted,
    rejected: c.rejected,
  }
}

/**
 * The retro vote as `viewer` may see it: before the reveal (when hidden) only their own dots and
 * the turnout; after it, or with `includeHidden` (the record), everything.
 */
export function retroTally(
  doc: Y.Doc,
  opts: { viewer?: string | null; includeHidden?: boolean } = {},
  problems?: ProblemSink,
): RetroTally {
  const { state, settings } = readRetroVoting(doc, problems)
  const people = readPeople(doc)
  const items = new Map(readRetroItems(doc, people, problems).map((i) => [i.id, i]))
  const voters: RetroVoterTally[] = []
  const totals = new Map<string, { dots: number; voters: number }>()
  for (const [personId, dots] of readRetroDots(doc, items, people, problems)) {
    const v = countRetroVoter(personId, people.get(personId)!.name, dots, settings)
    voters.push(v)
    for (const itemId in v.byItem) {
      const t = totals.get(itemId) ?? { dots: 0, voters: 0 }
      t.dots += v.byItem[itemId]!
      t.voters++
      totals.set(itemId, t)
    }
  }
  sortByName(
    voters,
    (v) => v.name,
    (v) => v.personId,
  )
  const votedIds = new Set(voters.filter((v) => v.counted > 0).map((v) => v.personId))
  const notVoted = sortByName(
    [...people.values()]
      .filter((p) => !votedIds.has(p.id))
      .map((p) => ({ id: p.id, name: p.name })),
    (p) => p.name,
    (p) => p.id,
  )
  const ranked: RetroItemTally[] = [...items.values()]
    .map((i) => ({
      itemId: i.id,
      column: i.column,
      text: i.text,
      dots: totals.get(i.id)?.dots ?? 0,
      voters: totals.get(i.id)?.voters ?? 0,
      rank: 0,
      tied: false,
    }))
    .sort(
      (a, b) =>
        b.dots - a.dots || compareNames(a.text, b.text) || compareStrings(a.itemId, b.itemId),
    )
  const ties = rankByDots(ranked).map((g) => ({
    dots: g.dots,
    rank: g.rank,
    itemIds: g.members.map((i) => i.itemId),
  }))
  const visible = opts.includeHidden === true || state === 'revealed' || !settings.hiddenUntilReveal
  const viewer = opts.viewer ?? null
  const own = viewer === null ? undefined : voters.find((v) => v.personId === viewer)
  return {
    state,
    settings,
    visible,
    eligible: people.size,
    voted: votedIds.size,
    notVoted,
    items: visible ? ranked : [],
    ties: visible ? ties : [],
    voters: visible ? voters : [],
    mine:
      viewer === null
        ? null
        : {
            personId: viewer,
            counted: own?.counted ?? 0,
            remaining: settings.dotsPerPerson - (own?.counted ?? 0),
            byItem: own?.byItem ?? {},
          },
  }
}

/** Why `actor` cannot place or take back retro dots now, or null (the lens vote's checks). */
function retroVoterRefusal(doc: Y.Doc, actor: Actor): ModelError | null {
  const refusal = retroRefusal(actor)
  if (refusal) return refusal
  const { state } = readRetroVoting(doc)
  if (state !== 'open') return new ModelError('wrong_state', `the retro vote is ${state}, not open`)
  if (!readPeople(doc).has(actor.personId))
    return new ModelError('not_found', `no person with id ${actor.personId}`, 'actor.personId')
  return null
}

function myRetroDots(doc: Y.Doc, personId: string): RetroVoterTally {
  const { settings } = readRetroVoting(doc)
  const people = readPeople(doc)
  const items = new Map(readRetroItems(doc, people).map((i) => [i.id, i]))
  const dots = readRetroDots(doc, items, people).get(personId) ?? []
  return countRetroVoter(personId, people.get(personId)?.name ?? '', dots, settings)
}

const ItemIdSchema = idSchema('itemId')

/** Places one of the actor's dots on a card: over_budget, over_cap, wrong_state as for lenses. */
export function castRetroDot(
  doc: Y.Doc,
  actor: Actor,
  itemId: string,
  opts: WriteOptions & { id?: string } = {},
): string {
  const a = assertRetroWriter(actor)
  const refusal = retroVoterRefusal(doc, a)
  if (refusal) throw refusal
  const item = parseInput(ItemIdSchema, itemId)
  const mine = myRetroDots(doc, a.personId)
  if (!readRetroItems(doc, readPeople(doc)).some((i) => i.id === item))
    throw new ModelError('not_found', `no retro card with id ${item}`, 'itemId')
  const { settings } = readRetroVoting(doc)
  if (mine.counted >= settings.dotsPerPerson)
    throw new ModelError(
      'over_budget',
      `you have placed all ${settings.dotsPerPerson} of your dots; take one back first`,
    )
  if ((mine.byItem[item] ?? 0) >= settings.maxDotsPerItem)
    throw new ModelError(
      'over_cap',
      `at most ${settings.maxDotsPerItem} dots per card; this card has ${mine.byItem[item]} of yours`,
    )
  const id = opts.id === undefined ? newId() : parseInput(idSchema('id'), opts.id)
  const map = doc.getMap(ROOT.retroDots)
  if (map.has(id)) throw new ModelError('duplicate', `a dot with id ${id} exists`)
  const dot: RetroDot = {
    itemId: item,
    voterId: a.personId,
    at: nextDotTime([...mine.dots, ...mine.rejected], opts.now),
  }
  doc.transact(() => {
    for (const d of mine.rejected) map.delete(d.id)
    map.set(id, dot)
  })
  return id
}

/** Takes back the actor's latest dot on a card (not_found when there is none). */
export function removeRetroDot(doc: Y.Doc, actor: Actor, itemId: string): void {
  const a = assertRetroWriter(actor)
  const refusal = retroVoterRefusal(doc, a)
  if (refusal) throw refusal
  const item = parseInput(ItemIdSchema, itemId)
  const mine = myRetroDots(doc, a.personId)
  const last = mine.dots.filter((d) => d.itemId === item).pop()
  if (!last) throw new ModelError('not_found', 'you have no dot on this card')
  const map = doc.getMap(ROOT.retroDots)
  doc.transact(() => {
    for (const d of mine.rejected) map.delete(d.id)
    map.delete(last.id)
  })
}

export interface RetroBallot {
  state: VotingState
  remaining: number
  /** Why the actor cannot vote at all now, or null. */
  refusal: Refusal | null
  /** Per card: what castRetroDot / removeRetroDot would do (the same checks). */
  items: Record<
    string,
    { mine: number; canAdd: boolean; addRefusal: Refusal | null; canRemove: boolean }
  >
}

/** What the actor's retro voting controls may do now: exactly what the writes would accept. */
export function retroBallot(doc: Y.Doc, actor: Actor): RetroBallot {
  let refusal: Refusal | null = null
  let personId = ''
  try {
    const a = parseActor(actor)
    personId = a.personId
    const r = retroVoterRefusal(doc, a)
    if (r) refusal = { code: r.code, message: r.message }
  } catch (e) {
    if (!isModelError(e)) throw e
    refusal = { code: e.code, message: e.message }
  }
  const { state, settings } = readRetroVoting(doc)
  const mine = personId ? myRetroDots(doc, personId) : null
  const counted = mine?.counted ?? 0
  const items: RetroBallot['items'] = {}
  for (const i of readRetroItems(doc, readPeople(doc))) {
    const n = mine?.byItem[i.id] ?? 0
    const addRefusal: Refusal | null =
      refusal ??
      (counted >= settings.dotsPerPerson
        ? {
            code: 'over_budget',
            message: `you have placed all ${settings.dotsPerPerson} of your dots; take one back first`,
          }
        : n >= settings.maxDotsPerItem
          ? {
              code: 'over_cap',
              message: `at most ${settings.maxDotsPerItem} dots per card; this card has ${n} of yours`,
            }
          : null)
    items[i.id] = { mine: n, canAdd: addRefusal === null, addRefusal, canRemove: !refusal && n > 0 }
  }
  return { state, remaining: settings.dotsPerPerson - counted, refusal, items }
}
