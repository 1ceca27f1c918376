// The public surface of @kickoff/model, by name. A change here is a change to what the server and
// the web app build on: review it as such. Test helpers are in '@kickoff/model/testing'.

// schema
export { ROOT } from './schema/keys.js'
export type { RootKey } from './schema/keys.js'
export { LAYOUT, OWNED_KEYS, RETRO_KEYS } from './schema/layout.js'
export type { KeyLayout } from './schema/layout.js'
export { ACT_KEYS, CONTENT_KEYS, KEY_ACCESS } from './schema/access.js'
export type { KeyAccess } from './schema/access.js'
export {
  ACTIVE_DEPENDENCY,
  ACTIVE_RISK,
  AbstentionSchema,
  ChosenLensSchema,
  ConfirmationSchema,
  DEPENDENCY_STATUSES,
  DependencySchema,
  DotSchema,
  FacilitationFields,
  KICKOFF_SETTINGS_DEFAULTS,
  KickoffSettingsSchema,
  LIMITS,
  LensSchema,
  MEMBER_ROLES,
  MeasureSchema,
  MemberSchema,
  MetaFields,
  MilestoneSchema,
  PHASES,
  PersonSchema,
  RETRO_COLUMNS,
  RETRO_VOTING_DEFAULTS,
  RISK_STATUSES,
  RetroDotSchema,
  RetroItemSchema,
  RetroVotingFields,
  RetroVotingSettingsSchema,
  RiskSchema,
  SECTIONS,
  SPOTLIGHT_AREAS,
  SpotlightSchema,
  TeamSchema,
  TimerSchema,
  TitleSchema,
  VOTING_DEFAULTS,
  VOTING_STATES,
  VotingFields,
  VotingSettingsSchema,
} from './schema/entries.js'
export type {
  Abstention,
  ChosenLens,
  Confirmation,
  Dependency,
  DependencyStatus,
  Dot,
  KickoffSettings,
  Lens,
  Measure,
  Member,
  MemberRole,
  Milestone,
  Person,
  Phase,
  RetroColumn,
  RetroDot,
  RetroItem,
  RetroVotingSettings,
  Risk,
  RiskStatus,
  Section,
  Spotlight,
  SpotlightArea,
  Team,
  Timer,
  VotingSettings,
  VotingState,
} from './schema/entries.js'
export {
  MIGRATIONS,
  SCHEMA_VERSION,
  migrate,
  needsMigration,
  schemaVersionOf,
} from './migrations/migrations.js'
export type { Migration, MigrationResult } from './migrations/migrations.js'

// errors, ids, actors, problems
export { MODEL_ERROR_CODES, ModelError, isModelError } from './core/errors.js'
export type { ModelErrorCode } from './core/errors.js'
export { ID_PATTERN, IdSchema, isId, newId } from './core/ids.js'
export { ActorSchema, ROLES } from './core/actor.js'
export type { Actor, Role } from './core/actor.js'
export type { Problem, ProblemCode } from './core/problems.js'
export type { WriteOptions } from './core/write.js'
export { problems } from './problems/problems.js'

// kickoff and facilitation
export {
  closeKickoff,
  getTitle,
  initKickoff,
  kickoffInfo,
  reopenKickoff,
  setKickoffSettings,
  setTitle,
} from './kickoff/kickoff.js'
export type { KickoffInfo } from './kickoff/kickoff.js'
export { assertCanWrite, canWrite, isClosed, isLocked } from './facilitation/access.js'
export {
  bringEveryoneHere,
  clearSpotlight,
  facilitationView,
  lockSection,
  pauseTimer,
  resetTimer,
  resumeTimer,
  setPhase,
  startTimer,
  timerView,
  unlockSection,
} from './facilitation/facilitation.js'
export type { FacilitationView, TimerView } from './facilitation/facilitation.js'

// purpose
export {
  normalizeStatement,
  purposeStatement,
  purposeWhy,
  setPurposeStatement,
  setPurposeWhy,
} from './purpose/statement.js'
export { addMeasure, listMeasures, removeMeasure, updateMeasure } from './purpose/measures.js'
export type { MeasureView } from './purpose/measures.js'
export {
  confirmPurpose,
  purposeConfirmations,
  withdrawConfirmation,
} from './purpose/confirmations.js'
export type { ConfirmationStatus, TeamConfirmation } from './purpose/confirmations.js'

// people and teams
export { addPerson, joinBoard, listPeople, renamePerson } from './people/people.js'
export type { PersonRef, PersonView } from './people/people.js'
export {
  addMember,
  addTeam,
  ownerChecks,
  removeMember,
  removeTeam,
  setMemberRole,
  setOwner,
  teamsView,
  unsetOwner,
  updateTeam,
} from './teams/teams.js'
export type { MemberView, OwnerChecks, TeamRef, TeamView } from './teams/teams.js'

