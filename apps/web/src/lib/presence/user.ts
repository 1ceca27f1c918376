import { z } from 'zod'

/**
 * What each client publishes as `user` in awareness. Peers are untrusted: parsed, never assumed.
 *
 * `team` is the hook for team colours: the join flow will set it to the person's team id once
 * the model has teams; until then it is absent or null and avatars use the person's own colour.
 */
export const PresenceUserSchema = z.object({
  personId: z.string().min(1).max(64),
  name: z.string().max(80),
  color: z.string().max(32),
  team: z.string().max(64).nullable().optional(),
})
export type PresenceUser = z.infer<typeof PresenceUserSchema>

/** The awareness field that holds a PresenceUser. */
export const USER_FIELD = 'user'
