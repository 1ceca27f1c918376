// Every class of bad input closes that one connection with its code and a reason; the server
// stays up and a client in another room keeps syncing (the canary, checked after each case).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '@kickoff/protocol'
import type { CreateRoomResponse } from '@kickoff/protocol'
import { Canary, tokensInLogs } from '../helpers/canary.js'
import { rawClient, upgradeStatus } from '../helpers/clients.js'
import { ServerProcess } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

const MAX_MESSAGE = 64 * 1024
const server = new ServerProcess({
  env: {
    MAX_MESSAGE_BYTES: String(MAX_MESSAGE),
    MAX_CONNECTIONS_PER_ROOM: '4',
    MAX_CONNECTIONS_PER_ADDRESS: '40',
    MAX_PRESENCE_PER_CONNECTION: '2',
  },
})
let canary: Canary
let room: CreateRoomResponse

beforeAll(async () => {
  await server.start()
  canary = await new Canary(server).start()
  room = await server.createRoom('target')
})
afterAll(async () => {
  canary?.destroy()
  await server.dispose()
})

/** y-websocket framing: `[type, …varUint8Array(payload)]`. */
function frame(type: number, sub: number | null, payload: Uint8Array): Uint8Array {
  const head = sub === null ? [type] : [type, sub]
  const len: number[] = []
  let n = payload.length
  while (n > 0x7f) {
    len.push(0x80 | (n & 0x7f))
    n >>>= 7
  }
  len.push(n)
  return new Uint8Array([...head, ...len, ...payload])
}

async function sendAndExpectClose(
  data: Uint8Array | string,
  code: number,
  reason: RegExp,
): Promise<void> {
  const c = rawClient(server.syncUrl(room.roomId, room.tokens.participant))
  await c.joined
  c.ws.send(data)
  const closed = await c.closed
  expect(closed.code).toBe(code)
  expect(closed.reason).toMatch(reason)
  await canary.check()
}

describe('malformed messages close that connection, with a reason', () => {
  it('garbage bytes → 4400', async () => {
    await sendAndExpectClose(
      new TextEncoder().encode('this is not y-websocket'),
      CloseCode.badMessage.code,
      /malformed message: unknown message type/,
    )
  })

  it('a truncated varint → 4400', async () => {
    await sendAndExpectClose(new Uint8Array([0x80]), CloseCode.badMessage.code, /malformed/)
  })

  it('an unknown message type → 4400', async () => {
    await sendAndExpectClose(
      new Uint8Array([7, 0]),
      CloseCode.badMessage.code,
      /unknown message type 7/,
    )
  })

  it('an unknown sync message type → 4400', async () => {
    await sendAndExpectClose(
      frame(0, 9, new Uint8Array([0])),
      CloseCode.badMessage.code,
      /unknown sync message type 9/,
    )
  })

  it('an invalid Yjs update → 4422', async () => {
    await sendAndExpectClose(
      frame(0, 2, new Uint8Array([200, 1, 2, 3, 4, 5, 6, 7])),
      CloseCode.invalidUpdate.code,
      /invalid Yjs update/,
    )
  })

  it('a truncated Yjs update → 4422', async () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hello there')
    const update = Y.encodeStateAsUpdate(doc)
    await sendAndExpectClose(
      frame(0, 2, update.slice(0, update.length - 4)),
      CloseCode.invalidUpdate.code,
      /invalid Yjs update/,
    )
  })

  it('presence that is not JSON → 4400', async () => {
    const entry = [1, 42, 1, 5, ...new TextEncoder().encode('{nope')]
    await sendAndExpectClose(
      frame(1, null, new Uint8Array(entry)),
      CloseCode.badMessage.code,
      /not JSON/,
    )
  })

  it('a text frame → 4400', async () => {
    await sendAndExpectClose('{"hello":"world"}', CloseCode.badMessage.code, /text frames/)
  })

  it('a message over MAX_MESSAGE_BYTES → 4413, not the 1009 stock clients retry forever', async () => {
    await sendAndExpectClose(
      frame(0, 2, new Uint8Array(MAX_MESSAGE + 1)),
      CloseCode.messageTooLarge.code,
      new RegExp(`message too large: over ${MAX_MESSAGE} bytes`),
    )
  })

  it('more presence states than one connection may publish → 4400', async () => {
    const entries = [3]
    for (const id of [11, 12, 13]) entries.push(id, 1, 2, ...new TextEncoder().encode('{}'))
    await sendAndExpectClose(
      frame(1, null, new Uint8Array(entries)),
      CloseCode.badMessage.code,
      /more than 2 presence states/,
    )
  })

  it('a bad message before the room is ready is still refused', async () => {
    // Sent at once on open, it waits in the pending queue and is refused when replayed.
    const c = rawClient(server.syncUrl(room.roomId, room.tokens.participant))
    await new Promise((r) => c.ws.once('open', r))
    c.ws.send(new Uint8Array([7]))
    expect((await c.closed).code).toBe(CloseCode.badMessage.code)
    await canary.check()
  })
})

