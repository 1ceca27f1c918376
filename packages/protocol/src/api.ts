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

// ── kickoff records ──────────────────────────────────────────────────────────────────────────

/**
 * What a record is of. The same strings as @kickoff/model's RECORD_KINDS (the server's tests
 * check that they agree).
 */
export const RecordKindSchema = z.enum(['kickoff', 'checkin', 'retro'], {
  error: 'kind must be one of kickoff, checkin, retro',
})
export type RecordKind = z.infer<typeof RecordKindSchema>

/** A record id: like a room id, 16 random bytes (128 bits) in base64url (newRecordId). */
export const RecordIdSchema = z
  .string()
  .min(16, 'record id is too short')
  .max(64, 'record id is too long')
  .regex(/^[A-Za-z0-9_-]+$/, 'record id must be URL-safe base64')

/** A record's content hash: SHA-256, 64 lower-case hex characters. */
export const RecordHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'hash must be 64 hex characters')

/** A person's id on a board (the model's ID_PATTERN). */
const PersonIdSchema = z
  .string({ error: 'personId must be a string' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'personId must be 1–64 letters, digits, "_" or "-"')

/**
 * `POST /api/rooms/:roomId/records` body: optional (no body: a kickoff record by an unnamed
 * facilitator). `closedBy` names who closed it; a person on the board is named as the board
 * names them.
 */
export const CreateRecordRequestSchema = z.strictObject({
  kind: RecordKindSchema.optional(),
  closedBy: z
    .strictObject({
      personId: PersonIdSchema.optional(),
      name: z
        .string({ error: 'name must be a string' })
        .trim()
        .max(80, 'name must be at most 80 characters')
        .optional(),
    })
    .optional(),
})
export type CreateRecordRequest = z.infer<typeof CreateRecordRequestSchema>

/** `POST /api/rooms/:roomId/records` → 201. */
export const CreateRecordResponseSchema = z.object({
  recordId: RecordIdSchema,
  hash: RecordHashSchema,
})
export type CreateRecordResponse = z.infer<typeof CreateRecordResponseSchema>

const RecordFacts = {
  recordId: RecordIdSchema,
  kind: RecordKindSchema,
  /** When it was written (ISO, UTC). */
  closedAt: z.string(),
  closedBy: z.object({ personId: z.string().nullable(), name: z.string().nullable() }),
  title: z.string(),
  hash: RecordHashSchema,
}

/**
 * One record in `GET /api/rooms/:roomId/records`. `valid: false` when the stored bytes no longer
 * match the hash (or are no record): the record is then not served, `problem` says why, and the
 * other fields are what is stored beside it, or null when that is unreadable too.
 */
export const RecordSummarySchema = z.discriminatedUnion('valid', [
  z.object({ ...RecordFacts, valid: z.literal(true) }),
  z.object({
    recordId: RecordIdSchema,
    kind: RecordKindSchema.nullable(),
    closedAt: z.string().nullable(),
    closedBy: RecordFacts.closedBy.nullable(),
    title: z.string().nullable(),
    hash: RecordHashSchema.nullable(),
    valid: z.literal(false),
    problem: z.string(),
  }),
])
export type RecordSummary = z.infer<typeof RecordSummarySchema>

/** `GET /api/rooms/:roomId/records` → 200, oldest first. */
export const RecordListResponseSchema = z.object({ records: z.array(RecordSummarySchema) })
export type RecordListResponse = z.infer<typeof RecordListResponseSchema>

/**
 * `GET /api/rooms/:roomId/records/:recordId` → 200: the record exactly as stored and hashed.
 * `record` is validated by @kickoff/model's RecordContentSchema; SHA-256 of its canonical JSON
 * (model: canonicalJson) is `hash`.
 */
export const RecordResponseSchema = z.object({
  recordId: RecordIdSchema,
  hash: RecordHashSchema,
  record: z.unknown(),
})
export type RecordResponse = z.infer<typeof RecordResponseSchema>

/** `POST /api/rooms/:roomId/records/:recordId/next-cycle` body (optional) → 201 CreateRoomResponse. */
export const NextCycleRequestSchema = z.strictObject({
  title: CreateRoomRequestSchema.shape.title.optional(),
})
export type NextCycleRequest = z.infer<typeof NextCycleRequestSchema>
