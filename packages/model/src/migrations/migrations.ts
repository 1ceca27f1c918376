import type * as Y from 'yjs'
import { ModelError } from '../core/errors.js'
import {
  KICKOFF_SETTINGS_DEFAULTS,
  VOTING_DEFAULTS,
  type Timer,
  type Phase,
} from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'

/**
 * Schema migrations: an ordered list of named steps. A doc at version N has had the first N steps
 * applied; SCHEMA_VERSION is the length of the list, so adding a step is the only way to bump it.
 * Never edit or reorder a released step: old rooms in storage were written by it. Each step is
 * tested against a frozen fixture of the shape before it (test/fixtures/).
 *
 * Who runs them: the server, when it loads a room and before it syncs with anyone (and
 * initKickoff, for new rooms). Not clients: a migration writes, and a client writing defaults
 * into a doc it has not fully received could overwrite a setting someone changed meanwhile.
 */
export interface Migration {
  /** Stable name, e.g. "002-kickoff-sections"; the number is the version it produces. */
  id: string
  /** Why the step exists, for people reading the list. */
  why: string
  up(doc: Y.Doc): void
}

/** Sets a field only where it is missing: a migration fills in, it never overwrites. */
function fill(map: Y.Map<unknown>, field: string, value: unknown): void {
  if (!map.has(field)) map.set(field, value)
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-meta-and-purpose',
    why: 'The walking skeleton: meta (schemaVersion, title, createdAt) and the purpose statement. Nothing to write: initKickoff sets title and createdAt.',
    up: () => {},
  },
  {
    id: '002-kickoff-sections',
    why: 'Adds facilitation, facilitator settings, the close, and lenses with dot-voting. Writes their defaults so every v2 doc states them explicitly; the collections (teams, risks…) start empty and need nothing.',
    up: (doc) => {
      const meta = doc.getMap(ROOT.meta)
      fill(meta, 'closedAt', null)
      fill(meta, 'closedBy', null)
      for (const [k, v] of Object.entries(KICKOFF_SETTINGS_DEFAULTS)) fill(meta, k, v)
      const facilitation = doc.getMap(ROOT.facilitation)
      fill(facilitation, 'phase', 'welcome' satisfies Phase)
      const timer: Timer = {
        state: 'idle',
        durationMs: KICKOFF_SETTINGS_DEFAULTS.timerDefaultSeconds * 1000,
      }
      fill(facilitation, 'timer', timer)
      fill(facilitation, 'spotlight', null)
      const voting = doc.getMap(ROOT.voting)
      for (const [k, v] of Object.entries(VOTING_DEFAULTS)) fill(voting, k, v)
    },
  },
]

/** The version this code writes: one per migration step. */
export const SCHEMA_VERSION = MIGRATIONS.length

/**
 * The version stored in the doc: 0 when there is none (a new doc). A value that is not a whole
 * number ≥ 1 also reads as 0, so migrating repairs it (every step only fills in what is missing).
 */
export function schemaVersionOf(doc: Y.Doc): number {
  const v = doc.getMap(ROOT.meta).get('schemaVersion')
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 0
}

export interface MigrationResult {
  from: number
  to: number
  /** The ids of the steps applied, in order; empty when the doc was current. */
  applied: string[]
}

/**
 * Brings the doc to SCHEMA_VERSION in one transaction. Refuses (newer_schema) a doc written by a
 * newer version: this code cannot know what its steps changed. Reads still work on such a doc as
 * far as they can, leaving out what they do not understand.
 */
export function migrate(doc: Y.Doc): MigrationResult {
  const from = schemaVersionOf(doc)
  if (from > SCHEMA_VERSION)
    throw new ModelError(
      'newer_schema',
      `this board was written by a newer version of Kickoff Board (schema ${from}; this one knows up to ${SCHEMA_VERSION}): update to open it`,
    )
  const steps = MIGRATIONS.slice(from)
  if (steps.length === 0) return { from, to: from, applied: [] }
  doc.transact(() => {
    for (const step of steps) step.up(doc)
    doc.getMap(ROOT.meta).set('schemaVersion', SCHEMA_VERSION)
  })
  return { from, to: SCHEMA_VERSION, applied: steps.map((s) => s.id) }
}

export function needsMigration(doc: Y.Doc): boolean {
  return schemaVersionOf(doc) < SCHEMA_VERSION
}
