// model.tally.1000x5, model.checks.200x2000, model.load.10k: the model's derived views and load
// time on boards far bigger than a kickoff (5–200 people). Each figure is the median of several
// runs after warm-up. "cold" (extra field) is the first read of a freshly loaded doc, when every
// entry is validated; the figure itself is a re-read after one change, which is what a client
// pays on every update (validation is memoized per unchanged entry).
import * as Y from 'yjs'
import {
  EXPORT_FORMAT,
  KICKOFF_SETTINGS_DEFAULTS,
  VOTING_DEFAULTS,
  boardSnapshot,
  castDot,
  removeDot,
  dependencyChecks,
  importKickoff,
  tally,
  updateDependency,
  type KickoffExport,
} from '@kickoff/model'
import { createRng } from '@kickoff/model/testing'
import { median, medianTime, note, report } from './lib/report.js'

const NOW = new Date('2026-12-05T12:00:00.000Z')
const at = (i: number) => new Date(Date.parse('2026-11-21T10:00:00.000Z') + i * 1000).toISOString()

function board(opts: {
  people: number
  teams: number
  dependencies: number
  lenses: number
  dotsPerVoter: number
  voters: number
  risks: number
  milestones: number
}): KickoffExport {
  const rng = createRng(42)
  const people = Array.from({ length: opts.people }, (_, i) => ({
    id: `p${i}`,
    name: `Person ${i}`,
    teamId: opts.teams ? `t${i % opts.teams}` : null,
  }))
  const teams = Array.from({ length: opts.teams }, (_, i) => ({
    id: `t${i}`,
    name: `Team ${i}`,
    order: i,
  }))
  const members = people
    .filter((_, i) => i < opts.teams * 2)
    .map((p, i) => ({
      id: `m${i}`,
      teamId: `t${i % opts.teams}`,
      personId: p.id,
      role: 'contributor' as const,
      owner: i < opts.teams,
    }))
  const milestones = Array.from({ length: opts.milestones }, (_, i) => ({
    id: `ms${i}`,
    name: `Milestone ${i}`,
    date: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
    outcome: '',
  }))
  const dependencies = Array.from({ length: opts.dependencies }, (_, i) => {
    const from = rng.int(0, opts.teams - 1)
    let to = rng.int(0, opts.teams - 2)
    if (to >= from) to++
    return {
      id: `d${i}`,
      from: `t${from}`,
      to: `t${to}`,
      what: `Need ${i}`,
      neededBy: opts.milestones && rng.bool(0.9) ? `ms${rng.int(0, opts.milestones - 1)}` : null,
      status: rng.pick(['open', 'open', 'at-risk', 'done'] as const),
    }
  })
  const lenses = Array.from({ length: opts.lenses }, (_, i) => ({
    id: `l${i}`,
    title: `Lens ${i}`,
    description: '',
    order: i,
  }))
  const dots = []
  for (let v = 0; v < opts.voters; v++)
    for (let d = 0; d < opts.dotsPerVoter; d++)
      dots.push({
        id: `v${v}d${d}`,
        lensId: `l${rng.int(0, opts.lenses - 1)}`,
        voterId: `p${v}`,
        at: at(v * 10 + d),
      })
  const risks = Array.from({ length: opts.risks }, (_, i) => ({
    id: `r${i}`,
    title: `Risk ${i}`,
    description: '',
    likelihood: rng.int(1, 5),
    impact: rng.int(1, 5),
    ownerId: rng.bool(0.7) ? `p${rng.int(0, opts.people - 1)}` : null,
    mitigation: rng.bool(0.7) ? 'Plan' : '',
    status: 'open' as const,
  }))
  return {
    format: EXPORT_FORMAT,
    kickoff: {
      title: 'Bench',
      createdAt: at(0),
      closedAt: null,
      closedBy: null,
      settings: KICKOFF_SETTINGS_DEFAULTS,
    },
    facilitation: {
      phase: 'lenses',
      timer: { state: 'idle', durationMs: 300_000 },
      spotlight: null,
      locks: [],
    },
    purpose: { statement: 'Bench the model', why: '', measures: [], confirmations: [] },
    people,
    lenses,
    voting: {
      ...VOTING_DEFAULTS,
      dotsPerPerson: Math.max(1, opts.dotsPerVoter),
      maxDotsPerLens: Math.min(3, Math.max(1, opts.dotsPerVoter)),
      state: 'open',
    },
    dots,
    abstentions: [],
    chosenLenses: [],
    teams,
    members,
    milestones,
    dependencies,
    risks,
  }
}

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
  // 1,074 people, 200 teams, 400 members, 20 milestones, 2,000 dependencies, 926 risks,
  // 10 lenses, 5,370 dots: 10,000 entries.
  const data = board({
    people: 1074,
    teams: 200,
    dependencies: 2000,
    lenses: 10,
    dotsPerVoter: 5,
    voters: 1074,
    risks: 926,
    milestones: 20,
  })
  data.dots.length = 5370
  data.voting.maxDotsPerLens = 5
  const items =
    data.people.length +
    data.teams.length +
    data.members.length +
    data.milestones.length +
    data.dependencies.length +
    data.risks.length +
    data.lenses.length +
    data.dots.length
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
