import type * as Y from 'yjs'
import type { KickoffInfo } from '../kickoff/kickoff.js'
import { listDependencies, type DependencyListItem } from '../dependencies/dependencies.js'
import { listLenses, type LensView } from '../lenses/candidates.js'
import { tally, type Tally } from '../lenses/tally.js'
import { listMilestones, type MilestoneView } from '../milestones/milestones.js'
import { listPeople, type PersonView } from '../people/people.js'
import { confirmationsOf, type TeamConfirmation } from '../purpose/confirmations.js'
import type { MeasureView } from '../purpose/measures.js'
import { riskRanking, type RankedRisk } from '../risks/ranking.js'
import type { Section, Spotlight, Timer, Phase } from '../schema/entries.js'
import { assembleTeams, type TeamView } from '../teams/teams.js'
import { readBoard } from './board.js'

/**
 * The whole board as plain JSON, denormalized for reading: names resolved, lists in board order,
 * invalid entries left out. The kickoff record is built from it, and the property tests compare
 * it across clients. Unlike exportKickoff it is not meant to be imported.
 *
 * The vote is included in full (`includeHidden`): the record shows it. Do not render a snapshot
 * to participants before the reveal; use tally(doc, { viewer }) for that.
 */
export interface BoardSnapshot {
  kickoff: KickoffInfo
  facilitation: { phase: Phase; timer: Timer; spotlight: Spotlight; locks: Section[] }
  purpose: {
    statement: string
    why: string
    measures: MeasureView[]
    confirmations: TeamConfirmation[]
  }
  people: PersonView[]
  lenses: LensView[]
  vote: Tally
  teams: TeamView[]
  milestones: MilestoneView[]
  dependencies: DependencyListItem[]
  risks: RankedRisk[]
}

export function boardSnapshot(doc: Y.Doc): BoardSnapshot {
  const b = readBoard(doc)
  const teams = assembleTeams(b.teams, b.members)
  return {
    kickoff: b.kickoff,
    facilitation: b.facilitation,
    purpose: {
      statement: b.statement,
      why: b.why,
      measures: b.measures,
      confirmations: confirmationsOf(teams, b.confirmations, b.statement, b.people),
    },
    people: listPeople(doc),
    lenses: listLenses(doc),
    vote: tally(doc, { includeHidden: true }),
    teams,
    milestones: listMilestones(doc),
    dependencies: listDependencies(doc),
    risks: riskRanking(doc).ranked,
  }
}
