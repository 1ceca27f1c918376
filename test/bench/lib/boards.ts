// Boards far bigger than a kickoff, built as exports (kickoff-board/1) and imported through the
// model: the model and record benchmarks measure on the same boards.
import {
  EXPORT_FORMAT,
  KICKOFF_SETTINGS_DEFAULTS,
  VOTING_DEFAULTS,
  type KickoffExport,
} from '@kickoff/model'
import { createRng } from '@kickoff/model/testing'

export const NOW = new Date('2026-12-05T12:00:00.000Z')
export const at = (i: number) =>
  new Date(Date.parse('2026-11-21T10:00:00.000Z') + i * 1000).toISOString()

export function board(opts: {
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

/**
 * 10,000 entries: 1,074 people, 200 teams, 400 members, 20 milestones, 2,000 dependencies,
 * 926 risks, 10 lenses, 5,370 dots.
 */
export function board10k(): { data: KickoffExport; items: number } {
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
  return { data, items }
}
