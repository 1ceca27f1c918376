import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { updateDependency, addDependency, removeDependency } from '../dependencies/dependencies.js'
import { boardSnapshot, type BoardSnapshot } from '../io/snapshot.js'
import { closeKickoff } from '../kickoff/kickoff.js'
import { chooseLens } from '../lenses/chosen.js'
import { revealVoting } from '../lenses/voting.js'
import { updateMilestone } from '../milestones/milestones.js'
import { confirmPurpose } from '../purpose/confirmations.js'
import { normalizeStatement, setPurposeStatement } from '../purpose/statement.js'
import { addRisk, updateRisk } from '../risks/risks.js'
import { addTeam, setOwner, updateTeam } from '../teams/teams.js'
import { ACTIVE_DEPENDENCY } from '../schema/entries.js'
import { FACILITATOR, as, newKickoff, replica, sampleKickoff } from '../testing/fixtures.js'
import { applyRandomOp } from '../testing/ops.js'
import { createRng } from '../testing/rng.js'
import { SCENARIO_ACTORS } from '../testing/scenario.js'
import { buildRecord } from './build.js'
import { diffBoards, diffRecords, type DiffEntry, type DiffKind } from './diff.js'

const CLOSE = new Date('2026-11-21T16:00:00.000Z')
/** The retro, five weeks on: m1 (Dec 1) and m2 (Dec 10) have passed. */
const RETRO = new Date('2026-12-28T10:00:00.000Z')

function kinds(entries: DiffEntry[]): [DiffKind, string | null][] {
  return entries.map((e) => [e.kind, e.id])
}

/** The sample, closed at the kickoff; and a replica to change as the weeks go by. */
function kickoffAndLater(): { before: BoardSnapshot; later: Y.Doc } {
  const doc = sampleKickoff()
  closeKickoff(doc, FACILITATOR, { now: CLOSE })
  return { before: boardSnapshot(doc), later: replica(doc) }
}

