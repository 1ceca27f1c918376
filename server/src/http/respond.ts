import type { IncomingMessage, ServerResponse } from 'node:http'
import type { z } from 'zod'

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  res.end(text)
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  field?: string,
): void {
  sendJson(res, status, { error: { code, message, ...(field ? { field } : {}) } })
}

/** A request the API refuses; carries the HTTP status and the JSON error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

/** Reads a JSON body of at most `limit` bytes. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json')
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = chunk as Buffer
    size += buf.length
    if (size > limit) throw new HttpError(413, 'payload_too_large', `body exceeds ${limit} bytes`)
    chunks.push(buf)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'invalid_json', 'body is not valid JSON')
  }
}

/** Validates with zod; the error names the first offending field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined
  throw new HttpError(
    400,
    'invalid_body',
    issue ? `${field ?? keys ?? 'body'}: ${issue.message}` : 'invalid body',
    field ?? keys,
  )
}

export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null
  return m?.[1] ?? null
}
