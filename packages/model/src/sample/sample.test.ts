import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { dependencyChecks } from '../dependencies/checks.js'
import { initKickoff } from '../kickoff/kickoff.js'
import { kickoffInfo } from '../kickoff/kickoff.js'
import { chooseLens } from '../lenses/chosen.js'
import { tally } from '../lenses/tally.js'
import { revealVoting } from '../lenses/voting.js'
import { problems } from '../problems/problems.js'
import { purposeConfirmations } from '../purpose/confirmations.js'
import { readiness } from '../readiness/readiness.js'
import { riskRanking } from '../risks/ranking.js'
import { FACILITATOR, T0, sampleKickoff } from '../testing/fixtures.js'
import { KickoffSampleSchema } from './format.js'
import { KICKOFF_SAMPLE } from './kickoffSample.js'
import { seedSampleKickoff } from './seed.js'

const fixture: unknown = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/kickoff-sample.json', import.meta.url), 'utf8'),
)

/** The day the sample's first milestone (1 December) has passed. */
const DEC_5 = new Date('2026-12-05T12:00:00Z')

describe('the sample kickoff', () => {
  it('SMP-1: the packaged sample is the repo fixture, and matches its schema', () => {
    expect(KICKOFF_SAMPLE).toEqual(fixture)
    expect(KickoffSampleSchema.parse(fixture)).toEqual(fixture)
  })

  it('SMP-1: seeding replaces a new room’s content, keeping the room’s title when given', () => {
    const doc = new Y.Doc()
    initKickoff(doc, { title: 'Our demo' })
    seedSampleKickoff(doc, { now: T0, title: 'Our demo' })
    expect(kickoffInfo(doc)).toMatchObject({ title: 'Our demo', createdAt: T0.toISOString() })
    expect(kickoffInfo(sampleKickoff()).title).toBe('Atlas: 30-day AI strategy sprint')
    expect(problems(doc)).toEqual([])
  })

  it('SMP-2: Security & Compliance has no owner', () => {
    expect(dependencyChecks(sampleKickoff(), { now: T0 }).noOwner).toEqual([
      { id: 'security', name: 'Security & Compliance' },
    ])
  })

  it('SMP-2: the exec → product → data → security → exec cycle is named', () => {
    const [cycle, ...more] = dependencyChecks(sampleKickoff(), { now: T0 }).cycles
    expect(more).toEqual([])
    expect(cycle!.path).toBe(
      'IT / Data → Security & Compliance → Executive sponsors → Product → IT / Data',
    )
    expect(cycle!.involved.map((t) => t.id)).toEqual(['data', 'exec', 'product', 'security'])
  })

  it('SMP-2: the unowned, unmitigated security risk is in the top five; a tie sits at fifth', () => {
    const r = riskRanking(sampleKickoff())
    expect(r.top.map((x) => [x.title, x.score])).toEqual([
      ['CRM data too inconsistent to judge any use case', 20],
      ["Functional leads can't find interview slots in week 1", 16],
      ['Finance budget envelope arrives after roadmap', 12],
      ['Security forbids external AI tools mid-sprint', 10],
      ['Holiday absences delay sign-off', 9],
    ])
    expect(r.topLacking.map((g) => [g.risk.title, g.missing])).toEqual([
      ['Security forbids external AI tools mid-sprint', ['owner', 'mitigation']],
    ])
    expect(r.tiedWithFifth.map((x) => x.title)).toEqual(['Sprint becomes tool shopping'])
  })

  it('SMP-2: Elena Rossi placed 4 dots against a budget of 3, 3 on one lens against a cap of 2', () => {
    const t = tally(sampleKickoff(), { includeHidden: true })
    expect(t.voters.find((v) => v.name === 'Elena Rossi')).toMatchObject({
      placed: 4,
      counted: 3,
      overBudget: true,
      overCap: ['growth'],
      byLens: { growth: 2, cost: 1 },
      rejected: [{ id: 'elena-rossi-3', lensId: 'growth', reason: 'over_cap' }],
    })
    expect(t.voters.filter((v) => v.overBudget || v.overCap.length).map((v) => v.name)).toEqual([
      'Elena Rossi',
    ])
  })

  it('SMP-2: three lenses tie for first (and three for fourth): the tie is the group’s call', () => {
    const doc = sampleKickoff()
    revealVoting(doc, FACILITATOR)
    const t = tally(doc)
    expect(t.ties).toEqual([
      { dots: 7, rank: 1, lensIds: ['cost', 'data', 'growth'] },
      { dots: 2, rank: 4, lensIds: ['backoffice', 'planning', 'security'] },
    ])
    expect(t.lenses.map((l) => [l.lensId, l.dots])).toEqual([
      ['cost', 7],
      ['data', 7],
      ['growth', 7],
      ['backoffice', 2],
      ['planning', 2],
      ['security', 2],
    ])
  })

  it('SMP-2: six people have not voted, the whole Security team among them', () => {
    const t = tally(sampleKickoff())
    expect(t).toMatchObject({ visible: false, state: 'closed', voted: 9, eligible: 15 })
    expect(t.notVoted.map((p) => p.name)).toEqual([
      'Aiko Tanaka',
      'Chen Wei',
      'Nadia Petrova',
      'Omar Haddad',
      'Sam Osei',
      'Tom Becker',
    ])
  })

  it('SMP-2: data, exec and product are the teams most others depend on', () => {
    const c = dependencyChecks(sampleKickoff(), { now: T0 })
    expect(c.mostDependedOn.map((t) => [t.team.name, t.dependents])).toEqual([
      ['Executive sponsors', 2],
      ['IT / Data', 2],
      ['Product', 2],
    ])
    expect(c.noMilestone).toEqual([])
  })

  it('SMP-2: after 1 December, the two dependencies due at "Interviews scheduled" are late', () => {
    expect(dependencyChecks(sampleKickoff(), { now: T0 }).pastMilestone).toEqual([])
    const late = dependencyChecks(sampleKickoff(), { now: DEC_5 }).pastMilestone
    expect(late.map((d) => `${d.from.name} → ${d.to.name}: ${d.what}`)).toEqual([
      'IT / Data → Security & Compliance: Approval of data handling rules for interview notes',
      'Security & Compliance → Executive sponsors: Named owner for Security & Compliance',
    ])
  })

  it('SMP-2: readiness lists everything a facilitator has left to do', () => {
    const doc = sampleKickoff()
    expect(purposeConfirmations(doc).every((c) => c.status === 'missing')).toBe(true)
    const r = readiness(doc, { now: T0 })
    expect(r.ready).toBe(false)
    expect(
      Object.fromEntries(r.signals.map((s) => [s.id, s.missing.map((m) => m.message)])),
    ).toEqual({
      'purpose-confirmed': [
        'Executive sponsors: the owner has not confirmed the purpose',
        'Product: the owner has not confirmed the purpose',
        'Engineering: the owner has not confirmed the purpose',
        'IT / Data: the owner has not confirmed the purpose',
        'Sales: the owner has not confirmed the purpose',
        'Customer Support: the owner has not confirmed the purpose',
        'Finance: the owner has not confirmed the purpose',
        'Security & Compliance: no owner to confirm the purpose',
      ],
      'lenses-chosen': ['0 lenses chosen; choose 2–4'],
      'one-owner-per-team': ['Security & Compliance has no owner'],
      'top-risks-owned': ['Security forbids external AI tools mid-sprint: no owner, no mitigation'],
      'dependencies-due': [],
    })
    revealVoting(doc, FACILITATOR)
    chooseLens(doc, FACILITATOR, 'data')
    chooseLens(doc, FACILITATOR, 'growth')
    expect(readiness(doc, { now: T0 }).signals[1]!.ok).toBe(true)
  })
})
