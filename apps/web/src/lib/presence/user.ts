import { z } from 'zod'

/**
 * What each client publishes as `user` in awareness. Peers are untrusted: parsed, never assumed.
 *
 * `team` is the team id the person picked when joining this board (null: no team yet). Avatars
 * take that team's colour when the board has such a team, else the person's own colour.
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
