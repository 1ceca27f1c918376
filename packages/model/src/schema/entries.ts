import { z } from 'zod'
import { idSchema } from '../core/ids.js'
import { flag, intRange, isoDate, isoTime, oneOf, optionalText, requiredText } from './fields.js'

/**
 * The shape of everything stored in the kickoff document, one zod schema per entry; the types are
 * inferred from them. Where each lives (which ROOT key, Y.Map or JSON) is in layout.ts. Reads
 * validate every entry against these schemas and leave out what fails (see problems()).
 *
 * Fields with a default are ones a doc may lack without being wrong: older clients did not write
 * them, and the view fills them in.
 */

export const LIMITS = {
  title: 200,
  name: 80,
  short: 200,
  long: 2000,
  statement: 1000,
  /** A retro card: a sentence or two. */
  card: 500,
  /**
   * Co-typed text has no hard limit while people type (two people can each add text up to the
   * soft limit at once); problems() reports the excess. Import and confirmations accept up to this.
   */
  textHard: 20000,
} as const

// ── kickoff and facilitation ─────────────────────────────────────────────────────────────────

/** Agenda steps, in order. */
export const PHASES = [
  'welcome',
  'purpose',
  'lenses',
  'teams',
  'dependencies',
  'risks',
  'wrapup',
] as const
export type Phase = (typeof PHASES)[number]

/** Parts of the board that can be locked. */
export const SECTIONS = [
  'purpose',
  'lenses',
  'teams',
  'milestones',
  'dependencies',
  'risks',
] as const
export type Section = (typeof SECTIONS)[number]

/** Where "bring everyone here" can point. */
export const SPOTLIGHT_AREAS = [...SECTIONS, 'readiness'] as const
export type SpotlightArea = (typeof SPOTLIGHT_AREAS)[number]

export const TitleSchema = requiredText('title', LIMITS.title)

/** `meta` is a map of independent fields, so concurrent edits of different settings both land. */
export const MetaFields = {
  schemaVersion: z.int().min(1),
  title: TitleSchema,
  createdAt: isoTime('createdAt').nullable(),
  closedAt: isoTime('closedAt').nullable(),
  closedBy: idSchema('closedBy').nullable(),
  /** Facilitator setting: what the shared timer starts with when no duration is given. */
  timerDefaultSeconds: intRange('timerDefaultSeconds', 10, 7200),
  /** Facilitator setting: participants' boards jump to the spotlight when it moves. */
  followSpotlight: flag('followSpotlight'),
  /** Facilitator setting: when the retro is due, counted from the close. */
  retroAfterDays: intRange('retroAfterDays', 1, 365),
}
export const KickoffSettingsSchema = z.object({
  timerDefaultSeconds: MetaFields.timerDefaultSeconds,
  followSpotlight: MetaFields.followSpotlight,
  retroAfterDays: MetaFields.retroAfterDays,
})
export type KickoffSettings = z.infer<typeof KickoffSettingsSchema>
export const KICKOFF_SETTINGS_DEFAULTS: KickoffSettings = {
  timerDefaultSeconds: 300,
  followSpotlight: true,
  retroAfterDays: 30,
}

const durationMs = intRange('durationMs', 1000, 7_200_000)
/**
 * One value, not three fields: a timer's fields only make sense together, and two facilitators
 * pressing start and pause at once must leave one consistent timer, not a mix of both.
 */
export const TimerSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle'), durationMs }),
  z.object({ state: z.literal('running'), durationMs, endsAt: isoTime('endsAt') }),
  z.object({
    state: z.literal('paused'),
    durationMs,
    remainingMs: intRange('remainingMs', 0, 7_200_000),
  }),
])
export type Timer = z.infer<typeof TimerSchema>

export const SpotlightSchema = z
  .object({
    area: oneOf('area', SPOTLIGHT_AREAS),
    /** An entry to scroll to (a team, a risk…), or null for the whole area. */
    targetId: idSchema('targetId').nullable(),
    by: idSchema('by'),
    /** Also what makes a second "bring everyone here" to the same place a new event. */
    at: isoTime('at'),
  })
  .nullable()
export type Spotlight = z.infer<typeof SpotlightSchema>

export function lockField(section: Section): `lock.${Section}` {
  return `lock.${section}`
}

