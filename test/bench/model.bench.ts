// model.tally.1000x5, model.checks.200x2000, model.load.10k: the model's derived views and load
// time on boards far bigger than a kickoff (5–200 people). Each figure is the median of several
// runs after warm-up. "cold" (extra field) is the first read of a freshly loaded doc, when every
// entry is validated; the figure itself is a re-read after one change, which is what a client
// pays on every update (validation is memoized per unchanged entry).
import * as Y from 'yjs'
import {
  boardSnapshot,
  castDot,
  removeDot,
  dependencyChecks,
  importKickoff,
  tally,
  updateDependency,
} from '@kickoff/model'
import { board, board10k, NOW } from './lib/boards.js'
import { median, medianTime, note, report } from './lib/report.js'

/** Median time of `read` right after each `change` (the change itself is not timed). */
function afterEachChange(change: (i: number) => void, read: () => unknown, runs = 31): number {
  const samples: number[] = []
  for (let i = 0; i < runs + 5; i++) {
    change(i)
    const t0 = performance.now()
    read()
    if (i >= 5) samples.push(performance.now() - t0)
  }
  return median(samples)
}

function load(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

/** Median time of `read` on a freshly loaded doc (every entry validated), over `runs` docs. */
function cold(update: Uint8Array, read: (doc: Y.Doc) => unknown, runs = 5): number {
  const samples: number[] = []
  for (let i = 0; i < runs + 1; i++) {
    const doc = load(update)
    const t0 = performance.now()
    read(doc)
    if (i > 0) samples.push(performance.now() - t0)
    doc.destroy()
  }
  return median(samples)
}

// ── model.tally.1000x5 ─────────────────────────────────────────────────────────────────────
{
  const data = board({
    people: 1000,
    teams: 0,
    dependencies: 0,
    lenses: 8,
    dotsPerVoter: 5,
    voters: 1000,
    risks: 0,
    milestones: 0,
  })
  data.dots = data.dots.filter((d) => d.voterId !== 'p999' || d.lensId !== 'l0').slice(0, 4999)
  const source = new Y.Doc()
  importKickoff(source, data)
  const update = Y.encodeStateAsUpdate(source)
  const coldMs = cold(update, (doc) => tally(doc, { includeHidden: true }))
  const doc = load(update)
  const voter = { personId: 'p999', role: 'participant' as const }
  // One person places or takes back a dot, then a view re-tallies: what every client does on
  // every update during the vote.
  const warm = afterEachChange(
    (i) => (i % 2 === 0 ? castDot(doc, voter, 'l0', { now: NOW }) : removeDot(doc, voter, 'l0')),
    () => tally(doc, { viewer: 'p1', includeHidden: true }),
  )
  const t = tally(doc, { includeHidden: true })
  note(`tally: ${t.voters.length} voters, ${t.lenses.reduce((s, l) => s + l.dots, 0)} dots counted`)
  report('model.tally.1000x5', 'ms', warm, { cold: Math.round(coldMs * 1000) / 1000, goal: 2 })
}

// ── model.checks.200x2000 ──────────────────────────────────────────────────────────────────
{
  const data = board({
    people: 400,
    teams: 200,
    dependencies: 2000,
    lenses: 0,
    dotsPerVoter: 0,
    voters: 0,
    risks: 0,
    milestones: 20,
  })
  const source = new Y.Doc()
  importKickoff(source, data)
  const update = Y.encodeStateAsUpdate(source)
  const coldMs = cold(update, (doc) => dependencyChecks(doc, { now: NOW }))
  const doc = load(update)
  const actor = { personId: 'p0', role: 'facilitator' as const }
  const warm = afterEachChange(
    (i) => updateDependency(doc, actor, 'd0', { status: i % 2 ? 'open' : 'at-risk' }),
    () => dependencyChecks(doc, { now: NOW }),
  )
  const c = dependencyChecks(doc, { now: NOW })
  note(
    `checks: ${c.cycles.length} cycle knots (largest ${Math.max(0, ...c.cycles.map((x) => x.involved.length))} teams), ${c.noMilestone.length} undated, ${c.pastMilestone.length} late`,
  )
  report('model.checks.200x2000', 'ms', warm, { cold: Math.round(coldMs * 1000) / 1000, goal: 20 })
}

// ── model.load.10k ─────────────────────────────────────────────────────────────────────────
{
  const { data, items } = board10k()
  const source = new Y.Doc()
  importKickoff(source, data)
  const update = Y.encodeStateAsUpdate(source)
  const { median: ms } = await medianTime(() => load(update).destroy(), { runs: 9, warmup: 2 })
  const snapshotMs = cold(update, (doc) => boardSnapshot(doc), 3)
  report('model.load.10k', 'ms', ms, {
    items,
    encodedKB: Math.round(update.byteLength / 1024),
    firstSnapshotMs: Math.round(snapshotMs * 10) / 10,
  })
}