describe('refused at the HTTP upgrade', () => {
  it.each([
    ['a path trick', '/sync/..%2F..%2Fetc%2Fpasswd'],
    ['an encoded slash', '/sync/abcdefghijklmnop%2Fqrstuv'],
    ['a short room id', '/sync/abc'],
    ['a room id too long', `/sync/${'a'.repeat(65)}`],
    ['a NUL byte', '/sync/abcdefghijklmnop%00qrstuv'],
    ['characters outside base64url', '/sync/abcdefghijklmnop.qrstuv'],
  ])('%s → 400', async (_, path) => {
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}${path}?token=x`)).toBe(400)
    await canary.check()
  })

  it.each([
    ['another path', '/elsewhere/abcdefghijklmnopqrstuv'],
    ['dot segments out of /sync', '/sync/../api/rooms'],
  ])('%s → 404', async (_, path) => {
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}${path}`)).toBe(404)
    await canary.check()
  })
})

describe('connection limits', () => {
  it('one more than MAX_CONNECTIONS_PER_ROOM → 4429 with a reason', async () => {
    const full = await server.createRoom('full')
    const url = server.syncUrl(full.roomId, full.tokens.viewer)
    const first = Array.from({ length: 4 }, () => rawClient(url))
    await Promise.all(first.map((c) => c.joined))
    const extra = rawClient(url)
    const closed = await extra.closed
    expect(closed.code).toBe(CloseCode.tooManyConnections.code)
    expect(closed.reason).toMatch(/room has 4 connections/)
    await canary.check()
    // A place frees up when one leaves.
    first[0]!.ws.close()
    await first[0]!.closed
    const again = rawClient(url)
    await again.joined
    for (const c of [...first, again]) c.ws.close()
    await Promise.all([...first, again].map((c) => c.closed))
  })

  it('one more than MAX_CONNECTIONS_PER_ADDRESS → 4429 with a reason', async () => {
    // The canary holds 2; the limit is 40, spread over rooms of at most 4.
    const rooms = await Promise.all(Array.from({ length: 10 }, () => server.createRoom('many')))
    const open = await server.metric('kickoff_connections')
    expect(open).toBe(2)
    const clients = []
    for (let i = 0; i < 40 - open; i++) {
      const r = rooms[i % rooms.length]!
      clients.push(rawClient(server.syncUrl(r.roomId, r.tokens.viewer)))
    }
    await Promise.all(clients.map((c) => c.joined))
    const extra = rawClient(server.syncUrl(rooms[9]!.roomId, rooms[9]!.tokens.viewer))
    const closed = await extra.closed
    expect(closed.code).toBe(CloseCode.tooManyConnections.code)
    expect(closed.reason).toMatch(/40 from your address/)
    for (const c of clients) c.ws.close()
    await Promise.all(clients.map((c) => c.closed))
    await canary.check()
  })
})

describe('logs', () => {
  it('the server stayed up, logged every refusal, and no log line holds a token', async () => {
    await canary.check()
    // Log lines and close frames travel apart: wait for the lines.
    await waitFor(() => server.linesWith('message rejected, connection closed').length >= 11, {
      what: 'a log line for every rejected message',
    })
    expect(server.output.some((l) => l.includes(room.roomId))).toBe(true)
    expect(tokensInLogs(server)).toEqual([])
  })
})
