import type * as Y from 'yjs'
import { z } from 'zod'
import { ROOT, SCHEMA_VERSION } from '../schema/keys.js'

export const TitleSchema = z
  .string()
  .trim()
  .min(1, 'title must not be empty')
  .max(200, 'title must be at most 200 characters')

function meta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.meta)
}

/** Writes the fields a new kickoff starts with. Call once, when the room is created. */
export function initKickoff(doc: Y.Doc, input: { title: string; now?: Date }): void {
  const title = TitleSchema.parse(input.title)
  doc.transact(() => {
    const m = meta(doc)
    m.set('schemaVersion', SCHEMA_VERSION)
    m.set('title', title)
    m.set('createdAt', (input.now ?? new Date()).toISOString())
  })
}

/** The kickoff title, or '' when the doc holds none or something that is not a string. */
export function getTitle(doc: Y.Doc): string {
  const t = meta(doc).get('title')
  return typeof t === 'string' ? t : ''
}

export function setTitle(doc: Y.Doc, title: string): void {
  const valid = TitleSchema.parse(title)
  meta(doc).set('title', valid)
}
