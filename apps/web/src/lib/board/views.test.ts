import {
  applyRandomOp,
  createRng,
  FACILITATOR,
  newKickoff,
  OTHER,
  PARTICIPANT,
  T0,
  VIEWER,
} from '@kickoff/model/testing'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { VIEWS, type ViewContext } from './views'

/** The top-level key a (possibly nested) Yjs type lives under. */
function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  let t = type
  while (t._item) t = t._item.parent as Y.AbstractType<unknown>
  for (const [name, shared] of doc.share) if (shared === t) return name
  return null
}

const contexts: ViewContext[] = [FACILITATOR, PARTICIPANT, VIEWER, null].map((actor) => ({
  actor,
  now: T0,
}))

describe('board views', () => {
  it('read only the keys they declare: every change to a view comes with a change to one of its keys', () => {
    const specs = Object.values(VIEWS)
    const changedViews = new Set<string>()
    for (const seed of [11, 12, 13]) {
      const rng = createRng(seed)
      const doc = newKickoff()
      let changed = new Set<string>()
      doc.on('afterTransaction', (tr: Y.Transaction) => {
        for (const type of tr.changed.keys()) {
          const name = rootName(doc, type as Y.AbstractType<unknown>)
          if (name) changed.add(name)
        }
      })
      const snapshot = () =>
        specs.map((s) => contexts.map((ctx) => JSON.stringify(s.read(doc, ctx))))
      let before = snapshot()
      for (let step = 0; step < 250; step++) {
        changed = new Set()
        applyRandomOp(doc, rng, {
          actors: [FACILITATOR, PARTICIPANT, OTHER, VIEWER],
          now: new Date(T0.getTime() + step * 60_000),
          invalidRate: 0.05,
          garbageRate: 0.05,
        })
        const after = snapshot()
        specs.forEach((s, i) => {
          if (after[i]!.join() === before[i]!.join()) return
          changedViews.add(s.name)
          expect(
            s.keys.some((k) => changed.has(k)),
            `${s.name} changed after a transaction that touched only ${[...changed].join(', ')} (seed ${seed}, step ${step})`,
          ).toBe(true)
        })
        before = after
      }
    }
    // Every view changed at some point, so each was really put to the test.
    expect([...changedViews].sort()).toEqual(specs.map((s) => s.name).sort())
  }, 60_000)
})
