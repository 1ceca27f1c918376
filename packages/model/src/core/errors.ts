/**
 * Every refused write throws a ModelError. The `code` is for programs (the UI picks a message or
 * a control to disable by it); the `message` is written for people and names the field.
 */
export const MODEL_ERROR_CODES = [
  /** The input does not match its schema: an empty name, likelihood 7, a date that is no date. */
  'invalid_input',
  /** The entry the write refers to does not exist (a team, a lens, a milestone…). */
  'not_found',
  /** An entry with that id already exists, or the write would duplicate one. */
  'duplicate',
  /** The actor's role may not make this write (a viewer writing, a participant opening voting). */
  'forbidden',
  /** The section is locked, or the kickoff is closed, and the actor is not a facilitator. */
  'locked',
  /** The voting session or the timer is not in a state that allows this write. */
  'wrong_state',
  /** The dot would exceed the voter's budget of dots. */
  'over_budget',
  /** The dot would exceed the per-lens cap for this voter. */
  'over_cap',
  /** More lenses would be chosen than the settings allow. */
  'too_many_chosen',
  /** Only the team's owner may confirm the purpose for the team. */
  'not_owner',
  /** An import is not a valid kickoff-board export. */
  'invalid_import',
  /** The document was written by a newer version of Kickoff Board than this one. */
  'newer_schema',
] as const

export type ModelErrorCode = (typeof MODEL_ERROR_CODES)[number]

export class ModelError extends Error {
  override readonly name = 'ModelError'
  readonly code: ModelErrorCode
  /** The offending input field (dotted path), when there is one. */
  readonly field: string | undefined

  constructor(code: ModelErrorCode, message: string, field?: string) {
    super(message)
    this.code = code
    this.field = field
  }
}

export function isModelError(e: unknown): e is ModelError {
  return e instanceof ModelError
}
