import type * as Y from 'yjs'
import { EXPORT_FORMAT, type KickoffExport } from '../io/format.js'
import { importKickoff } from '../io/import.js'
import { KICKOFF_SETTINGS_DEFAULTS, VOTING_DEFAULTS } from '../schema/entries.js'
import type { KickoffSample } from './format.js'
import { KICKOFF_SAMPLE } from './kickoffSample.js'

/**
 * Turns the sample into a board export. Ids are derived, so the same sample always makes the
 * same board: people from their names ("Maya Okafor" → "maya-okafor"), members as
 * "<team>-<person>", dependencies "d1"…, risks "r1"…, measures "s1"…, dots "<person>-<n>".
 *
 * The vote is seeded as closed and not yet revealed: the facilitator's next step is the reveal.
 * Scope, cadence and the retro notes have no place on the board yet and are left out.
 */
export function sampleToExport(
  sample: KickoffSample = KICKOFF_SAMPLE,
  opts: { now?: Date; title?: string } = {},
): KickoffExport {
  const now = opts.now ?? new Date()
  const slug = (name: string) =>
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  const people = new Map<string, { id: string; name: string; teamId: string | null }>()
  const person = (name: string, teamId: string | null = null) => {
    const id = slug(name)
    const p = people.get(id)
    if (!p) people.set(id, { id, name, teamId })
    else if (p.teamId === null) p.teamId = teamId
    return id
  }
  const members: KickoffExport['members'] = []
  sample.teams.forEach((t) => {
    for (const m of t.members) {
      const personId = person(m.name, t.id)
      members.push({
        id: `${t.id}-${personId}`,
        teamId: t.id,
        personId,
        role: m.role,
        owner: m.name === t.owner,
      })
    }
  })
  const dots: KickoffExport['dots'] = []
  sample.votes.forEach((v, vi) => {
    const voterId = person(v.voter)
    v.dots.forEach((lensId, i) =>
      dots.push({
        id: `${voterId}-${i + 1}`,
        lensId,
        voterId,
        at: new Date(now.getTime() + vi * 60_000 + i * 1000).toISOString(),
      }),
    )
  })
  const risks: KickoffExport['risks'] = sample.risks.map((r, i) => ({
    id: `r${i + 1}`,
    title: r.title,
    description: '',
    likelihood: r.likelihood,
    impact: r.impact,
    ownerId: r.owner ? person(r.owner) : null,
    mitigation: r.mitigation,
    status: 'open',
  }))
  return {
    format: EXPORT_FORMAT,
    kickoff: {
      title: opts.title ?? sample.title,
      createdAt: now.toISOString(),
      closedAt: null,
      closedBy: null,
      settings: { ...KICKOFF_SETTINGS_DEFAULTS, retroAfterDays: sample.retro.afterDays },
    },
    facilitation: {
      phase: 'welcome',
      timer: { state: 'idle', durationMs: KICKOFF_SETTINGS_DEFAULTS.timerDefaultSeconds * 1000 },
      spotlight: null,
      locks: [],
    },
    purpose: {
      statement: sample.purpose.statement,
      why: sample.purpose.why,
      measures: sample.purpose.successMeasures.map((text, i) => ({
        id: `s${i + 1}`,
        text,
        order: i + 1,
      })),
      confirmations: [],
    },
    people: [...people.values()],
    lenses: sample.lenses.map((l, i) => ({ ...l, order: i + 1 })),
    voting: {
      ...VOTING_DEFAULTS,
      dotsPerPerson: sample.voting.dotsPerPerson,
      maxDotsPerLens: sample.voting.maxDotsPerLens,
      hiddenUntilReveal: sample.voting.hiddenUntilReveal,
      chooseMin: sample.voting.chooseAtLeast,
      chooseMax: sample.voting.chooseAtMost,
      state: 'closed',
    },
    dots,
    abstentions: [],
    chosenLenses: [],
    teams: sample.teams.map((t, i) => ({ id: t.id, name: t.name, order: i + 1 })),
    members,
    milestones: sample.milestones.map((m) => ({ ...m })),
    dependencies: sample.dependencies.map((d, i) => ({
      id: `d${i + 1}`,
      from: d.from,
      to: d.to,
      what: d.what,
      neededBy: d.by,
      status: 'open',
    })),
    risks,
  }
}

/**
 * Fills `doc` with the demo kickoff (replacing what it held): what the server does for a room
 * created with `template: 'sample'`. `title` overrides the sample's own.
 */
export function seedSampleKickoff(doc: Y.Doc, opts: { now?: Date; title?: string } = {}): void {
  importKickoff(doc, sampleToExport(KICKOFF_SAMPLE, opts))
}