export const FacilitationFields = {
  phase: oneOf('phase', PHASES),
  timer: TimerSchema,
  spotlight: SpotlightSchema,
  ...(Object.fromEntries(SECTIONS.map((s) => [lockField(s), flag(lockField(s))])) as Record<
    `lock.${Section}`,
    z.ZodBoolean
  >),
}

// ── purpose ──────────────────────────────────────────────────────────────────────────────────

export const MeasureSchema = z.object({
  text: requiredText('text', LIMITS.short),
  /** Position in the list; ties are broken by id. */
  order: z.number({ error: 'order must be a number' }).finite().default(0),
})
export type Measure = z.infer<typeof MeasureSchema>

/** JSON entry, keyed by team id: the last confirmation of that team. */
export const ConfirmationSchema = z.object({
  personId: idSchema('personId'),
  /** The statement as it read when confirmed: the confirmation lapses when it no longer does. */
  statement: z.string().max(LIMITS.textHard),
  at: isoTime('at'),
})
export type Confirmation = z.infer<typeof ConfirmationSchema>

// ── people ───────────────────────────────────────────────────────────────────────────────────

export const PersonSchema = z.object({
  name: requiredText('name', LIMITS.name),
  /** Home team, shown next to the name. Team roles are in members. */
  teamId: idSchema('teamId').nullable().default(null),
})
export type Person = z.infer<typeof PersonSchema>

// ── lenses and dot-voting ────────────────────────────────────────────────────────────────────

export const LensSchema = z.object({
  title: requiredText('title', LIMITS.short),
  description: optionalText('description', LIMITS.long).default(''),
  order: z.number({ error: 'order must be a number' }).finite().default(0),
})
export type Lens = z.infer<typeof LensSchema>

export const VOTING_STATES = ['draft', 'open', 'closed', 'revealed'] as const
export type VotingState = (typeof VOTING_STATES)[number]

export const VotingFields = {
  dotsPerPerson: intRange('dotsPerPerson', 1, 20),
  maxDotsPerLens: intRange('maxDotsPerLens', 1, 20),
  hiddenUntilReveal: flag('hiddenUntilReveal'),
  chooseMin: intRange('chooseMin', 1, 20),
  chooseMax: intRange('chooseMax', 1, 20),
  state: oneOf('state', VOTING_STATES),
}
export const VotingSettingsSchema = z.object({
  dotsPerPerson: VotingFields.dotsPerPerson,
  maxDotsPerLens: VotingFields.maxDotsPerLens,
  hiddenUntilReveal: VotingFields.hiddenUntilReveal,
  chooseMin: VotingFields.chooseMin,
  chooseMax: VotingFields.chooseMax,
})
export type VotingSettings = z.infer<typeof VotingSettingsSchema>
export const VOTING_DEFAULTS: VotingSettings & { state: VotingState } = {
  dotsPerPerson: 3,
  maxDotsPerLens: 2,
  hiddenUntilReveal: true,
  chooseMin: 2,
  chooseMax: 4,
  state: 'draft',
}

/** JSON entry, immutable: placing a dot inserts one, taking it back deletes it. */
export const DotSchema = z.object({
  lensId: idSchema('lensId'),
  voterId: idSchema('voterId'),
  /** When it was placed; with the id, the order in which a voter's dots count against the budget. */
  at: isoTime('at'),
})
export type Dot = z.infer<typeof DotSchema>

/** JSON entry keyed by person id. */
export const AbstentionSchema = z.object({ at: isoTime('at') })
export type Abstention = z.infer<typeof AbstentionSchema>

/** JSON entry keyed by lens id. */
export const ChosenLensSchema = z.object({ by: idSchema('by'), at: isoTime('at') })
export type ChosenLens = z.infer<typeof ChosenLensSchema>

// ── teams ────────────────────────────────────────────────────────────────────────────────────

export const TeamSchema = z.object({
  name: requiredText('name', LIMITS.name),
  order: z.number({ error: 'order must be a number' }).finite().default(0),
})
export type Team = z.infer<typeof TeamSchema>

export const MEMBER_ROLES = ['lead', 'contributor', 'reviewer'] as const
export type MemberRole = (typeof MEMBER_ROLES)[number]

/**
 * Ownership is a flag on a member, not a field on the team: two people setting different owners
 * at once then leaves two flags (or none), which the checks report, instead of one silently
 * overwriting the other.
 */
export const MemberSchema = z.object({
  teamId: idSchema('teamId'),
  personId: idSchema('personId'),
  role: oneOf('role', MEMBER_ROLES),
  owner: flag('owner').default(false),
})
export type Member = z.infer<typeof MemberSchema>

