// Kickoff records against the real, built server: closing reaches every connected client, roles,
// records across a restart, and tampering with the stored bytes while the server is stopped.
import { ClassicLevel } from 'classic-level'
import { describe, expect, it } from 'vitest'
import {
  RecordContentSchema,
  canonicalJson,
  isClosed,
  kickoffInfo,
  sha256Hex,
} from '@kickoff/model'
import {
  CreateRecordResponseSchema,
  ErrorResponseSchema,
  RecordListResponseSchema,
  RecordResponseSchema,
  type CreateRoomResponse,
} from '@kickoff/protocol'
import { whenSynced } from '../helpers/clients.js'
import { waitFor } from '../helpers/wait.js'
import { useStage } from './lib/stage.js'

const { server, client } = useStage()

function api(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${server.httpUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}

async function writeRecord(room: CreateRoomResponse, body?: unknown) {
  const res = await api(`/api/rooms/${room.roomId}/records`, room.tokens.facilitator, {
    method: 'POST',
    body,
  })
  expect(res.status).toBe(201)
  return CreateRecordResponseSchema.parse(await res.json())
}

async function list(room: CreateRoomResponse) {
  const res = await api(`/api/rooms/${room.roomId}/records`, room.tokens.viewer)
  expect(res.status).toBe(200)
  return RecordListResponseSchema.parse(await res.json()).records
}

describe('records', () => {
  it('closing the kickoff reaches every connected client; participants and viewers cannot close', async () => {
    const room = await server.createRoom('Closing', { template: 'sample' })
    const f = client(room.roomId, room.tokens.facilitator)
    const p = client(room.roomId, room.tokens.participant)
    const v = client(room.roomId, room.tokens.viewer)
    await Promise.all([f, p, v].map((c) => whenSynced(c)))
    for (const role of ['participant', 'viewer'] as const) {
      const res = await api(`/api/rooms/${room.roomId}/records`, room.tokens[role], {
        method: 'POST',
      })
      expect(res.status).toBe(403)
      expect(ErrorResponseSchema.parse(await res.json()).error.code).toBe('forbidden')
    }
    expect(await list(room)).toEqual([])
    expect([f, p, v].some((c) => isClosed(c.doc))).toBe(false)

    const { recordId, hash } = await writeRecord(room, {
      kind: 'kickoff',
      closedBy: { personId: 'maya-okafor' },
    })
    await waitFor(() => [f, p, v].every((c) => isClosed(c.doc)), {
      what: 'the close at every client',
    })
    expect(kickoffInfo(p.doc).closedBy).toBe('maya-okafor')
    const res = await api(`/api/rooms/${room.roomId}/records/${recordId}`, room.tokens.participant)
    const body = RecordResponseSchema.parse(await res.json())
    expect(await sha256Hex(canonicalJson(body.record))).toBe(hash)
    const record = RecordContentSchema.parse(body.record)
    expect(record.board.kickoff.closed).toBe(true)
    expect(record.closedBy).toEqual({ personId: 'maya-okafor', name: 'Maya Okafor' })
  })

  it('records survive a restart, still valid; bytes changed in LevelDB while stopped are reported, never served', async () => {
    const room = await server.createRoom('Tamper', { template: 'sample' })
    const kept = await writeRecord(room, { kind: 'checkin' })
    const changed = await writeRecord(room)
    await server.stop()

    // Someone edits the database by hand: a risk's likelihood, inside the stored record.
    const db = new ClassicLevel<string, Uint8Array>(server.dataDir, {
      keyEncoding: 'utf8',
      valueEncoding: 'view',
    })
    await db.open()
    const key = `records!${room.roomId}!${changed.recordId}`
    const stored = await db.get(key)
    expect(stored).toBeDefined()
    const text = new TextDecoder().decode(stored!)
    const edited = text.replace(
      /"likelihood":(\d)/,
      (_, n: string) => `"likelihood":${n === '1' ? 2 : 1}`,
    )
    expect(edited).not.toBe(text)
    await db.put(key, new TextEncoder().encode(edited))
    await db.close()

    await server.start()
    const bad = await api(
      `/api/rooms/${room.roomId}/records/${changed.recordId}`,
      room.tokens.viewer,
    )
    expect(bad.status).toBe(409)
    const error = ErrorResponseSchema.parse(await bad.json()).error
    expect(error.code).toBe('record_tampered')
    expect(error.message).toMatch(/no longer matches its hash/)
    const md = await api(
      `/api/rooms/${room.roomId}/records/${changed.recordId}.md`,
      room.tokens.viewer,
    )
    expect(md.status).toBe(409)
    expect(await list(room)).toEqual([
      expect.objectContaining({ recordId: kept.recordId, kind: 'checkin', valid: true }),
      expect.objectContaining({
        recordId: changed.recordId,
        kind: 'kickoff',
        hash: changed.hash,
        valid: false,
      }),
    ])
    // The untouched record is served as before.
    const good = await api(`/api/rooms/${room.roomId}/records/${kept.recordId}`, room.tokens.viewer)
    expect(good.status).toBe(200)
    expect(RecordResponseSchema.parse(await good.json()).hash).toBe(kept.hash)
    await waitFor(() => server.linesWith('record does not match its hash').length > 0, {
      what: 'the warning in the log',
    })
  })
})
