import type * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import type { ProblemSink } from '../core/problems.js'
import { readFields } from '../core/read.js'
import { isoNow, parseInput, type WriteOptions } from '../core/write.js'
import { assertFacilitator } from '../facilitation/access.js'
import { migrate } from '../migrations/migrations.js'
import {
  KICKOFF_SETTINGS_DEFAULTS,
  KickoffSettingsSchema,
  MetaFields,
  TitleSchema,
  type KickoffSettings,
} from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'

export { TitleSchema }

function meta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta)
}

/**
 * Writes a new kickoff at the current schema version. Call once, when the room is created (the
 * server does); everything else starts empty or at its default.
 */
export function initKickoff(doc: Y.Doc, input: { title: string; now?: Date }): void {
  const title = parseInput(TitleSchema, input.title)
  doc.transact(() => {
    const m = meta(doc)
    m.set('title', title)
    m.set('createdAt', isoNow(input.now))
    migrate(doc)
  })
}

/** The kickoff title, or '' when the doc holds none or something that is not a valid title. */
export function getTitle(doc: Y.Doc): string {
  const r = TitleSchema.safeParse(meta(doc).get('title'))
  return r.success ? r.data : ''
}

/**
 * Renames the kickoff. With an actor, only a facilitator may; the two-argument form is for the
 * server (room creation, import), which has already checked who is asking.
 */
export function setTitle(doc: Y.Doc, title: string): void
export function setTitle(doc: Y.Doc, actor: Actor, title: string): void
export function setTitle(doc: Y.Doc, a: Actor | string, b?: string): void {
  if (typeof a !== 'string') assertFacilitator(a, 'rename the kickoff')
  const valid = parseInput(TitleSchema, typeof a === 'string' ? a : b)
  if (meta(doc).get('title') !== valid) meta(doc).set('title', valid)
}

export interface KickoffInfo {
  title: string
  schemaVersion: number
  createdAt: string | null
  closedAt: string | null
  closedBy: string | null
  closed: boolean
  settings: KickoffSettings
}

export function kickoffInfo(doc: Y.Doc, problems?: ProblemSink): KickoffInfo {
  const f = readFields(
    doc,
    ROOT.meta,
    MetaFields,
    {
      schemaVersion: 0,
      title: '',
      createdAt: null,
      closedAt: null,
      closedBy: null,
      ...KICKOFF_SETTINGS_DEFAULTS,
    },
    problems,
  )
  return {
    title: f.title,
    schemaVersion: f.schemaVersion,
    createdAt: f.createdAt,
    closedAt: f.closedAt,
    closedBy: f.closedAt === null ? null : f.closedBy,
    closed: f.closedAt !== null,
    settings: {
      timerDefaultSeconds: f.timerDefaultSeconds,
      followSpotlight: f.followSpotlight,
      retroAfterDays: f.retroAfterDays,
    },
  }
}

const SettingsPatchSchema = KickoffSettingsSchema.partial().strict()

/** Facilitator settings; fields not in the patch are left as they are. */
export function setKickoffSettings(
  doc: Y.Doc,
  actor: Actor,
  patch: Partial<KickoffSettings>,
): void {
  assertFacilitator(actor, 'change the kickoff settings')
  const valid = parseInput(SettingsPatchSchema, patch)
  doc.transact(() => {
    for (const [k, v] of Object.entries(valid)) if (meta(doc).get(k) !== v) meta(doc).set(k, v)
  })
}

/**
 * Closes the kickoff: from now on only facilitators can change the board (the record is built
 * from it). Closing twice keeps the first close.
 */
export function closeKickoff(doc: Y.Doc, actor: Actor, opts: WriteOptions = {}): void {
  const a = assertFacilitator(actor, 'close the kickoff')
  if (kickoffInfo(doc).closed) return
  doc.transact(() => {
    meta(doc).set('closedAt', isoNow(opts.now))
    meta(doc).set('closedBy', a.personId)
  })
}

/** Reopens a closed kickoff (for the retro, or to fix something before the record). */
export function reopenKickoff(doc: Y.Doc, actor: Actor): void {
  assertFacilitator(actor, 'reopen the kickoff')
  if (!kickoffInfo(doc).closed) return
  doc.transact(() => {
    meta(doc).set('closedAt', null)
    meta(doc).set('closedBy', null)
  })
}
