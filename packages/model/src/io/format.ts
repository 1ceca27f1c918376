import { z } from 'zod'
import { IdSchema } from '../core/ids.js'
import {
  AbstentionSchema,
  ChosenLensSchema,
  ConfirmationSchema,
  DependencySchema,
  DotSchema,
  FacilitationFields,
  KickoffSettingsSchema,
  LIMITS,
  LensSchema,
  MeasureSchema,
  MemberSchema,
  MetaFields,
  MilestoneSchema,
  PersonSchema,
  RiskSchema,
  SECTIONS,
  TeamSchema,
  VotingFields,
  VotingSettingsSchema,
} from '../schema/entries.js'

/**
 * The kickoff as one JSON file: what exportKickoff writes and importKickoff reads. Versioned by
 * `format` independently of the Yjs schema: the file is a public promise (people keep exports),
 * the Yjs layout is not. Entries reuse the document's schemas, so anything the board holds
 * exports and imports again; collections are arrays with explicit ids, sorted by id.
 */
export const EXPORT_FORMAT = 'kickoff-board/1'

const withId = { id: IdSchema }

export const KickoffExportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT, { error: `format must be "${EXPORT_FORMAT}"` }),
  kickoff: z.strictObject({
    /** Empty when the board has no valid title: an export always imports again. */
    title: z.string().trim().max(LIMITS.title),
    createdAt: MetaFields.createdAt,
    closedAt: MetaFields.closedAt,
    closedBy: MetaFields.closedBy,
    settings: KickoffSettingsSchema,
  }),
  facilitation: z.strictObject({
    phase: FacilitationFields.phase,
    timer: FacilitationFields.timer,
    spotlight: FacilitationFields.spotlight,
    /** The locked sections. */
    locks: z.array(z.enum(SECTIONS)),
  }),
  purpose: z.strictObject({
    statement: z.string().max(LIMITS.textHard),
    why: z.string().max(LIMITS.textHard),
    measures: z.array(MeasureSchema.extend(withId)),
    /** One per team, keyed by `teamId`. */
    confirmations: z.array(ConfirmationSchema.extend({ teamId: IdSchema })),
  }),
  people: z.array(PersonSchema.extend(withId)),
  lenses: z.array(LensSchema.extend(withId)),
  voting: VotingSettingsSchema.extend({ state: VotingFields.state }),
  dots: z.array(DotSchema.extend(withId)),
  abstentions: z.array(AbstentionSchema.extend({ personId: IdSchema })),
  chosenLenses: z.array(ChosenLensSchema.extend({ lensId: IdSchema })),
  teams: z.array(TeamSchema.extend(withId)),
  members: z.array(MemberSchema.extend(withId)),
  milestones: z.array(MilestoneSchema.extend(withId)),
  dependencies: z.array(DependencySchema.extend(withId)),
  risks: z.array(RiskSchema.extend(withId)),
})

/** What exportKickoff returns (every default filled in). */
export type KickoffExport = z.output<typeof KickoffExportSchema>
/** What importKickoff accepts (fields with defaults may be left out). */
export type KickoffExportInput = z.input<typeof KickoffExportSchema>
