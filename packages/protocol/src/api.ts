import { z } from 'zod'
import { RoleSchema, RoomIdSchema } from './ids.js'

/** `POST /api/rooms` body. */
export const CreateRoomRequestSchema = z.strictObject({
  title: z
    .string({ error: 'title must be a string' })
    .trim()
    .min(1, 'title must not be empty')
    .max(200, 'title must be at most 200 characters'),
  /** Seed the board from a built-in template instead of starting empty. */
  template: z.enum(['empty', 'sample']).optional(),
})
export type CreateRoomRequest = z.infer<typeof CreateRoomRequestSchema>

const RoleStrings = z.object({
  facilitator: z.string(),
  participant: z.string(),
  viewer: z.string(),
})

/** `POST /api/rooms` → 201. */
export const CreateRoomResponseSchema = z.object({
  roomId: RoomIdSchema,
  tokens: RoleStrings,
  links: RoleStrings,
})
export type CreateRoomResponse = z.infer<typeof CreateRoomResponseSchema>

/** `GET /api/rooms/:roomId/session` with `Authorization: Bearer <token>` → 200. */
export const SessionResponseSchema = z.object({
  roomId: RoomIdSchema,
  title: z.string(),
  role: RoleSchema,
})
export type SessionResponse = z.infer<typeof SessionResponseSchema>

/** Every 4xx/5xx JSON body. `field` names the offending input when there is one. */
export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
})
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>

/** `GET /healthz` → 200 when the server can serve and store, 503 otherwise. */
export const HealthResponseSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  storage: z.enum(['ok', 'unavailable']),
  uptimeSeconds: z.number(),
  rooms: z.number().int().nonnegative(),
  connections: z.number().int().nonnegative(),
})
export type HealthResponse = z.infer<typeof HealthResponseSchema>
