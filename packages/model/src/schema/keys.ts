/**
 * Every top-level key of the kickoff Y.Doc. This is the one place that names them: other
 * modules import these constants, and docs/architecture.md lists the same table.
 */
export const ROOT = {
  /** Y.Map: schemaVersion, title, createdAt, … (see kickoff/). */
  meta: 'meta',
  /** Y.Text: the one-sentence purpose statement. */
  purposeStatement: 'purpose.statement',
} as const

export type RootKey = (typeof ROOT)[keyof typeof ROOT]

/** Bumped by every migration step; stored in `meta.schemaVersion`. */
export const SCHEMA_VERSION = 1