// lenses and dot-voting
export { addLens, listLenses, removeLens, updateLens } from './lenses/candidates.js'
export type { LensView } from './lenses/candidates.js'
export {
  closeVoting,
  openVoting,
  readVoting,
  resetVoting,
  revealVoting,
  setVotingSettings,
} from './lenses/voting.js'
export type { VotingView } from './lenses/voting.js'
export { abstain, castDot, removeDot, withdrawAbstention } from './lenses/dots.js'
export { ballot } from './lenses/ballot.js'
export type { Ballot, BallotLens, Refusal } from './lenses/ballot.js'
export { chooseLens, readChosen, unchooseLens } from './lenses/chosen.js'
export { tally } from './lenses/tally.js'
export type {
  DotRef,
  LensTally,
  MyVote,
  RejectedDot,
  Tally,
  TallyOptions,
  TieGroup,
  VoterTally,
} from './lenses/tally.js'

// milestones, dependencies, risks
export {
  addMilestone,
  listMilestones,
  removeMilestone,
  updateMilestone,
} from './milestones/milestones.js'
export type { MilestoneView } from './milestones/milestones.js'
export {
  addDependency,
  listDependencies,
  removeDependency,
  updateDependency,
} from './dependencies/dependencies.js'
export type { DependencyListItem, DependencyView } from './dependencies/dependencies.js'
export { dependencyChecks, utcDate } from './dependencies/checks.js'
export type {
  DependedOnTeam,
  DependencyChecks,
  DependencyCycle,
  DependencyRef,
  PastDueDependency,
} from './dependencies/checks.js'
export { addRisk, removeRisk, updateRisk } from './risks/risks.js'
export type { RiskEntryView, RiskInput } from './risks/risks.js'
export { TOP_RISKS, compareRisks, riskRanking } from './risks/ranking.js'
export type { RankedRisk, RiskGap, RiskRanking } from './risks/ranking.js'

// readiness
export { READINESS_SIGNALS, readiness } from './readiness/readiness.js'
export type {
  MissingItem,
  Readiness,
  ReadinessSignal,
  ReadinessSignalId,
} from './readiness/readiness.js'

// import, export, snapshot, sample
export { EXPORT_FORMAT, KickoffExportSchema } from './io/format.js'
export type { KickoffExport, KickoffExportInput } from './io/format.js'
export { exportKickoff } from './io/export.js'
export { importKickoff } from './io/import.js'
export { boardSnapshot } from './io/snapshot.js'
export type { BoardSnapshot } from './io/snapshot.js'
export { KICKOFF_SAMPLE } from './sample/kickoffSample.js'
export { KickoffSampleSchema } from './sample/format.js'
export type { KickoffSample } from './sample/format.js'
export { sampleToExport, seedSampleKickoff } from './sample/seed.js'

// the retro
export {
  addRetroItem,
  compareRetroItems,
  listRetroItems,
  removeRetroItem,
  updateRetroItem,
} from './retro/items.js'
export type { RetroItemView } from './retro/items.js'
export {
  castRetroDot,
  closeRetroVoting,
  openRetroVoting,
  readRetroVoting,
  removeRetroDot,
  resetRetroVoting,
  retroBallot,
  retroTally,
  revealRetroVoting,
  setRetroVotingSettings,
} from './retro/voting.js'
export type {
  RetroBallot,
  RetroDotRef,
  RetroItemTally,
  RetroTally,
  RetroVoterTally,
  RetroVotingView,
} from './retro/voting.js'

// the record
export {
  BoardSnapshotSchema,
  RECORD_FORMAT,
  RECORD_KINDS,
  RecordContentSchema,
} from './record/schema.js'
export type { RecordBoard, RecordContent, RecordKind } from './record/schema.js'
export {
  buildRecord,
  openRecordText,
  recordDoc,
  sealRecord,
  serializeRecord,
  verifyRecord,
} from './record/build.js'
export type { BuildRecordOptions, RecordCheck } from './record/build.js'
export { HASH_PATTERN, canonicalJson, sha256Hex } from './record/canonical.js'
export { DIFF_AREAS, DIFF_KINDS, diffBoards, diffRecords } from './record/diff.js'
export type {
  BoardDiff,
  DiffArea,
  DiffEntry,
  DiffKind,
  DiffOptions,
  DiffableBoard,
  FieldChange,
  Scalar,
} from './record/diff.js'
export {
  RECORD_KIND_NAMES,
  RETRO_COLUMN_NAMES,
  recordMarkdown,
  recordTime,
} from './record/markdown.js'
export { RECORD_CSV_TABLES, recordCsv } from './record/csv.js'
export type { RecordCsvTable } from './record/csv.js'
export { nextCycleExport } from './record/nextCycle.js'
