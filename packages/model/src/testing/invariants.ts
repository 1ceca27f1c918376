import * as Y from 'yjs'
import { dependencyChecks } from '../dependencies/checks.js'
import { exportKickoff } from '../io/export.js'
import { boardSnapshot } from '../io/snapshot.js'
import { tally } from '../lenses/tally.js'
import { problems } from '../problems/problems.js'
import { readiness } from '../readiness/readiness.js'
import { listRetroItems } from '../retro/items.js'
import { retroBallot, retroTally } from '../retro/voting.js'
import { riskRanking } from '../risks/ranking.js'
import { LAYOUT } from '../schema/layout.js'
import type { RootKey } from '../schema/keys.js'

/**
 * What every replica must satisfy, as functions that throw with a readable message: the property
 * tests call them after every step, the chaos harness after every round.
 */

/** No voter is credited with more than the budget, and no lens with more than the cap per voter. */
export function checkTallyInvariants(doc: Y.Doc): void {
  const t = tally(doc, { includeHidden: true })
  let credited = 0
  for (const v of t.voters) {
    if (v.counted > t.settings.dotsPerPerson)
      throw new Error(
        `${v.personId} credited ${v.counted} dots, budget ${t.settings.dotsPerPerson}`,
      )
    for (const [lens, n] of Object.entries(v.byLens)) {
      if (n > t.settings.maxDotsPerLens)
        throw new Error(
          `${v.personId} credited ${n} dots on ${lens}, cap ${t.settings.maxDotsPerLens}`,
        )
      credited += n
    }
    if (v.counted + v.rejected.length !== v.placed)
      throw new Error(`${v.personId}: counted + rejected ≠ placed`)
  }
  const total = t.lenses.reduce((s, l) => s + l.dots, 0)
  if (total !== credited) throw new Error(`lens totals ${total} ≠ voters' dots ${credited}`)
  // The retro's vote, by the same rules.
  const r = retroTally(doc, { includeHidden: true })
  for (const v of r.voters) {
    if (v.counted > r.settings.dotsPerPerson)
      throw new Error(
        `retro: ${v.personId} credited ${v.counted}, budget ${r.settings.dotsPerPerson}`,
      )
    for (const [item, n] of Object.entries(v.byItem))
      if (n > r.settings.maxDotsPerItem)
        throw new Error(
          `retro: ${v.personId} credited ${n} on ${item}, cap ${r.settings.maxDotsPerItem}`,
        )
  }
}

/** Every derived view of a doc, as one JSON-able value: equal docs must give equal views. */
export function allViews(doc: Y.Doc, now: Date, viewers: readonly string[] = []) {
  return {
    snapshot: boardSnapshot(doc),
    export: exportKickoff(doc),
    tallies: viewers.map((v) => tally(doc, { viewer: v })),
    checks: dependencyChecks(doc, { now }),
    risks: riskRanking(doc),
    readiness: readiness(doc, { now }),
    problems: problems(doc),
    retro: {
      items: listRetroItems(doc),
      tally: retroTally(doc, { includeHidden: true }),
      tallies: viewers.map((v) => retroTally(doc, { viewer: v })),
      ballots: viewers.map((v) => retroBallot(doc, { personId: v, role: 'participant' })),
    },
  }
}

/** The doc's content as JSON with sorted keys (Yjs map iteration order differs between replicas). */
export function docJson(doc: Y.Doc): string {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(LAYOUT) as RootKey[])
    out[key] = LAYOUT[key].kind === 'text' ? doc.getText(key).toString() : doc.getMap(key).toJSON()
  return canonicalJson(out)
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  )
}

function firstDifference(a: string, b: string): string {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return `…${a.slice(Math.max(0, i - 80), i + 80)}…\n  vs\n…${b.slice(Math.max(0, i - 80), i + 80)}…`
}

/**
 * All docs hold the same content and give the same views (compared as exact JSON text, so even
 * the order of lists and keys in views must agree). A fresh replica, loaded from the first doc's
 * state with no view computed on it yet, joins the comparison: the views' memos and indexes,
 * built up update by update on the others, must agree with a computation from scratch. Throws
 * naming the first difference.
 */
export function assertConverged(
  docs: readonly Y.Doc[],
  now: Date,
  viewers: readonly string[] = [],
): void {
  const [first] = docs
  if (!first) return
  const fresh = new Y.Doc()
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(first))
  const all = [...docs, fresh]
  const json0 = docJson(first)
  const views0 = JSON.stringify(allViews(first, now, viewers))
  all.slice(1).forEach((doc, i) => {
    const name = doc === fresh ? 'a fresh replica' : `doc ${i + 1}`
    const json = docJson(doc)
    if (json !== json0)
      throw new Error(`${name} differs from doc 0:\n${firstDifference(json0, json)}`)
    const views = JSON.stringify(allViews(doc, now, viewers))
    if (views !== views0)
      throw new Error(`views of ${name} differ from doc 0:\n${firstDifference(views0, views)}`)
  })
  fresh.destroy()
}
