// Roles from tokens over real sockets, with stock y-websocket clients; metrics and logs.
import { describe, expect, it } from 'vitest'
import { purposeStatement } from '@kickoff/model'
import { CloseCode } from '@kickoff/protocol'
import { tokensInLogs } from '../helpers/canary.js'
import { whenSynced } from '../helpers/clients.js'
import { waitFor } from '../helpers/wait.js'
import { useStage } from './lib/stage.js'

const { server, client } = useStage()

describe('roles', () => {
  it('facilitators and participants write; viewers receive everything', async () => {
    const room = await server.createRoom('Roles')
    const f = client(room.roomId, room.tokens.facilitator)
    const p = client(room.roomId, room.tokens.participant)
    const v = client(room.roomId, room.tokens.viewer)
    await Promise.all([f, p, v].map((c) => whenSynced(c)))
    purposeStatement(f.doc).insert(0, 'from f. ')
    purposeStatement(p.doc).insert(0, 'from p. ')
    await waitFor(() => [f, p, v].every((c) => /from f/.test(purposeStatement(c.doc).toString())), {
      what: 'the facilitator edit everywhere',
    })
    await waitFor(() => [f, p, v].every((c) => /from p/.test(purposeStatement(c.doc).toString())), {
      what: 'the participant edit everywhere',
    })
    expect(v.closes).toEqual([])
  })

  it('a viewer shares presence and sees everyone else', async () => {
    const room = await server.createRoom('Presence')
    const p = client(room.roomId, room.tokens.participant)
    const v = client(room.roomId, room.tokens.viewer)
    await Promise.all([whenSynced(p), whenSynced(v)])
    v.provider.awareness.setLocalStateField('user', { name: 'Vi (viewer)' })
    p.provider.awareness.setLocalStateField('user', { name: 'Pat' })
    await waitFor(
      () =>
        (p.provider.awareness.getStates().get(v.doc.clientID) as { user?: { name: string } })?.user
          ?.name === 'Vi (viewer)',
      { what: 'the viewer presence at the participant' },
    )
    await waitFor(() => v.provider.awareness.getStates().has(p.doc.clientID), {
      what: 'the participant presence at the viewer',
    })
    // A viewer leaving removes its presence for the others.
    v.destroy()
    await waitFor(() => !p.provider.awareness.getStates().has(v.doc.clientID), {
      what: 'the viewer presence to go',
    })
  })

  it('a viewer that already has the deletions stays connected (its step 2 brings nothing)', async () => {
    const room = await server.createRoom('Deletes')
    const p = client(room.roomId, room.tokens.participant)
    await whenSynced(p)
    purposeStatement(p.doc).insert(0, 'keep this, drop this')
    purposeStatement(p.doc).delete(10, 10)
    const v = client(room.roomId, room.tokens.viewer)
    await whenSynced(v)
    await waitFor(() => purposeStatement(v.doc).toString() === 'keep this,', {
      what: 'the viewer to catch up',
    })
    // Reconnecting, its answer to our step 1 carries its whole delete set: still harmless.
    v.provider.disconnect()
    v.provider.connect()
    await whenSynced(v)
    purposeStatement(p.doc).insert(0, 'more: ')
    await waitFor(() => purposeStatement(v.doc).toString().startsWith('more: '), {
      what: 'the viewer to keep receiving',
    })
    expect(v.closes.map((c) => c.code)).not.toContain(CloseCode.readOnly.code)
  })

  it('a viewer write is refused with 4403 and never lands; the viewer stops retrying', async () => {
    const room = await server.createRoom('Read only')
    const p = client(room.roomId, room.tokens.participant)
    const v = client(room.roomId, room.tokens.viewer)
    await Promise.all([whenSynced(p), whenSynced(v)])
    const before = await server.metric('kickoff_messages_rejected_total', { problem: 'update' })
    purposeStatement(v.doc).insert(0, 'VIEWER WAS HERE')
    await waitFor(() => v.closes.some((c) => c.code === CloseCode.readOnly.code), {
      what: 'the viewer to be refused',
    })
    expect(v.closes[0]!.reason).toMatch(/read-only/)
    await waitFor(() => !v.provider.shouldConnect, { what: 'the viewer to stop retrying' })
    const fresh = client(room.roomId, room.tokens.participant)
    await whenSynced(fresh)
    expect(purposeStatement(fresh.doc).toString()).not.toContain('VIEWER')
    expect(purposeStatement(p.doc).toString()).not.toContain('VIEWER')
    expect(await server.metric('kickoff_messages_rejected_total', { problem: 'update' })).toBe(
      before + 1,
    )
  })

  it('a token of another room grants nothing there (4401)', async () => {
    const a = await server.createRoom('A')
    const b = await server.createRoom('B')
    const x = client(a.roomId, b.tokens.facilitator)
    await waitFor(() => x.closes.length > 0, { what: 'close' })
    expect(x.closes[0]!.code).toBe(CloseCode.unauthorized.code)
  })
})

describe('operations', () => {
  it('GET /metrics answers in Prometheus text format with the sync figures', async () => {
    const room = await server.createRoom('Metrics')
    const p = client(room.roomId, room.tokens.participant)
    const v = client(room.roomId, room.tokens.viewer)
    await Promise.all([whenSynced(p), whenSynced(v)])
    purposeStatement(p.doc).insert(0, 'measured')
    await waitFor(() => purposeStatement(v.doc).toString() === 'measured', { what: 'sync' })
    const res = await fetch(`${server.httpUrl}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await res.text()
    for (const name of [
      'kickoff_rooms_loaded',
      'kickoff_connections',
      'kickoff_messages_received_total',
      'kickoff_received_bytes_total',
      'kickoff_messages_sent_total',
      'kickoff_sent_bytes_total',
      'kickoff_batch_updates_bucket',
      'kickoff_flushes_total',
      'kickoff_backpressure_drops_total',
      'kickoff_storage_write_seconds_bucket',
      'kickoff_storage_load_seconds_bucket',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(name)
    }
    expect(await server.metric('kickoff_connections', { role: 'viewer' })).toBeGreaterThanOrEqual(1)
    expect(await server.metric('kickoff_messages_sent_total', { kind: 'update' })).toBeGreaterThan(
      0,
    )
    expect(await server.metric('kickoff_storage_write_seconds_count')).toBeGreaterThan(0)
    expect(text).not.toContain(room.roomId)
  })

  it('no log line holds a token (the debug log of this whole run)', async () => {
    expect(server.issuedTokens.length).toBeGreaterThanOrEqual(18)
    expect(server.linesWith('connection closed').length).toBeGreaterThan(0)
    expect(tokensInLogs(server)).toEqual([])
  })
})
