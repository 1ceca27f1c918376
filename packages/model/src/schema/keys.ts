/**
 * Every top-level key of the kickoff Y.Doc. This is the one place that names them: other
 * modules import these constants, and docs/architecture.md lists the same table.
 *
 * Rules of the layout:
 * - Text people type together is a top-level Y.Text. A Y.Text nested in a map would be created
 *   by whichever client gets there first, and two clients doing it at once would each create
 *   their own: one side's typing would vanish.
 * - Collections are Y.Maps keyed by a random id, so concurrent adds never collide and concurrent
 *   edits to different fields of one entry both survive (each entry is a nested Y.Map).
 * - Votes (dots) are immutable entries keyed by id: adding a dot is an insert, removing one is a
 *   delete, so concurrent voting from two devices merges without lost updates; the budget and the
 *   per-lens cap are enforced when tallying, deterministically.
 */
export const ROOT = {
  /** Y.Map: schemaVersion, title, createdAt, closedAt, closedBy. */
  meta: 'meta',
  /** Y.Map: agenda phase, shared timer, section locks, "bring everyone here". */
  facilitation: 'facilitation',
  /** Y.Text: the one-sentence purpose. */
  purposeStatement: 'purpose.statement',
  /** Y.Text: why the purpose matters. */
  purposeWhy: 'purpose.why',
  /** Y.Map<id, Y.Map>: how success is measured, one entry per measure. */
  purposeMeasures: 'purpose.measures',
  /** Y.Map<teamId, entry>: a team owner's "our team can repeat it back". */
  purposeConfirmations: 'purpose.confirmations',
  /** Y.Map<personId, Y.Map>: everyone who joined the board: name, team. */
  people: 'people',
  /** Y.Map<lensId, Y.Map>: candidate strategy lenses. */
  lenses: 'lenses',
  /** Y.Map: voting settings and session state. */
  voting: 'voting',
  /** Y.Map<dotId, entry>: one entry per dot a participant placed. */
  dots: 'dots',
  /** Y.Map<personId, entry>: participants who abstained. */
  abstentions: 'abstentions',
  /** Y.Map<lensId, entry>: lenses the facilitator chose. */
  chosenLenses: 'lenses.chosen',
  /** Y.Map<teamId, Y.Map>: teams. */
  teams: 'teams',
  /** Y.Map<memberId, Y.Map>: team members with role and owner flag. */
  members: 'members',
  /** Y.Map<milestoneId, Y.Map>: milestones. */
  milestones: 'milestones',
  /** Y.Map<dependencyId, Y.Map>: who needs what from whom by when. */
  dependencies: 'dependencies',
  /** Y.Map<riskId, Y.Map>: the risk wall. */
  risks: 'risks',
  /** Y.Map<recordId, JSON>: tldraw records of the free-form canvas, keyed by tldraw id. */
  canvas: 'canvas',
  /** Y.Map<itemId, Y.Map>: retro cards (what worked, friction, change next cycle). */
  retroItems: 'retro.items',
  /** Y.Map<dotId, entry>: dots on retro cards. */
  retroDots: 'retro.dots',
  /** Y.Map: retro voting settings and state. */
  retroVoting: 'retro.voting',
} as const

export type RootKey = (typeof ROOT)[keyof typeof ROOT]
