import type { RootKey } from '../schema/keys.js'

/**
 * Something in the document that the views leave out or repair: written by an old client, a
 * hand-edited import, a buggy or malicious peer, or two concurrent edits that each made sense.
 * Views never throw on these; problems() lists them so someone can clean up.
 */
export interface Problem {
  key: RootKey
  /** The entry's id (its key in the collection), when the problem is one entry. */
  id?: string
  /** The field (of a fields map or an entry), when the problem is one field. */
  field?: string
  code: ProblemCode
  message: string
}

export type ProblemCode =
  /** An entry fails its schema: it is left out of every view. */
  | 'invalid_entry'
  /** A settings field fails its schema: the default is used instead. */
  | 'invalid_field'
  /** A collection key that is not a valid id: the entry is left out. */
  | 'invalid_id'
  /** An entry refers to something that does not exist (a deleted team…): it is left out. */
  | 'dangling_reference'
  /** A co-edited text is longer than its limit: shown anyway. */
  | 'too_long'
  /** The same person appears twice in one team: both rows are shown. */
  | 'duplicate_member'
  /** Settings contradict each other after concurrent edits: the view uses a consistent reading. */
  | 'conflicting_settings'
  /** The doc is at an older schema version: the server migrates it when it loads the room. */
  | 'needs_migration'
  /** The doc was written by a newer version: what this version does not know is left out. */
  | 'newer_schema'

/** Collects problems while reading; views that do not report them pass none. */
export type ProblemSink = Problem[] | undefined
