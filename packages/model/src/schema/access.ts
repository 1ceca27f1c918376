import type { Section } from './entries.js'
import { ROOT, type RootKey } from './keys.js'

/**
 * Who writes each top-level key (docs/architecture.md#authority). The rule: **content is a CRDT,
 * acts are commands the server checks.**
 * - `content`: co-edited through Yjs, offline too, by every writer the section's rules allow
 *   (`section`: the lock that freezes it; none for the canvas). The server refuses the part of an
 *   update that writes content a lock, a closed board or an owner rule forbids.
 * - `act`: written only by the server, as the result of a command it checked (role, person,
 *   state) with the model's own rules. Any client's direct write to an act key is refused.
 * `owner`: entries carry the person who may change them (besides a facilitator), in this field.
 * `part: 'retro'` keys stay writable after the kickoff is closed (the retro happens then).
 *
 * A new key must say which it is: the table is typed over every RootKey.
 */
export type KeyAccess =
  { write: 'act' } | { write: 'content'; section: Section | null; owner?: string; part?: 'retro' }

export const KEY_ACCESS = {
  [ROOT.meta]: { write: 'act' },
  [ROOT.facilitation]: { write: 'act' },
  [ROOT.purposeStatement]: { write: 'content', section: 'purpose' },
  [ROOT.purposeWhy]: { write: 'content', section: 'purpose' },
  [ROOT.purposeMeasures]: { write: 'content', section: 'purpose' },
  [ROOT.purposeConfirmations]: { write: 'act' },
  [ROOT.people]: { write: 'act' },
  [ROOT.lenses]: { write: 'content', section: 'lenses' },
  [ROOT.voting]: { write: 'act' },
  [ROOT.dots]: { write: 'act' },
  [ROOT.abstentions]: { write: 'act' },
  [ROOT.chosenLenses]: { write: 'act' },
  [ROOT.teams]: { write: 'content', section: 'teams' },
  [ROOT.members]: { write: 'content', section: 'teams' },
  [ROOT.milestones]: { write: 'content', section: 'milestones' },
  [ROOT.dependencies]: { write: 'content', section: 'dependencies' },
  [ROOT.risks]: { write: 'content', section: 'risks' },
  [ROOT.canvas]: { write: 'content', section: null },
  [ROOT.retroItems]: { write: 'content', section: null, owner: 'authorId', part: 'retro' },
  [ROOT.retroDots]: { write: 'act' },
  [ROOT.retroVoting]: { write: 'act' },
} as const satisfies Record<RootKey, KeyAccess>

/** Keys only the server writes (acts' results). */
export const ACT_KEYS = (Object.keys(KEY_ACCESS) as RootKey[]).filter(
  (k) => KEY_ACCESS[k].write === 'act',
)

/** Keys clients co-edit. */
export const CONTENT_KEYS = (Object.keys(KEY_ACCESS) as RootKey[]).filter(
  (k) => KEY_ACCESS[k].write === 'content',
)
