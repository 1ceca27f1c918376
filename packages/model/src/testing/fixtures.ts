import * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import { initKickoff } from '../kickoff/kickoff.js'
import { joinBoard } from '../people/people.js'
import { seedSampleKickoff } from '../sample/seed.js'

/** Ready-made actors and boards for tests. */

export const FACILITATOR: Actor = { personId: 'ada-facilitator', role: 'facilitator' }
export const PARTICIPANT: Actor = { personId: 'bo-participant', role: 'participant' }
export const OTHER: Actor = { personId: 'cy-participant', role: 'participant' }
export const VIEWER: Actor = { personId: 'di-viewer', role: 'viewer' }

/** The sample kickoff's day one; tests pass it (or a later day) wherever a clock is needed. */
export const T0 = new Date('2026-11-21T10:00:00.000Z')

/** A new kickoff that the facilitator and two participants have joined. */
export function newKickoff(opts: { clientID?: number } = {}): Y.Doc {
  const doc = new Y.Doc()
  if (opts.clientID !== undefined) doc.clientID = opts.clientID
  initKickoff(doc, { title: 'Test kickoff', now: T0 })
  joinBoard(doc, FACILITATOR, { name: 'Ada' })
  joinBoard(doc, PARTICIPANT, { name: 'Bo' })
  joinBoard(doc, OTHER, { name: 'Cy' })
  return doc
}

/** The sample kickoff, created at T0. Its people act as participants: `as('maya-okafor')`. */
export function sampleKickoff(): Y.Doc {
  const doc = new Y.Doc()
  seedSampleKickoff(doc, { now: T0 })
  return doc
}

export function as(personId: string, role: Actor['role'] = 'participant'): Actor {
  return { personId, role }
}

/** A replica of `doc` (another client), with its own client id. */
export function replica(doc: Y.Doc, clientID?: number): Y.Doc {
  const copy = new Y.Doc()
  if (clientID !== undefined) copy.clientID = clientID
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/** Exchanges everything two replicas are missing from each other. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}