describe('diff', () => {
  it('DIFF-1: a board against itself, or against its own record, gives no entries', () => {
    const doc = sampleKickoff()
    const s = boardSnapshot(doc)
    expect(diffBoards(s, s, { now: RETRO }).entries).toEqual([])
    expect(diffBoards(s, boardSnapshot(replica(doc)), { now: RETRO }).entries).toEqual([])
    const r = buildRecord(doc, {
      kind: 'kickoff',
      now: CLOSE,
      roomId: 'room-0123456789abcdef',
      recordId: 'record-0123456789ab',
    })
    expect(diffRecords(r, r).entries).toEqual([])
  })

  it('DIFF-3: the purpose reworded (whitespace aside), and the confirmations it lapsed', () => {
    // Before the close: the owners confirm for their teams.
    const later = sampleKickoff()
    const before = boardSnapshot(later)
    const statement = before.purpose.statement
    setPurposeStatement(later, FACILITATOR, `${statement}  `)
    expect(diffBoards(before, boardSnapshot(later), { now: RETRO }).entries).toEqual([])
    // The owners confirm first, so the rewording lapses real confirmations.
    const owners = before.teams
      .filter((t) => t.ownerIds.length === 1)
      .map((t) => [t.id, t.ownerIds[0]!] as const)
    for (const [teamId, owner] of owners) confirmPurpose(later, as(owner), teamId)
    const confirmed = boardSnapshot(later)
    setPurposeStatement(later, FACILITATOR, 'Ship two AI use cases this quarter.')
    const d = diffBoards(confirmed, boardSnapshot(later), { now: RETRO })
    expect(d.entries[0]).toMatchObject({
      kind: 'purpose-statement-changed',
      changes: [
        {
          field: 'statement',
          before: normalizeStatement(statement),
          after: 'Ship two AI use cases this quarter.',
        },
      ],
    })
    expect(d.entries.filter((e) => e.kind === 'confirmation-changed')).toHaveLength(owners.length)
    expect(d.entries.find((e) => e.kind === 'confirmation-changed')?.changes).toEqual([
      { field: 'status', before: 'confirmed', after: 'lapsed' },
    ])
    expect(d.counts.purpose).toBe(1 + owners.length)
  })

  it('DIFF-4: lenses chosen after the reveal, and the vote’s state', () => {
    const { before, later } = kickoffAndLater()
    revealVoting(later, FACILITATOR)
    chooseLens(later, FACILITATOR, 'growth')
    chooseLens(later, FACILITATOR, 'data')
    const d = diffBoards(before, boardSnapshot(later), { now: RETRO })
    expect(kinds(d.entries)).toEqual([
      ['vote-state-changed', null],
      ['lens-chosen', 'data'],
      ['lens-chosen', 'growth'],
    ])
  })

  it('DIFF-5: teams renamed and added, owners changed', () => {
    const { before, later } = kickoffAndLater()
    updateTeam(later, FACILITATOR, 'sales', { name: 'Revenue' })
    addTeam(later, FACILITATOR, { name: 'Legal', id: 'legal' })
    setOwner(later, FACILITATOR, 'exec-daniel-reyes')
    const d = diffBoards(before, boardSnapshot(later), { now: RETRO })
    expect(kinds(d.entries)).toEqual([
      ['team-added', 'legal'],
      ['team-renamed', 'sales'],
      ['owner-changed', 'exec'],
      ['member-changed', 'exec-daniel-reyes'],
      ['member-changed', 'exec-maya-okafor'],
    ])
    expect(d.entries.find((e) => e.kind === 'owner-changed')?.message).toBe(
      'Executive sponsors: owner Maya Okafor → Daniel Reyes',
    )
  })

  it('DIFF-6: dependencies added, removed, done, status changed, and slipped past their milestone', () => {
    const { before, later } = kickoffAndLater()
    const [d1, d2, d3, d4] = before.dependencies.map((d) => d.id)
    updateDependency(later, FACILITATOR, d1!, { status: 'done' })
    updateDependency(later, FACILITATOR, d2!, { status: 'at-risk' })
    removeDependency(later, FACILITATOR, d3!)
    addDependency(later, FACILITATOR, {
      from: 'finance',
      to: 'data',
      what: 'Cost of the data platform',
      neededBy: 'm4',
      id: 'new-dep',
    })
    // Pushing a milestone back keeps its dependencies from slipping.
    const d4m = before.dependencies.find((d) => d.id === d4)!.neededBy!
    updateMilestone(later, FACILITATOR, d4m, { date: '2027-01-31' })
    const d = diffBoards(before, boardSnapshot(later), { now: RETRO, then: CLOSE })
    const deps = d.entries.filter((e) => e.area === 'dependencies')
    const late = before.dependencies.filter(
      (x) =>
        ![d1, d3].includes(x.id) &&
        ACTIVE_DEPENDENCY.has(x.status) &&
        x.milestone &&
        x.neededBy !== d4m &&
        x.milestone.date < '2026-12-28',
    )
    expect(late.length).toBeGreaterThan(0)
    expect(deps.filter((e) => e.kind === 'dependency-slipped').map((e) => e.id)).toEqual(
      expect.arrayContaining(late.map((x) => x.id)),
    )
    expect(deps.filter((e) => e.kind === 'dependency-slipped')).toHaveLength(late.length)
    expect(kinds(deps.filter((e) => e.kind !== 'dependency-slipped'))).toEqual([
      ['dependency-added', 'new-dep'],
      ['dependency-removed', d3!],
      ['dependency-done', d1!],
      ['dependency-status-changed', d2!],
    ])
    expect(deps.find((e) => e.kind === 'dependency-slipped')?.message).toMatch(
      /^Slipped past .+ \(2026-12-\d\d\): .+ is still (open|at risk)$/,
    )
    // At the close nothing had slipped yet; a dependency already late then has not slipped since.
    expect(
      diffBoards(before, boardSnapshot(later), { now: RETRO, then: RETRO }).entries.filter(
        (e) => e.kind === 'dependency-slipped',
      ),
    ).toEqual([])
  })

  it('DIFF-7: risks new, closed, occurred, re-scored and reassigned', () => {
    const { before, later } = kickoffAndLater()
    const [r1, r2, r3] = before.risks.map((r) => r.id)
    const r4 = before.risks.find((r) => r.ownerId && ![r1, r2, r3].includes(r.id))!.id
    addRisk(later, FACILITATOR, {
      title: 'Vendor lock-in',
      likelihood: 2,
      impact: 4,
      id: 'new-risk',
    })
    updateRisk(later, FACILITATOR, r1!, { status: 'closed' })
    updateRisk(later, FACILITATOR, r2!, { status: 'occurred' })
    const r3before = before.risks.find((r) => r.id === r3)!
    updateRisk(later, FACILITATOR, r3!, { likelihood: r3before.likelihood === 5 ? 4 : 5 })
    updateRisk(later, FACILITATOR, r4!, { ownerId: null, mitigation: '' })
    const d = diffBoards(before, boardSnapshot(later), { now: RETRO })
    expect(kinds(d.entries)).toEqual([
      ['risk-added', 'new-risk'],
      ['risk-closed', r1!],
      ['risk-occurred', r2!],
      ['risk-rescored', r3!],
      ['risk-changed', r4!],
    ])
    const rescored = d.entries.find((e) => e.kind === 'risk-rescored')!
    expect(rescored.changes.map((c) => c.field)).toEqual(['likelihood', 'score'])
  })

  it('DIFF-8: entries come in area order, then by kind and name: the same on every client', () => {
    const { before, later } = kickoffAndLater()
    addRisk(later, FACILITATOR, { title: 'B risk', likelihood: 1, impact: 1, id: 'rb' })
    addRisk(later, FACILITATOR, { title: 'A risk', likelihood: 1, impact: 1, id: 'ra' })
    addTeam(later, FACILITATOR, { name: 'Legal', id: 'legal' })
    setPurposeStatement(later, FACILITATOR, 'New words.')
    const d = diffBoards(before, boardSnapshot(later), { now: RETRO })
    expect(d.entries.map((e) => e.area)).toEqual(['purpose', 'teams', 'risks', 'risks'])
    expect(d.entries.slice(2).map((e) => e.label)).toEqual(['A risk', 'B risk'])
  })
})

