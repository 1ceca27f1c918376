import { describe, expect, it } from 'vitest'
import { getTitle, purposeStatement } from '@kickoff/model'
import { whenSynced } from '../helpers/clients.js'
import { waitFor } from '../helpers/wait.js'
import { useStage } from './lib/stage.js'

const { server, client } = useStage()

describe('HTTP contract', () => {
  it('POST /api/rooms answers 201 with room id, three tokens and fragment links', async () => {
    const room = await server.createRoom('Atlas kickoff')
    expect(room.roomId).toMatch(/^[A-Za-z0-9_-]{22,}$/)
    const tokens = Object.values(room.tokens)
    expect(new Set(tokens).size).toBe(3)
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43,}$/)
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      expect(room.links[role]).toBe(`${server.httpUrl}/k/${room.roomId}#t=${room.tokens[role]}`)
    }
  })

  it.each([
    [{}, 'title'],
    [{ title: '' }, 'title'],
    [{ title: 42 }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 'ok', extra: true }, 'extra'],
  ])('POST /api/rooms with %j answers 400 naming %s', async (body, field) => {
    const res = await fetch(`${server.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(400)
    const json = (await res.json()) as { error: { field?: string; message: string } }
    expect(json.error.field).toBe(field)
    expect(json.error.message).toContain(field)
  })

  it('POST /api/rooms with broken JSON answers 400', async () => {
    const res = await fetch(`${server.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    })
    expect(res.status).toBe(400)
  })

  it('GET /healthz answers 200 with JSON', async () => {
    const res = await fetch(`${server.httpUrl}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', storage: 'ok' })
  })

  it('GET /api/rooms/:id/session tells the role of a token', async () => {
    const room = await server.createRoom()
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const res = await fetch(`${server.httpUrl}/api/rooms/${room.roomId}/session`, {
        headers: { authorization: `Bearer ${room.tokens[role]}` },
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ roomId: room.roomId, role })
    }
    const bad = await fetch(`${server.httpUrl}/api/rooms/${room.roomId}/session`, {
      headers: { authorization: 'Bearer nottherighttokennottherighttoken' },
    })
    expect(bad.status).toBe(401)
  })
})

describe('sync with stock y-websocket clients', () => {
  it('several clients converge on the purpose text and see the title', async () => {
    const room = await server.createRoom('Converge')
    const a = client(room.roomId, room.tokens.facilitator)
    const b = client(room.roomId, room.tokens.participant)
    const c = client(room.roomId, room.tokens.participant)
    await Promise.all([a, b, c].map((x) => whenSynced(x)))
    expect(getTitle(b.doc)).toBe('Converge')
    purposeStatement(a.doc).insert(0, 'alpha ')
    purposeStatement(b.doc).insert(0, 'beta ')
    purposeStatement(c.doc).insert(0, 'gamma ')
    await waitFor(
      () =>
        [a, b, c].every((x) => {
          const t = purposeStatement(x.doc).toString()
          return t.includes('alpha') && t.includes('beta') && t.includes('gamma')
        }),
      { what: 'all three words everywhere' },
    )
    const texts = [a, b, c].map((x) => purposeStatement(x.doc).toString())
    expect(new Set(texts).size).toBe(1)
  })

  it('a bad token is closed with 4401 and the client stops retrying', async () => {
    const room = await server.createRoom()
    const x = client(room.roomId, 'A'.repeat(43))
    let closed: { code: number; reason: string } | null = null
    x.provider.on('closed', (e) => (closed = e))
    await waitFor(() => closed, { what: 'terminal close' })
    expect(closed!.code).toBe(4401)
    expect(closed!.reason).toMatch(/token/)
    expect(x.provider.shouldConnect).toBe(false)
  })

  it('an unknown room is closed with 4404', async () => {
    const x = client('B'.repeat(22), 'A'.repeat(43))
    await waitFor(() => x.closes.length > 0, { what: 'close' })
    expect(x.closes[0]!.code).toBe(4404)
  })

  it('a viewer receives everything but its updates never land', async () => {
    const room = await server.createRoom('Read only')
    const writer = client(room.roomId, room.tokens.participant)
    const viewer = client(room.roomId, room.tokens.viewer)
    await Promise.all([whenSynced(writer), whenSynced(viewer)])
    purposeStatement(writer.doc).insert(0, 'from the writer')
    await waitFor(() => purposeStatement(viewer.doc).toString() === 'from the writer', {
      what: 'viewer receives',
    })
    purposeStatement(viewer.doc).insert(0, 'VIEWER WAS HERE ')
    await waitFor(() => viewer.closes.some((c) => c.code === 4403), { what: 'viewer refused' })
    // A fresh client sees only the writer's text: the viewer's edit never reached the room.
    const fresh = client(room.roomId, room.tokens.participant)
    await whenSynced(fresh)
    expect(purposeStatement(fresh.doc).toString()).toBe('from the writer')
    expect(purposeStatement(writer.doc).toString()).toBe('from the writer')
  })

  it('a restart keeps the document (LevelDB)', async () => {
    const room = await server.createRoom('Durable')
    const a = client(room.roomId, room.tokens.participant)
    await whenSynced(a)
    purposeStatement(a.doc).insert(0, 'kept across restarts')
    a.destroy()
    await server.restart()
    const b = client(room.roomId, room.tokens.participant)
    await whenSynced(b)
    expect(purposeStatement(b.doc).toString()).toBe('kept across restarts')
    expect(getTitle(b.doc)).toBe('Durable')
  })
})
