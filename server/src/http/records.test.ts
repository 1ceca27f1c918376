import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  RECORD_KINDS,
  RecordContentSchema,
  canonicalJson,
  exportKickoff,
  kickoffInfo,
  sha256Hex,
} from '@kickoff/model'
import {
  CreateRecordResponseSchema,
  CreateRoomResponseSchema,
  ErrorResponseSchema,
  RecordKindSchema,
  RecordListResponseSchema,
  RecordResponseSchema,
  type CreateRoomResponse,
} from '@kickoff/protocol'
import { createKickoffServer, type KickoffServer } from '../app.js'
import { loadConfig } from '../config.js'
import { createLogger } from '../log.js'
import { MemoryStorage } from '../storage/memory.js'

let server: KickoffServer | null = null
let storage: MemoryStorage
let base = ''
afterEach(async () => {
  await server?.close()
  server = null
})

async function start(): Promise<void> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', WEB_BUILD_DIR: '' })
  storage = new MemoryStorage()
  server = await createKickoffServer({ config, storage, log: createLogger('silent') })
  base = `http://127.0.0.1:${await server.listen()}`
}

async function room(template: 'sample' | 'empty' = 'sample'): Promise<CreateRoomResponse> {
  const res = await fetch(`${base}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Atlas', template }),
  })
  return CreateRoomResponseSchema.parse(await res.json())
}

function call(
  path: string,
  opts: { method?: string; token?: string | null; body?: unknown; type?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {}
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.body !== undefined) headers['content-type'] = opts.type ?? 'application/json'
  return fetch(`${base}${path}`, {
    method: opts.method ?? 'GET',
    headers,
    body:
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body),
  })
}

async function close(r: CreateRoomResponse, body?: unknown) {
  const res = await call(`/api/rooms/${r.roomId}/records`, {
    method: 'POST',
    token: r.tokens.facilitator,
    body,
  })
  expect(res.status).toBe(201)
  return CreateRecordResponseSchema.parse(await res.json())
}

async function errorCode(res: Response): Promise<string> {
  return ErrorResponseSchema.parse(await res.json()).error.code
}

/** The room's document as the server stores it. */
async function storedDoc(roomId: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  for (const u of (await storage.loadDoc(roomId)).updates) Y.applyUpdate(doc, u)
  return doc
}

describe('records API', () => {
  it('REC-API-1: the kinds on the wire are the model’s', () => {
    expect(RecordKindSchema.options).toEqual([...RECORD_KINDS])
  })

  it('REC-API-2: a facilitator writes a record: 201 { recordId, hash }, the hash of what is served', async () => {
    await start()
    const r = await room()
    const created = await close(r, { closedBy: { personId: 'maya-okafor' } })
    expect(created.hash).toMatch(/^[0-9a-f]{64}$/)
    const res = await call(`/api/rooms/${r.roomId}/records/${created.recordId}`, {
      token: r.tokens.viewer,
    })
    expect(res.status).toBe(200)
    const body = RecordResponseSchema.parse(await res.json())
    expect(body).toMatchObject({ recordId: created.recordId, hash: created.hash })
    const record = RecordContentSchema.parse(body.record)
    expect(await sha256Hex(canonicalJson(body.record))).toBe(created.hash)
    expect(record).toMatchObject({
      kind: 'kickoff',
      roomId: r.roomId,
      recordId: created.recordId,
      closedBy: { personId: 'maya-okafor', name: 'Maya Okafor' },
      title: 'Atlas',
    })
    expect(record.board.kickoff.closed).toBe(true)
    const md = await call(`/api/rooms/${r.roomId}/records/${created.recordId}.md`, {
      token: r.tokens.participant,
    })
    expect(md.status).toBe(200)
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(await md.text()).toMatch(/^# Atlas — kickoff record\n/)
  })

  it('REC-API-3: closing marks the kickoff closed in the stored (and live) document', async () => {
    await start()
    const r = await room()
    await close(r)
    const doc = await storedDoc(r.roomId)
    expect(kickoffInfo(doc)).toMatchObject({ closed: true, closedBy: 'facilitator-link' })
    // A check-in or retro record closes nothing.
    const other = await room()
    await close(other, { kind: 'checkin' })
    await close(other, { kind: 'retro' })
    expect(kickoffInfo(await storedDoc(other.roomId)).closed).toBe(false)
  })

  it('REC-API-4: roles on every endpoint: 401 without a valid token, 403 for writes but the facilitator’s, 404 for unknown rooms', async () => {
    await start()
    const r = await room()
    const { recordId } = await close(r)
    const records = `/api/rooms/${r.roomId}/records`
    const endpoints = [
      { path: records, method: 'POST', write: true },
      { path: records, method: 'GET', write: false },
      { path: `${records}/${recordId}`, method: 'GET', write: false },
      { path: `${records}/${recordId}.md`, method: 'GET', write: false },
      { path: `${records}/${recordId}/next-cycle`, method: 'POST', write: true },
    ]
    for (const e of endpoints) {
      const what = `${e.method} ${e.path}`
      expect((await call(e.path, { method: e.method })).status, what).toBe(401)
      expect((await call(e.path, { method: e.method, token: 'x'.repeat(43) })).status, what).toBe(
        401,
      )
      // Another room's facilitator token is no token here.
      const elsewhere = await room('empty')
      expect(
        (await call(e.path, { method: e.method, token: elsewhere.tokens.facilitator })).status,
        what,
      ).toBe(401)
      for (const role of ['participant', 'viewer'] as const) {
        const res = await call(e.path, { method: e.method, token: r.tokens[role] })
        expect(res.status, `${what} as ${role}`).toBe(e.write ? 403 : 200)
        if (e.write) expect(await errorCode(res)).toBe('forbidden')
      }
      const missing = e.path.replace(r.roomId, 'N'.repeat(22))
      expect((await call(missing, { method: e.method, token: r.tokens.facilitator })).status).toBe(
        404,
      )
      const bad = e.path.replace(r.roomId, 'bad')
      expect((await call(bad, { method: e.method, token: r.tokens.facilitator })).status).toBe(400)
    }
    // A participant's refused close changed nothing.
    expect(
      RecordListResponseSchema.parse(await (await call(records, { token: r.tokens.viewer })).json())
        .records,
    ).toHaveLength(1)
  })

  it('REC-API-5: records are immutable: no PUT, PATCH or DELETE; a second close is a second record', async () => {
    await start()
    const r = await room()
    const first = await close(r)
    const path = `/api/rooms/${r.roomId}/records/${first.recordId}`
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const res = await call(path, { method, token: r.tokens.facilitator, body: {} })
      expect(res.status).toBe(405)
      expect(res.headers.get('allow')).toBe('GET')
    }
    expect(
      (
        await call(`/api/rooms/${r.roomId}/records`, {
          method: 'DELETE',
          token: r.tokens.facilitator,
        })
      ).headers.get('allow'),
    ).toBe('GET, POST')
    const before = await (await call(path, { token: r.tokens.facilitator })).text()
    const second = await close(r, { kind: 'checkin' })
    expect(second.recordId).not.toBe(first.recordId)
    expect(await (await call(path, { token: r.tokens.facilitator })).text()).toBe(before)
    const list = RecordListResponseSchema.parse(
      await (await call(`/api/rooms/${r.roomId}/records`, { token: r.tokens.viewer })).json(),
    )
    expect(list.records.map((x) => [x.recordId, x.kind, x.valid])).toEqual([
      [first.recordId, 'kickoff', true],
      [second.recordId, 'checkin', true],
    ])
  })

  it('REC-API-6: a record whose bytes changed is reported, never served: 409 and valid: false', async () => {
    await start()
    const r = await room()
    const { recordId, hash } = await close(r)
    storage.tamperRecord(r.roomId, recordId, ({ meta, content }) => {
      const text = new TextDecoder().decode(content).replace('"likelihood":4', '"likelihood":1')
      return { meta, content: new TextEncoder().encode(text) }
    })
    for (const suffix of ['', '.md']) {
      const res = await call(`/api/rooms/${r.roomId}/records/${recordId}${suffix}`, {
        token: r.tokens.viewer,
      })
      expect(res.status).toBe(409)
      const body = ErrorResponseSchema.parse(await res.json())
      expect(body.error.code).toBe('record_tampered')
      expect(body.error.message).toContain('no longer matches its hash')
    }
    const next = await call(`/api/rooms/${r.roomId}/records/${recordId}/next-cycle`, {
      method: 'POST',
      token: r.tokens.facilitator,
    })
    expect(next.status).toBe(409)
    const list = RecordListResponseSchema.parse(
      await (await call(`/api/rooms/${r.roomId}/records`, { token: r.tokens.viewer })).json(),
    )
    expect(list.records).toEqual([
      expect.objectContaining({ recordId, hash, valid: false, problem: expect.any(String) }),
    ])
    // Meta that no longer parses: still listed, as invalid.
    storage.tamperRecord(r.roomId, recordId, ({ content }) => ({
      meta: new TextEncoder().encode('{"hash": 12'),
      content,
    }))
    const again = RecordListResponseSchema.parse(
      await (await call(`/api/rooms/${r.roomId}/records`, { token: r.tokens.viewer })).json(),
    )
    expect(again.records).toEqual([expect.objectContaining({ recordId, valid: false, hash: null })])
  })

  it('REC-API-7: bad requests: an unknown kind, a body that is not JSON, an unknown or malformed record', async () => {
    await start()
    const r = await room()
    const records = `/api/rooms/${r.roomId}/records`
    const t = r.tokens.facilitator
    const kind = await call(records, { method: 'POST', token: t, body: { kind: 'final' } })
    expect(kind.status).toBe(400)
    expect(ErrorResponseSchema.parse(await kind.json()).error).toMatchObject({
      code: 'invalid_body',
      field: 'kind',
    })
    expect(
      (await call(records, { method: 'POST', token: t, body: 'x', type: 'text/plain' })).status,
    ).toBe(415)
    expect((await call(records, { method: 'POST', token: t, body: { extra: 1 } })).status).toBe(400)
    expect((await call(`${records}/${'U'.repeat(22)}`, { token: t })).status).toBe(404)
    expect((await call(`${records}/short`, { token: t })).status).toBe(400)
    // Nothing was written by the refused requests.
    expect(
      RecordListResponseSchema.parse(await (await call(records, { token: t })).json()).records,
    ).toEqual([])
  })

  it('REC-API-8: the next cycle starts from the record: 201 with new links, the board carried over', async () => {
    await start()
    const r = await room()
    const { recordId } = await close(r)
    const res = await call(`/api/rooms/${r.roomId}/records/${recordId}/next-cycle`, {
      method: 'POST',
      token: r.tokens.facilitator,
      body: { title: 'Atlas, cycle 2' },
    })
    expect(res.status).toBe(201)
    const next = CreateRoomResponseSchema.parse(await res.json())
    expect(next.roomId).not.toBe(r.roomId)
    expect(next.links.facilitator).toContain(`/k/${next.roomId}#t=`)
    const session = await call(`/api/rooms/${next.roomId}/session`, { token: next.tokens.viewer })
    expect(await session.json()).toEqual({
      roomId: next.roomId,
      title: 'Atlas, cycle 2',
      role: 'viewer',
    })
    const was = exportKickoff(await storedDoc(r.roomId))
    const now = exportKickoff(await storedDoc(next.roomId))
    expect(now.kickoff).toMatchObject({ title: 'Atlas, cycle 2', closedAt: null })
    expect(now.teams).toEqual(was.teams)
    expect(now.purpose.statement).toBe(was.purpose.statement)
    expect(now.dots).toEqual([])
    // The old room's tokens mean nothing in the new one.
    expect(
      (await call(`/api/rooms/${next.roomId}/session`, { token: r.tokens.facilitator })).status,
    ).toBe(401)
    // Without a title: the record's, marked as the next cycle.
    const untitled = await call(`/api/rooms/${r.roomId}/records/${recordId}/next-cycle`, {
      method: 'POST',
      token: r.tokens.facilitator,
    })
    const u = CreateRoomResponseSchema.parse(await untitled.json())
    const s = await call(`/api/rooms/${u.roomId}/session`, { token: u.tokens.viewer })
    expect(((await s.json()) as { title: string }).title).toBe('Atlas — next cycle')
  })
})