// ── property: every difference explained, nothing reported that did not change ─────────────

/**
 * The board's content as facts, written here independently of diff.ts: `subject → value`. Two
 * boards differ exactly where their facts do.
 */
function facts(s: BoardSnapshot, now: Date): Map<string, string> {
  const out = new Map<string, string>()
  const put = (k: string, v: unknown) => out.set(k, JSON.stringify(v))
  const today = now.toISOString().slice(0, 10)
  put('title', s.kickoff.title)
  put('vote-state', s.vote.state)
  put('statement', normalizeStatement(s.purpose.statement))
  put('why', normalizeStatement(s.purpose.why))
  for (const m of s.purpose.measures) put(`measure:${m.id}`, m.text)
  for (const c of s.purpose.confirmations) put(`confirmation:${c.teamId}`, c.status)
  for (const p of s.people) put(`person:${p.id}`, [p.name, p.teamId])
  for (const l of s.lenses) put(`lens:${l.id}`, [l.title, l.description])
  for (const l of s.vote.lenses) put(`dots:${l.lensId}`, [l.dots, l.voters])
  for (const id of s.vote.chosen) put(`chosen:${id}`, true)
  for (const t of s.teams) {
    put(`team:${t.id}`, t.name)
    put(`owners:${t.id}`, [...t.ownerIds].sort())
    for (const m of t.members) put(`member:${m.id}`, [m.teamId, m.personId, m.role, m.owner])
  }
  for (const m of s.milestones) put(`milestone:${m.id}`, [m.name, m.date, m.outcome])
  for (const d of s.dependencies) {
    put(`dependency:${d.id}`, [d.from, d.to, d.what, d.neededBy, d.status])
    const late = ACTIVE_DEPENDENCY.has(d.status) && !!d.milestone && d.milestone.date < today
    put(`late:${d.id}`, late)
  }
  for (const r of s.risks)
    put(`risk:${r.id}`, [
      r.title,
      r.description,
      r.likelihood,
      r.impact,
      r.ownerId,
      r.mitigation,
      r.status,
    ])
  return out
}

/** The facts an entry speaks for. */
function explains(e: DiffEntry): string[] {
  const id = e.id ?? ''
  switch (e.area) {
    case 'kickoff':
      return ['title']
    case 'purpose':
      return e.kind === 'purpose-statement-changed'
        ? ['statement']
        : e.kind === 'purpose-why-changed'
          ? ['why']
          : e.kind === 'confirmation-changed'
            ? [`confirmation:${id}`]
            : [`measure:${id}`]
    case 'people':
      return [`person:${id}`]
    case 'lenses':
      return e.kind === 'vote-state-changed'
        ? ['vote-state']
        : e.kind === 'lens-votes-changed'
          ? [`dots:${id}`]
          : e.kind === 'lens-chosen' || e.kind === 'lens-unchosen'
            ? [`chosen:${id}`]
            : e.kind === 'lens-changed'
              ? [`lens:${id}`]
              : [`lens:${id}`, `dots:${id}`, `chosen:${id}`]
    case 'teams':
      return e.kind.startsWith('member')
        ? [`member:${id}`]
        : e.kind === 'owner-changed'
          ? [`owners:${id}`]
          : e.kind === 'team-renamed'
            ? [`team:${id}`]
            : [`team:${id}`, `owners:${id}`, `confirmation:${id}`]
    case 'milestones':
      return [`milestone:${id}`]
    case 'dependencies':
      return e.kind === 'dependency-slipped' ? [`late:${id}`] : [`dependency:${id}`, `late:${id}`]
    case 'risks':
      return [`risk:${id}`]
  }
}

