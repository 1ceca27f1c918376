import type * as Y from 'yjs'
import { compareStrings } from '../core/compare.js'
import { readBoard } from './board.js'
import { EXPORT_FORMAT, type KickoffExport } from './format.js'

/**
 * The whole kickoff as plain JSON in the kickoff-board/1 format: valid entries only (what the
 * views show), sorted by id, so the same board exports to the same text on every client. Foreign
 * keys (the canvas, the retro) are not part of it.
 */
export function exportKickoff(doc: Y.Doc): KickoffExport {
  const b = readBoard(doc)
  const sorted = <T extends { id: string }>(xs: Iterable<T>): T[] =>
    [...xs].sort((a, c) => compareStrings(a.id, c.id))
  return {
    format: EXPORT_FORMAT,
    kickoff: {
      title: b.kickoff.title,
      createdAt: b.kickoff.createdAt,
      closedAt: b.kickoff.closedAt,
      closedBy: b.kickoff.closedBy,
      settings: { ...b.kickoff.settings },
    },
    facilitation: {
      phase: b.facilitation.phase,
      timer: { ...b.facilitation.timer },
      spotlight: b.facilitation.spotlight ? { ...b.facilitation.spotlight } : null,
      locks: [...b.facilitation.locks],
    },
    purpose: {
      statement: b.statement,
      why: b.why,
      measures: sorted(b.measures.map((m) => ({ id: m.id, text: m.text, order: m.order }))),
      confirmations: [...b.confirmations.entries()]
        .map(([teamId, c]) => ({ teamId, personId: c.personId, statement: c.statement, at: c.at }))
        .sort((a, c) => compareStrings(a.teamId, c.teamId)),
    },
    people: sorted(
      [...b.people.values()].map((p) => ({ id: p.id, name: p.name, teamId: p.teamId })),
    ),
    lenses: sorted(
      [...b.lenses.values()].map((l) => ({
        id: l.id,
        title: l.title,
        description: l.description,
        order: l.order,
      })),
    ),
    voting: { ...b.voting.settings, state: b.voting.state },
    dots: b.dots.map((d) => ({ id: d.id, ...d.value })),
    abstentions: b.abstentions.map((a) => ({ personId: a.id, ...a.value })),
    chosenLenses: b.chosen.map((c) => ({ lensId: c.id, ...c.value })),
    teams: sorted([...b.teams.values()].map((t) => ({ id: t.id, name: t.name, order: t.order }))),
    members: sorted(
      b.members.map((m) => ({
        id: m.id,
        teamId: m.teamId,
        personId: m.personId,
        role: m.role,
        owner: m.owner,
      })),
    ),
    milestones: sorted([...b.milestones.values()].map((m) => ({ ...m }))),
    dependencies: sorted(b.dependencies.map((d) => ({ ...d }))),
    risks: sorted(b.risks.map((r) => ({ ...r }))),
  }
}
