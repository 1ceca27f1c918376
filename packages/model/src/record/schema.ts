import { z } from 'zod'
import { IdSchema } from '../core/ids.js'
import { READINESS_SIGNALS } from '../readiness/readiness.js'
import {
  DEPENDENCY_STATUSES,
  FacilitationFields,
  KickoffSettingsSchema,
  LensSchema,
  MEMBER_ROLES,
  MeasureSchema,
  MetaFields,
  MilestoneSchema,
  RETRO_COLUMNS,
  RetroItemSchema,
  RetroVotingSettingsSchema,
  RiskSchema,
  SECTIONS,
  VOTING_STATES,
  VotingSettingsSchema,
} from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'

/**
 * The kickoff record as zod schemas, so that whoever reads one (the server before serving it,
 * the app, a golden-fixture test years later) validates it instead of trusting it. Entries reuse
 * the document's own schemas (RiskSchema, MilestoneSchema…) extended with what the views add
 * (ids, resolved names, ranks), so a record holds exactly what the board's views showed.
 *
 * Versioned by `format` (RECORD_FORMAT), independently of the Yjs SCHEMA_VERSION: a record is a
 * public, immutable promise. A later format must keep a reader for this one (see
 * test/fixtures/golden/README.md).
 */
export const RECORD_FORMAT = 'kickoff-board-record/1'

/** What a record is of: the kickoff's close, a check-in along the way, or the retro. */
export const RECORD_KINDS = ['kickoff', 'checkin', 'retro'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]

const count = z.int().nonnegative()
const Name = z.string()
const IsoTime = z.iso.datetime({ precision: 3 })
const PersonRefSchema = z.object({ id: IdSchema, name: Name })
const TeamRefSchema = z.object({ id: IdSchema, name: Name })

// ── the board snapshot (io/snapshot.ts), section by section ─────────────────────────────────

export const KickoffInfoSchema = z.object({
  title: z.string(),
  schemaVersion: z.int().nonnegative(),
  createdAt: MetaFields.createdAt,
  closedAt: MetaFields.closedAt,
  closedBy: MetaFields.closedBy,
  closed: z.boolean(),
  settings: KickoffSettingsSchema,
})

const FacilitationSnapshotSchema = z.object({
  phase: FacilitationFields.phase,
  timer: FacilitationFields.timer,
  spotlight: FacilitationFields.spotlight,
  locks: z.array(z.enum(SECTIONS)),
})

const ConfirmationViewSchema = z.object({
  teamId: IdSchema,
  teamName: Name,
  status: z.enum(['confirmed', 'lapsed', 'not_by_owner', 'missing']),
  confirmedBy: PersonRefSchema.nullable(),
  at: IsoTime.nullable(),
  confirmedStatement: z.string().nullable(),
})

const PersonViewSchema = z.object({ id: IdSchema, name: Name, teamId: IdSchema.nullable() })

const LensViewSchema = LensSchema.extend({ id: IdSchema })

const DotRefSchema = z.object({ id: IdSchema, lensId: IdSchema, voterId: IdSchema, at: IsoTime })
const Rejection = z.enum(['over_budget', 'over_cap'])

export const TallySchema = z.object({
  state: z.enum(VOTING_STATES),
  settings: VotingSettingsSchema,
  visible: z.boolean(),
  eligible: count,
  voted: count,
  abstained: z.array(PersonRefSchema),
  notVoted: z.array(PersonRefSchema),
  lenses: z.array(
    z.object({
      lensId: IdSchema,
      title: z.string(),
      dots: count,
      voters: count,
      rank: z.int().positive(),
      tied: z.boolean(),
      chosen: z.boolean(),
    }),
  ),
  ties: z.array(z.object({ dots: count, rank: z.int().positive(), lensIds: z.array(IdSchema) })),
  voters: z.array(
    z.object({
      personId: IdSchema,
      name: Name,
      placed: count,
      counted: count,
      byLens: z.record(IdSchema, count),
      dots: z.array(DotRefSchema),
      rejected: z.array(DotRefSchema.extend({ reason: Rejection })),
      overBudget: z.boolean(),
      overCap: z.array(IdSchema),
    }),
  ),
  /** Always null in a record: it is nobody's personal view. */
  mine: z.null(),
  chosen: z.array(IdSchema),
})

const MemberViewSchema = z.object({
  id: IdSchema,
  teamId: IdSchema,
  personId: IdSchema,
  name: Name,
  role: z.enum(MEMBER_ROLES),
  owner: z.boolean(),
})

const TeamViewSchema = z.object({
  id: IdSchema,
  name: Name,
  order: z.number(),
  members: z.array(MemberViewSchema),
  ownerIds: z.array(IdSchema),
})

const MilestoneViewSchema = MilestoneSchema.extend({ id: IdSchema })

const DependencyItemSchema = z.object({
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  what: z.string(),
  neededBy: IdSchema.nullable(),
  status: z.enum(DEPENDENCY_STATUSES),
  fromName: Name,
  toName: Name,
  milestone: MilestoneViewSchema.nullable(),
})

const RankedRiskSchema = RiskSchema.extend({
  id: IdSchema,
  score: z.int().min(1).max(25),
  ownerName: Name.nullable(),
  active: z.boolean(),
  rank: z.int().positive().nullable(),
})

