import {
  boardSnapshot,
  listRetroItems,
  OWNED_KEYS,
  retroBallot,
  retroTally,
  ROOT,
  type Actor,
} from '@kickoff/model'
import type { ViewSpec } from '$lib/board/views'

/**
 * The views the retro page renders besides the board's own (`$lib/board/views.ts`), with the
 * keys each reads: the views test checks them like the board's. Kept apart so the board's first
 * load does not carry them.
 */

const NO_ACTOR: Actor = { personId: 'nobody', role: 'viewer' }
const RETRO = [ROOT.retroItems, ROOT.retroDots, ROOT.retroVoting, ROOT.people, ROOT.teams] as const

function spec<T>(s: ViewSpec<T>): ViewSpec<T> {
  return s
}

export const RETRO_VIEWS = {
  /** Today's board, as a record holds it: what the diff compares with the record. */
  snapshot: spec({ name: 'snapshot', keys: OWNED_KEYS, read: (doc) => boardSnapshot(doc) }),
  retroItems: spec({
    name: 'retroItems',
    keys: [ROOT.retroItems, ROOT.people, ROOT.teams],
    read: (doc) => listRetroItems(doc),
  }),
  retroTally: spec({
    name: 'retroTally',
    keys: RETRO,
    read: (doc, { actor }) => retroTally(doc, { viewer: actor?.personId ?? null }),
  }),
  retroBallot: spec({
    name: 'retroBallot',
    keys: RETRO,
    read: (doc, { actor }) => retroBallot(doc, actor ?? NO_ACTOR),
  }),
}
