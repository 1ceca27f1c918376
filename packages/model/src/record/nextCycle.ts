import type * as Y from 'yjs'
import { compareStrings } from '../core/compare.js'
import { parseInput } from '../core/write.js'
import { exportKickoff } from '../io/export.js'
import type { KickoffExport } from '../io/format.js'
import { readChosen } from '../lenses/chosen.js'
import { ACTIVE_DEPENDENCY, TitleSchema } from '../schema/entries.js'

/**
 * The next cycle's board, from the board a record froze (NXT-1): what a next cycle starts from,
 * and nothing it has to decide again.
 *
 * Carried over: the purpose (statement, why, success measures); everyone on the board, the teams
 * with their owners and members; every lens, as a candidate again (last cycle's chosen ones
 * first); the milestones; dependencies still open or at risk; risks not closed (open, mitigated,
 * occurred), with their scores, owners and mitigations; the facilitator settings and the voting
 * settings.
 *
 * Not carried: dots, abstentions and chosen lenses (a new cycle votes again: the vote starts as a
 * draft), purpose confirmations (owners confirm the purpose for the new cycle), done and dropped
 * dependencies, closed risks (they stay in the record), the agenda step, timer, locks and
 * spotlight, the close, the retro's cards, and the canvas.
 *
 * The result is a kickoff-board/1 export: importKickoff(newDoc, result) validates it and writes it.
 */
export function nextCycleExport(source: Y.Doc, opts: { title: string; now: Date }): KickoffExport {
  const title = parseInput(TitleSchema, opts.title)
  const ex = exportKickoff(source)
  const chosen = new Set(readChosen(source))
  const lenses = [...ex.lenses]
    .sort(
      (a, b) =>
        Number(chosen.has(b.id)) - Number(chosen.has(a.id)) ||
        a.order - b.order ||
        compareStrings(a.id, b.id),
    )
    .map((l, i) => ({ ...l, order: i + 1 }))
  return {
    format: ex.format,
    kickoff: {
      title,
      createdAt: opts.now.toISOString(),
      closedAt: null,
      closedBy: null,
      settings: ex.kickoff.settings,
    },
    facilitation: {
      phase: 'welcome',
      timer: { state: 'idle', durationMs: ex.kickoff.settings.timerDefaultSeconds * 1000 },
      spotlight: null,
      locks: [],
    },
    purpose: {
      statement: ex.purpose.statement,
      why: ex.purpose.why,
      measures: ex.purpose.measures,
      confirmations: [],
    },
    people: ex.people,
    lenses,
    voting: { ...ex.voting, state: 'draft' },
    dots: [],
    abstentions: [],
    chosenLenses: [],
    teams: ex.teams,
    members: ex.members,
    milestones: ex.milestones,
    dependencies: ex.dependencies.filter((d) => ACTIVE_DEPENDENCY.has(d.status)),
    risks: ex.risks.filter((r) => r.status !== 'closed'),
  }
}