export const BoardSnapshotSchema = z.object({
  kickoff: KickoffInfoSchema,
  facilitation: FacilitationSnapshotSchema,
  purpose: z.object({
    statement: z.string(),
    why: z.string(),
    measures: z.array(MeasureSchema.extend({ id: IdSchema })),
    confirmations: z.array(ConfirmationViewSchema),
  }),
  people: z.array(PersonViewSchema),
  lenses: z.array(LensViewSchema),
  /** The final tally, every dot counted and visible whatever the vote's state was. */
  vote: TallySchema,
  teams: z.array(TeamViewSchema),
  milestones: z.array(MilestoneViewSchema),
  dependencies: z.array(DependencyItemSchema),
  risks: z.array(RankedRiskSchema),
})

// ── checks and readiness at close ────────────────────────────────────────────────────────────

const DependencyRefSchema = z.object({
  id: IdSchema,
  from: TeamRefSchema,
  to: TeamRefSchema,
  what: z.string(),
})

export const DependencyChecksSchema = z.object({
  noOwner: z.array(TeamRefSchema),
  manyOwners: z.array(z.object({ team: TeamRefSchema, owners: z.array(PersonRefSchema) })),
  cycles: z.array(
    z.object({
      teams: z.array(TeamRefSchema),
      path: z.string(),
      dependencyIds: z.array(IdSchema),
      involved: z.array(TeamRefSchema),
    }),
  ),
  noMilestone: z.array(DependencyRefSchema),
  pastMilestone: z.array(
    DependencyRefSchema.extend({
      milestone: z.object({ id: IdSchema, name: Name, date: MilestoneSchema.shape.date }),
    }),
  ),
  dependedOn: z.array(z.object({ team: TeamRefSchema, dependents: count, dependencies: count })),
  mostDependedOn: z.array(
    z.object({ team: TeamRefSchema, dependents: count, dependencies: count }),
  ),
})

export const RiskChecksSchema = z.object({
  /** The top five active risks, by id, in rank order. */
  top: z.array(IdSchema),
  tiedWithFifth: z.array(IdSchema),
  topLacking: z.array(
    z.object({ riskId: IdSchema, missing: z.array(z.enum(['owner', 'mitigation'])) }),
  ),
})

export const ReadinessSchema = z.object({
  ready: z.boolean(),
  signals: z.array(
    z.object({
      id: z.enum(READINESS_SIGNALS),
      label: z.string(),
      ok: z.boolean(),
      missing: z.array(z.object({ ref: IdSchema.nullable(), message: z.string() })),
    }),
  ),
})

// ── the retro ────────────────────────────────────────────────────────────────────────────────

const RetroItemViewSchema = RetroItemSchema.extend({ id: IdSchema, authorName: Name })

export const RetroSnapshotSchema = z.object({
  items: z.array(RetroItemViewSchema),
  tally: z.object({
    state: z.enum(VOTING_STATES),
    settings: RetroVotingSettingsSchema,
    visible: z.boolean(),
    eligible: count,
    voted: count,
    notVoted: z.array(PersonRefSchema),
    items: z.array(
      z.object({
        itemId: IdSchema,
        column: z.enum(RETRO_COLUMNS),
        text: z.string(),
        dots: count,
        voters: count,
        rank: z.int().positive(),
        tied: z.boolean(),
      }),
    ),
    ties: z.array(z.object({ dots: count, rank: z.int().positive(), itemIds: z.array(IdSchema) })),
    voters: z.array(
      z.object({
        personId: IdSchema,
        name: Name,
        placed: count,
        counted: count,
        byItem: z.record(IdSchema, count),
        dots: z.array(z.object({ id: IdSchema, itemId: IdSchema, voterId: IdSchema, at: IsoTime })),
        rejected: z.array(
          z.object({
            id: IdSchema,
            itemId: IdSchema,
            voterId: IdSchema,
            at: IsoTime,
            reason: Rejection,
          }),
        ),
      }),
    ),
    mine: z.null(),
  }),
})

// ── the record ───────────────────────────────────────────────────────────────────────────────

const ProblemSchema = z.object({
  key: z.enum(Object.values(ROOT) as [string, ...string[]]),
  id: z.string().optional(),
  field: z.string().optional(),
  code: z.string(),
  message: z.string(),
})

/** base64 (RFC 4648, with padding) of `Y.encodeStateAsUpdate(doc)`. */
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'state must be base64')

/**
 * The content of a record: what is hashed (canonicalJson) and stored. The hash itself is kept
 * beside it (it cannot be inside what it covers).
 */
export const RecordContentSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  kind: z.enum(RECORD_KINDS),
  /** The room and the record's id: a record cannot pass for another one. */
  roomId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  recordId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** The document schema version of the code that wrote the record. */
  schemaVersion: z.int().positive(),
  /** When the record was written (the close), UTC with milliseconds. */
  closedAt: IsoTime,
  /** Who closed it: a person on the board when known, else only a name (or nothing). */
  closedBy: z.object({ personId: IdSchema.nullable(), name: Name.nullable() }),
  title: z.string(),
  board: BoardSnapshotSchema,
  readiness: ReadinessSchema,
  checks: z.object({ dependencies: DependencyChecksSchema, risks: RiskChecksSchema }),
  retro: RetroSnapshotSchema,
  /** What the views had to leave out or read around when the record was written. */
  problems: z.array(ProblemSchema),
  /** The whole document: the record can be opened as a board again (diffs, the next cycle). */
  state: z.object({ encoding: z.literal('base64'), bytes: count, update: Base64 }),
})

export type RecordContent = z.output<typeof RecordContentSchema>
export type RecordBoard = z.output<typeof BoardSnapshotSchema>
