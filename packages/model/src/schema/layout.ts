import type { z } from 'zod'
import {
  AbstentionSchema,
  ChosenLensSchema,
  ConfirmationSchema,
  DependencySchema,
  DotSchema,
  FacilitationFields,
  LIMITS,
  LensSchema,
  MeasureSchema,
  MemberSchema,
  MetaFields,
  MilestoneSchema,
  PersonSchema,
  RetroDotSchema,
  RetroItemSchema,
  RetroVotingFields,
  RiskSchema,
  TeamSchema,
  VotingFields,
} from './entries.js'
import { ROOT, type RootKey } from './keys.js'

/**
 * How each top-level key of the kickoff document is stored, in one table:
 * - `fields`: a Y.Map of independent named fields (each validated on its own);
 * - `text`: a top-level Y.Text;
 * - `collection`: a Y.Map from id to an entry that is a nested Y.Map (`entry: 'ymap'`, fields
 *   editable one by one) or an immutable JSON value (`entry: 'json'`, replaced or deleted whole).
 * `foreign` keys belong to other parts of the app (the canvas) and this package leaves them be.
 * `part: 'retro'` marks the retro's keys: the model owns them, but they are not part of the
 * kickoff that export and import carry (an import replaces the kickoff, not its retro).
 */
export type KeyLayout = (
  | { kind: 'fields'; fields: Record<string, z.ZodType> }
  | { kind: 'text'; maxLength: number }
  | { kind: 'collection'; entry: 'ymap' | 'json'; schema: z.ZodType; keyedBy: string }
  | { kind: 'foreign' }
) & { part?: 'retro' }

export const LAYOUT = {
  [ROOT.meta]: { kind: 'fields', fields: MetaFields },
  [ROOT.facilitation]: { kind: 'fields', fields: FacilitationFields },
  [ROOT.purposeStatement]: { kind: 'text', maxLength: LIMITS.statement },
  [ROOT.purposeWhy]: { kind: 'text', maxLength: LIMITS.long },
  [ROOT.purposeMeasures]: {
    kind: 'collection',
    entry: 'ymap',
    schema: MeasureSchema,
    keyedBy: 'measure id',
  },
  [ROOT.purposeConfirmations]: {
    kind: 'collection',
    entry: 'json',
    schema: ConfirmationSchema,
    keyedBy: 'team id',
  },
  [ROOT.people]: { kind: 'collection', entry: 'ymap', schema: PersonSchema, keyedBy: 'person id' },
  [ROOT.lenses]: { kind: 'collection', entry: 'ymap', schema: LensSchema, keyedBy: 'lens id' },
  [ROOT.voting]: { kind: 'fields', fields: VotingFields },
  [ROOT.dots]: { kind: 'collection', entry: 'json', schema: DotSchema, keyedBy: 'dot id' },
  [ROOT.abstentions]: {
    kind: 'collection',
    entry: 'json',
    schema: AbstentionSchema,
    keyedBy: 'person id',
  },
  [ROOT.chosenLenses]: {
    kind: 'collection',
    entry: 'json',
    schema: ChosenLensSchema,
    keyedBy: 'lens id',
  },
  [ROOT.teams]: { kind: 'collection', entry: 'ymap', schema: TeamSchema, keyedBy: 'team id' },
  [ROOT.members]: { kind: 'collection', entry: 'ymap', schema: MemberSchema, keyedBy: 'member id' },
  [ROOT.milestones]: {
    kind: 'collection',
    entry: 'ymap',
    schema: MilestoneSchema,
    keyedBy: 'milestone id',
  },
  [ROOT.dependencies]: {
    kind: 'collection',
    entry: 'ymap',
    schema: DependencySchema,
    keyedBy: 'dependency id',
  },
  [ROOT.risks]: { kind: 'collection', entry: 'ymap', schema: RiskSchema, keyedBy: 'risk id' },
  [ROOT.canvas]: { kind: 'foreign' },
  [ROOT.retroItems]: {
    kind: 'collection',
    entry: 'ymap',
    schema: RetroItemSchema,
    keyedBy: 'retro card id',
    part: 'retro',
  },
  [ROOT.retroDots]: {
    kind: 'collection',
    entry: 'json',
    schema: RetroDotSchema,
    keyedBy: 'dot id',
    part: 'retro',
  },
  [ROOT.retroVoting]: { kind: 'fields', fields: RetroVotingFields, part: 'retro' },
} as const satisfies Record<RootKey, KeyLayout>

/**
 * The kickoff's keys: what export holds and import replaces. Not the foreign keys (the canvas),
 * and not the retro's (a kickoff imported again keeps its retro).
 */
export const OWNED_KEYS = (Object.keys(LAYOUT) as RootKey[]).filter((k) => {
  const layout: KeyLayout = LAYOUT[k]
  return layout.kind !== 'foreign' && layout.part !== 'retro'
})

/** The retro's keys (cards, their dots, the retro vote). */
export const RETRO_KEYS = (Object.keys(LAYOUT) as RootKey[]).filter((k) => {
  const layout: KeyLayout = LAYOUT[k]
  return layout.part === 'retro'
})
