// Flow control over real sockets: liveness (ping timeout), a large first sync over a slow link
// that neither the ping timeout nor the send bound may cut off, and backpressure (4503).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { purposeStatement } from '@kickoff/model'
import { CloseCode } from '@kickoff/protocol'
import { Canary } from '../helpers/canary.js'
import { connectClient, rawClient, whenSynced, type Client } from '../helpers/clients.js'
import { ServerProcess } from '../helpers/server.js'
import { ThrottledProxy } from '../helpers/throttle.js'
import { waitFor } from '../helpers/wait.js'

const BOUND = 64 * 1024
const server = new ServerProcess({
  env: { PING_INTERVAL_MS: '500', MAX_BUFFERED_BYTES: String(BOUND) },
})
const clients: Client[] = []
let canary: Canary

beforeAll(async () => {
  await server.start()
  canary = await new Canary(server).start()
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  canary?.destroy()
  await server.dispose()
})

const CHUNK = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(200_000 / 36)

/** A room whose purpose text is `chunks` × ~200 KB, written by a stock client. */
async function bigRoom(chunks: number) {
  const room = await server.createRoom('Big')
  const writer = connectClient(server.wsUrl, room.roomId, room.tokens.participant)
  clients.push(writer)
  await whenSynced(writer)
  for (let i = 0; i < chunks; i++) purposeStatement(writer.doc).insert(0, CHUNK)
  return { room, writer, length: chunks * CHUNK.length }
}

describe('liveness', () => {
  it('a client that answers no ping and sends nothing is closed with 4508', async () => {
    const room = await server.createRoom('Silent')
    const silent = rawClient(server.syncUrl(room.roomId, room.tokens.viewer), { autoPong: false })
    await silent.joined
    const closed = await silent.closed
    expect(closed.code).toBe(CloseCode.timeout.code)
    expect(closed.reason).toMatch(/ping timeout/)
    await canary.check()
  })

  it('a large first sync over a slow link is cut off neither by pings nor by the send bound', async () => {
    const { room, writer, length } = await bigRoom(30) // ~6 MB, ~4 s at 1.5 MB/s
    await waitFor(() => server.logs.some((l) => l.msg === 'stored' && l.roomId === room.roomId))
    const proxy = await new ThrottledProxy(
      { host: '127.0.0.1', port: server.port },
      1_500_000,
    ).start()
    try {
      const slow = connectClient(
        `ws://127.0.0.1:${proxy.port}/sync`,
        room.roomId,
        room.tokens.viewer,
      )
      clients.push(slow)
      // Edits keep coming while it downloads: they queue behind the document.
      const edits = setInterval(() => purposeStatement(writer.doc).insert(0, '.'), 100)
      try {
        await whenSynced(slow, 60_000)
      } finally {
        clearInterval(edits)
      }
      const expected = purposeStatement(writer.doc).length
      await waitFor(() => purposeStatement(slow.doc).length === expected, {
        what: 'the slow client to catch up',
        timeoutMs: 30_000,
      })
      expect(expected).toBeGreaterThan(length)
      expect(slow.closes).toEqual([])
      expect(await server.metric('kickoff_ping_timeouts_total')).toBe(1) // the silent one only
      expect(await server.metric('kickoff_backpressure_drops_total')).toBe(0)
    } finally {
      await proxy.stop()
    }
  })
})

describe('backpressure', () => {
  it('a client that stops reading is closed with 4503 and resyncs when it comes back', async () => {
    const room = await server.createRoom('Slow reader')
    const writer = connectClient(server.wsUrl, room.roomId, room.tokens.participant)
    const stuck = connectClient(server.wsUrl, room.roomId, room.tokens.viewer)
    clients.push(writer, stuck)
    await Promise.all([whenSynced(writer), whenSynced(stuck)])
    const socket = stuck.provider.ws as unknown as WebSocket
    socket.pause()
    // ~12 MB: more than the kernel's socket buffers hold, far more than the bound.
    for (let i = 0; i < 60; i++) purposeStatement(writer.doc).insert(0, CHUNK)
    await waitFor(
      () =>
        server.logs.some((l) => l.msg.startsWith('client too slow') && l.roomId === room.roomId),
      { what: 'the server to drop the stuck client', timeoutMs: 30_000 },
    )
    socket.resume()
    await waitFor(() => stuck.closes.length > 0, { what: 'the close to arrive' })
    expect(stuck.closes[0]!.code).toBe(CloseCode.backpressure.code)
    expect(stuck.closes[0]!.reason).toMatch(/too slow/)
    // A stock client retries on 4503, resyncs, and ends with everything.
    const expected = purposeStatement(writer.doc).length
    await waitFor(() => purposeStatement(stuck.doc).length === expected, {
      what: 'the dropped client to resync',
      timeoutMs: 30_000,
    })
    expect(await server.metric('kickoff_backpressure_drops_total')).toBe(1)
    await canary.check()
  })
})
