import {
  CreateRecordResponseSchema,
  CreateRoomResponseSchema,
  ErrorResponseSchema,
  RecordListResponseSchema,
  SessionResponseSchema,
  type CreateRecordRequest,
  type CreateRecordResponse,
  type CreateRoomResponse,
  type RecordSummary,
  type SessionResponse,
} from '@kickoff/protocol'
import type { z } from 'zod'

/**
 * The records API from the browser (docs/architecture.md#records). Every call carries the room's
 * token as a bearer token; answers are parsed with the protocol's schemas, and refusals become an
 * `ApiError` with the server's message, written for people.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

async function refusal(res: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // not JSON
  }
  const parsed = ErrorResponseSchema.safeParse(body)
  return parsed.success
    ? new ApiError(res.status, parsed.data.error.code, parsed.data.error.message)
    : new ApiError(res.status, 'http_error', `the server answered ${res.status}`)
}

async function request(
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  if (!res.ok) throw await refusal(res)
  return res
}

async function json<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
  return schema.parse(await res.json())
}

/** What this link's token is in the room (the board asks the same). */
export async function fetchSession(roomId: string, token: string): Promise<SessionResponse> {
  const res = await request(`/api/rooms/${encodeURIComponent(roomId)}/session`, token)
  return json(res, SessionResponseSchema)
}

const base = (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/records`

export async function listRecords(roomId: string, token: string): Promise<RecordSummary[]> {
  return (await json(await request(base(roomId), token), RecordListResponseSchema)).records
}

export async function writeRecord(
  roomId: string,
  token: string,
  body: CreateRecordRequest,
): Promise<CreateRecordResponse> {
  const res = await request(base(roomId), token, { method: 'POST', body })
  return json(res, CreateRecordResponseSchema)
}

/** The record as the server answers it, as text (the JSON export) and parsed. */
export async function fetchRecordText(
  roomId: string,
  recordId: string,
  token: string,
): Promise<string> {
  return (await request(`${base(roomId)}/${encodeURIComponent(recordId)}`, token)).text()
}

export async function fetchRecordMarkdown(
  roomId: string,
  recordId: string,
  token: string,
): Promise<string> {
  return (await request(`${base(roomId)}/${encodeURIComponent(recordId)}.md`, token)).text()
}

export async function startNextCycle(
  roomId: string,
  recordId: string,
  token: string,
  title: string | null,
): Promise<CreateRoomResponse> {
  const res = await request(`${base(roomId)}/${encodeURIComponent(recordId)}/next-cycle`, token, {
    method: 'POST',
    body: title ? { title } : {},
  })
  return json(res, CreateRoomResponseSchema)
}

/** Saves text as a file through the browser's download. */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A file name from a title: `Atlas: 30-day sprint` → `atlas-30-day-sprint`. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'kickoff'
  )
}