function checkExplained(a: BoardSnapshot, b: BoardSnapshot, now: Date): void {
  const fa = facts(a, now)
  const fb = facts(b, now)
  const entries = diffBoards(a, b, { now }).entries
  const explained = new Set(entries.flatMap(explains))
  // A dependency is late or not by its milestone's date too: a moved milestone explains it.
  const milestoneOf = new Map<string, string>()
  for (const s of [a, b])
    for (const d of s.dependencies) if (d.neededBy) milestoneOf.set(`late:${d.id}`, d.neededBy)
  const keys = new Set([...fa.keys(), ...fb.keys()])
  for (const k of keys) {
    if (fa.get(k) === fb.get(k)) continue
    const byMilestone = k.startsWith('late:') && explained.has(`milestone:${milestoneOf.get(k)}`)
    if (!explained.has(k) && !byMilestone)
      throw new Error(`unexplained difference ${k}: ${fa.get(k)} → ${fb.get(k)}`)
  }
  for (const e of entries) {
    if (!explains(e).some((k) => fa.get(k) !== fb.get(k)))
      throw new Error(`reported without a difference: ${e.kind} ${e.id} (${e.message})`)
    for (const c of e.changes)
      if (c.before === c.after) throw new Error(`${e.kind} ${e.id}: ${c.field} did not change`)
  }
}

const RUNS = Number(process.env.FC_RUNS ?? 60)
const NOW = new Date('2026-12-05T12:00:00.000Z')

function evolve(doc: Y.Doc, seed: number, steps: number, garbageRate = 0): void {
  const rng = createRng(seed)
  for (let i = 0; i < steps; i++) {
    const now = new Date(NOW.getTime() - (steps - i) * 60_000)
    applyRandomOp(doc, rng, { actors: SCENARIO_ACTORS, now, invalidRate: 0.05, garbageRate })
  }
}

const start = (sample: boolean) => (sample ? sampleKickoff() : newKickoff())

describe('diff properties', () => {
  it('DIFF-1: a random board against itself gives no entries', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 120 }), (sample, seed, n) => {
        const doc = start(sample)
        evolve(doc, seed, n)
        const s = boardSnapshot(doc)
        expect(diffBoards(s, boardSnapshot(replica(doc)), { now: NOW }).entries).toEqual([])
      }),
      { numRuns: RUNS },
    )
  })

  it('DIFF-2: every difference between two boards is explained, and only those', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 80 }),
        (sample, s0, s1, s2, n0, n1, n2) => {
          // A common past, then two futures (a record and today's board, or two check-ins).
          const base = start(sample)
          evolve(base, s0, n0)
          const a = replica(base)
          const b = replica(base)
          evolve(a, s1, n2)
          evolve(b, s2, n1, 0.05)
          checkExplained(boardSnapshot(a), boardSnapshot(b), NOW)
          checkExplained(boardSnapshot(b), boardSnapshot(a), NOW)
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('DIFF-2: two unrelated boards: everything is added or removed, and explained', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (s1, s2) => {
        const a = sampleKickoff()
        const b = newKickoff()
        evolve(a, s1, 30)
        evolve(b, s2, 60)
        checkExplained(boardSnapshot(a), boardSnapshot(b), NOW)
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    )
  })

  it('DIFF-2: the properties are not vacuous: random pairs differ in every area', () => {
    const seen = new Set<string>()
    for (let seed = 0; seed < 30; seed++) {
      const base = sampleKickoff()
      const a = replica(base)
      evolve(a, seed, 80)
      for (const e of diffBoards(boardSnapshot(base), boardSnapshot(a), { now: NOW }).entries)
        seen.add(e.kind)
    }
    for (const k of [
      'purpose-statement-changed',
      'confirmation-changed',
      'lens-votes-changed',
      'owner-changed',
      'member-added',
      'milestone-changed',
      'dependency-added',
      'dependency-slipped',
      'risk-added',
      'risk-rescored',
    ])
      expect(seen).toContain(k)
  })
})
