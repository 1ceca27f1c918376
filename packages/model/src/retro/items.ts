import type * as Y from 'yjs'
import { z } from 'zod'
import { parseActor, type Actor } from '../core/actor.js'
import { compareStrings } from '../core/compare.js'
import { ModelError } from '../core/errors.js'
import type { ProblemSink } from '../core/problems.js'
import { readCollection, readEntry } from '../core/read.js'
import {
  claimId,
  entryMap,
  isoNow,
  newEntry,
  nextOrder,
  parseInput,
  patchEntry,
  type WriteOptions,
} from '../core/write.js'
import { assertPerson, readPeople, type PersonView } from '../people/people.js'
import { LIMITS, RETRO_COLUMNS, RetroItemSchema, type RetroColumn } from '../schema/entries.js'
import { oneOf, requiredText } from '../schema/fields.js'
import { ROOT } from '../schema/keys.js'
import { readRetroVoting } from './voting.js'

/**
 * Retro cards, in three columns: what worked, what caused friction, what to change next cycle.
 * The retro happens after the kickoff closed, so the close does not refuse these writes (RET-1);
 * viewers still write nothing. Like lens candidates, cards are added and removed only before the
 * retro's vote opens (a card with dots on it stays put); anyone may add one, its author or a
 * facilitator edits or removes it.
 */

export interface RetroItemView {
  id: string
  column: RetroColumn
  text: string
  authorId: string
  /** The author's name, or '' when they are no longer on the board. */
  authorName: string
  at: string
  order: number
}

/** Why `actor` may not write to the retro now, or null (viewers never may). */
export function retroRefusal(actor: Actor): ModelError | null {
  return actor.role === 'viewer'
    ? new ModelError('forbidden', 'viewers cannot change the retro')
    : null
}

export function assertRetroWriter(actor: unknown): Actor {
  const a = parseActor(actor)
  const refusal = retroRefusal(a)
  if (refusal) throw refusal
  return a
}

/** Valid cards, each with its author's name. */
export function readRetroItems(
  doc: Y.Doc,
  people: ReadonlyMap<string, PersonView>,
  problems?: ProblemSink,
): RetroItemView[] {
  return readCollection(doc, ROOT.retroItems, RetroItemSchema, 'ymap', problems).map(
    ({ id, value }) => {
      const author = people.get(value.authorId)
      if (!author)
        problems?.push({
          key: ROOT.retroItems,
          id,
          field: 'authorId',
          code: 'dangling_reference',
          message: `author ${value.authorId} is not on the board; shown without a name`,
        })
      return { id, ...value, authorName: author?.name ?? '' }
    },
  )
}

/** The board's order: by column, then the order given, then when written, then id. */
export function compareRetroItems(a: RetroItemView, b: RetroItemView): number {
  return (
    RETRO_COLUMNS.indexOf(a.column) - RETRO_COLUMNS.indexOf(b.column) ||
    a.order - b.order ||
    compareStrings(a.at, b.at) ||
    compareStrings(a.id, b.id)
  )
}

/** Every card, column by column, in board order. */
export function listRetroItems(doc: Y.Doc, problems?: ProblemSink): RetroItemView[] {
  return readRetroItems(doc, readPeople(doc, problems), problems).sort(compareRetroItems)
}

const TextSchema = requiredText('text', LIMITS.card)
const ColumnSchema = oneOf('column', RETRO_COLUMNS)
const AddSchema = z.object({ column: ColumnSchema, text: TextSchema, id: z.unknown().optional() })
const UpdateSchema = z.strictObject({
  text: TextSchema.optional(),
  column: ColumnSchema.optional(),
  order: z.number({ error: 'order must be a number' }).finite().optional(),
})

function assertCardsOpen(doc: Y.Doc, what: string): void {
  const { state } = readRetroVoting(doc)
  if (state !== 'draft')
    throw new ModelError('wrong_state', `retro cards can be ${what} only before the vote opens`)
}

/** Adds a card by the actor (who must be on the board) to a column. Returns its id. */
export function addRetroItem(
  doc: Y.Doc,
  actor: Actor,
  input: { column: RetroColumn; text: string; id?: string },
  opts: WriteOptions = {},
): string {
  const a = assertRetroWriter(actor)
  const v = parseInput(AddSchema, input)
  assertPerson(doc, a.personId, 'actor.personId')
  assertCardsOpen(doc, 'added')
  const id = claimId(doc, ROOT.retroItems, v.id, 'retro card')
  doc.getMap(ROOT.retroItems).set(
    id,
    newEntry({
      column: v.column,
      text: v.text,
      authorId: a.personId,
      at: isoNow(opts.now),
      order: nextOrder(doc, ROOT.retroItems),
    }),
  )
  return id
}

function itemFor(doc: Y.Doc, actor: Actor, id: string, what: string) {
  const item = readEntry(doc, ROOT.retroItems, RetroItemSchema, 'ymap', id)
  if (!item) throw new ModelError('not_found', `no retro card with id ${id}`)
  if (actor.role !== 'facilitator' && item.authorId !== actor.personId)
    throw new ModelError('forbidden', `only its author or a facilitator can ${what} a retro card`)
  return item
}

/** Rewords, moves or reorders a card: its author or a facilitator, at any time. */
export function updateRetroItem(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  patch: { text?: string; column?: RetroColumn; order?: number },
): void {
  const a = assertRetroWriter(actor)
  const v = parseInput(UpdateSchema, patch)
  itemFor(doc, a, id, 'edit')
  patchEntry(entryMap(doc, ROOT.retroItems, id, 'retro card'), v)
}

/** Removes a card (and any dots on it): its author or a facilitator, before the vote opens. */
export function removeRetroItem(doc: Y.Doc, actor: Actor, id: string): void {
  const a = assertRetroWriter(actor)
  itemFor(doc, a, id, 'remove')
  assertCardsOpen(doc, 'removed')
  const dots = doc.getMap(ROOT.retroDots)
  const doomed: string[] = []
  dots.forEach((d, dotId) => {
    if (d && typeof d === 'object' && (d as { itemId?: unknown }).itemId === id) doomed.push(dotId)
  })
  doc.transact(() => {
    doc.getMap(ROOT.retroItems).delete(id)
    for (const dotId of doomed) dots.delete(dotId)
  })
}