// ── milestones, dependencies, risks ──────────────────────────────────────────────────────────

export const MilestoneSchema = z.object({
  name: requiredText('name', LIMITS.short),
  date: isoDate('date'),
  outcome: optionalText('outcome', LIMITS.long).default(''),
})
export type Milestone = z.infer<typeof MilestoneSchema>

export const DEPENDENCY_STATUSES = ['open', 'at-risk', 'done', 'dropped'] as const
export type DependencyStatus = (typeof DEPENDENCY_STATUSES)[number]
/** Dependencies that still bind someone: the checks look only at these. */
export const ACTIVE_DEPENDENCY: ReadonlySet<DependencyStatus> = new Set(['open', 'at-risk'])

/** "`from` needs `what` from `to` by `neededBy`." */
export const DependencySchema = z.object({
  from: idSchema('from'),
  to: idSchema('to'),
  what: requiredText('what', LIMITS.short),
  neededBy: idSchema('neededBy').nullable().default(null),
  status: oneOf('status', DEPENDENCY_STATUSES).default('open'),
})
export type Dependency = z.infer<typeof DependencySchema>

export const RISK_STATUSES = ['open', 'mitigated', 'occurred', 'closed'] as const
export type RiskStatus = (typeof RISK_STATUSES)[number]
/** Risks that can still hurt: the ranking's top five is drawn from these. */
export const ACTIVE_RISK: ReadonlySet<RiskStatus> = new Set(['open', 'occurred'])

export const RiskSchema = z.object({
  title: requiredText('title', LIMITS.short),
  description: optionalText('description', LIMITS.long).default(''),
  likelihood: intRange('likelihood', 1, 5),
  impact: intRange('impact', 1, 5),
  ownerId: idSchema('ownerId').nullable().default(null),
  mitigation: optionalText('mitigation', LIMITS.long).default(''),
  status: oneOf('status', RISK_STATUSES).default('open'),
})
export type Risk = z.infer<typeof RiskSchema>

// ── retro ────────────────────────────────────────────────────────────────────────────────────

/** The retro's three columns, in the order the board shows them. */
export const RETRO_COLUMNS = ['worked', 'friction', 'change'] as const
export type RetroColumn = (typeof RETRO_COLUMNS)[number]

/** A retro card: what worked, what caused friction, what to change next cycle. */
export const RetroItemSchema = z.object({
  column: oneOf('column', RETRO_COLUMNS),
  text: requiredText('text', LIMITS.card),
  /** Who wrote it: they (or a facilitator) may edit and remove it. */
  authorId: idSchema('authorId'),
  at: isoTime('at'),
  order: z.number({ error: 'order must be a number' }).finite().default(0),
})
export type RetroItem = z.infer<typeof RetroItemSchema>

/** JSON entry, immutable, like a lens dot: placing one inserts it, taking it back deletes it. */
export const RetroDotSchema = z.object({
  itemId: idSchema('itemId'),
  voterId: idSchema('voterId'),
  at: isoTime('at'),
})
export type RetroDot = z.infer<typeof RetroDotSchema>

/** The retro's own dot-vote: the lens vote's rules (budget, cap per card, states, reveal). */
export const RetroVotingFields = {
  dotsPerPerson: intRange('dotsPerPerson', 1, 20),
  maxDotsPerItem: intRange('maxDotsPerItem', 1, 20),
  hiddenUntilReveal: flag('hiddenUntilReveal'),
  state: oneOf('state', VOTING_STATES),
}
export const RetroVotingSettingsSchema = z.object({
  dotsPerPerson: RetroVotingFields.dotsPerPerson,
  maxDotsPerItem: RetroVotingFields.maxDotsPerItem,
  hiddenUntilReveal: RetroVotingFields.hiddenUntilReveal,
})
export type RetroVotingSettings = z.infer<typeof RetroVotingSettingsSchema>
/**
 * Not written by a migration: a doc without a retro reads these (the keys were reserved in
 * schema 2, so older docs simply lack them). Visible by default: at a retro people see where the
 * dots go; a facilitator can hide them until the reveal as in the lens vote.
 */
export const RETRO_VOTING_DEFAULTS: RetroVotingSettings & { state: VotingState } = {
  dotsPerPerson: 3,
  maxDotsPerItem: 2,
  hiddenUntilReveal: false,
  state: 'draft',
}
