import { z } from 'zod'
import { idSchema } from './ids.js'
import { oneOf } from '../schema/fields.js'
import { parseInput } from './write.js'

/** The roles a board link grants; the same strings as @kickoff/protocol's RoleSchema. */
export const ROLES = ['facilitator', 'participant', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/**
 * Who is writing. Every write takes one, so the rules (viewers never write, only facilitators run
 * the session, locked sections refuse participants) hold whatever the UI shows. The server
 * enforces roles on the wire; these checks keep honest clients from breaking the rules by
 * accident and give the UI one place to ask "may I?".
 */
export const ActorSchema = z.object({
  personId: idSchema('actor.personId'),
  role: oneOf('actor.role', ROLES),
})
export type Actor = z.infer<typeof ActorSchema>

export function parseActor(actor: unknown): Actor {
  return parseInput(ActorSchema, actor)
}
