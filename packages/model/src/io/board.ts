import type * as Y from 'yjs'
import type { ProblemSink } from '../core/problems.js'
import { readCollection, type Entry } from '../core/read.js'
import { readDependencies, type DependencyView } from '../dependencies/dependencies.js'
import { readFacilitation } from '../facilitation/facilitation.js'
import { kickoffInfo, type KickoffInfo } from '../kickoff/kickoff.js'
import { readLensMap, type LensView } from '../lenses/candidates.js'
import { readDotsByVoter } from '../lenses/tally.js'
import { readVoting, type VotingView } from '../lenses/voting.js'
import { readMilestoneMap, type MilestoneView } from '../milestones/milestones.js'
import { readPeople, type PersonView } from '../people/people.js'
import { readConfirmations } from '../purpose/confirmations.js'
import { listMeasures, type MeasureView } from '../purpose/measures.js'
import { purposeStatement, purposeWhy } from '../purpose/statement.js'
import { readRisks, type RiskEntryView } from '../risks/risks.js'
import {
  AbstentionSchema,
  ChosenLensSchema,
  type Abstention,
  type ChosenLens,
  type Confirmation,
  type Dot,
} from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { readMembers, readTeamMap, type MemberView, type TeamRef } from '../teams/teams.js'

/**
 * Everything valid in the doc, read once, references resolved: the base of export, the snapshot
 * and problems(). Entries that fail their schema or point at something missing are left out (or
 * repaired, as each reader documents) and reported to `problems`.
 */
export interface Board {
  kickoff: KickoffInfo
  facilitation: ReturnType<typeof readFacilitation>
  statement: string
  why: string
  measures: MeasureView[]
  /** Team id → confirmation, for existing teams. */
  confirmations: Map<string, Confirmation>
  people: ReadonlyMap<string, PersonView>
  lenses: ReadonlyMap<string, LensView>
  voting: VotingView
  dots: Entry<Dot>[]
  abstentions: Entry<Abstention>[]
  chosen: Entry<ChosenLens>[]
  teams: Map<string, TeamRef & { order: number }>
  members: MemberView[]
  milestones: Map<string, MilestoneView>
  dependencies: DependencyView[]
  risks: RiskEntryView[]
}

export function readBoard(doc: Y.Doc, problems?: ProblemSink): Board {
  const people = readPeople(doc, problems)
  const teams = readTeamMap(doc, problems)
  const milestones = readMilestoneMap(doc, problems)
  const lenses = readLensMap(doc, problems)

  const confirmations = readConfirmations(doc, problems)
  for (const teamId of [...confirmations.keys()])
    if (!teams.has(teamId)) {
      problems?.push({
        key: ROOT.purposeConfirmations,
        id: teamId,
        code: 'dangling_reference',
        message: `team ${teamId} does not exist`,
      })
      confirmations.delete(teamId)
    }

  const dots: Entry<Dot>[] = []
  for (const list of readDotsByVoter(doc, lenses, people, problems).values())
    for (const d of list)
      dots.push({ id: d.id, value: { lensId: d.lensId, voterId: d.voterId, at: d.at } })

  const abstentions = readCollection(
    doc,
    ROOT.abstentions,
    AbstentionSchema,
    'json',
    problems,
  ).filter((e) =>
    keep(people.has(e.id), ROOT.abstentions, e.id, `person ${e.id} is not on the board`, problems),
  )
  const chosen = readCollection(doc, ROOT.chosenLenses, ChosenLensSchema, 'json', problems).filter(
    (e) => keep(lenses.has(e.id), ROOT.chosenLenses, e.id, `lens ${e.id} does not exist`, problems),
  )

  return {
    kickoff: kickoffInfo(doc, problems),
    facilitation: readFacilitation(doc, problems),
    statement: purposeStatement(doc).toString(),
    why: purposeWhy(doc).toString(),
    measures: listMeasures(doc, problems),
    confirmations,
    people,
    lenses,
    voting: readVoting(doc, problems),
    dots: dots.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    abstentions,
    chosen,
    teams,
    members: readMembers(doc, teams, people, problems),
    milestones,
    dependencies: readDependencies(doc, teams, milestones, problems),
    risks: readRisks(doc, people, problems),
  }
}

function keep(
  ok: boolean,
  key: typeof ROOT.abstentions | typeof ROOT.chosenLenses,
  id: string,
  message: string,
  problems: ProblemSink,
): boolean {
  if (!ok) problems?.push({ key, id, code: 'dangling_reference', message })
  return ok
}
