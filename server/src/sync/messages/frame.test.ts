import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodePresence, KEEPALIVE, writeAwareness, writeQueryAwareness } from './awareness.js'
import { FrameError, readFrame } from './frame.js'
import { writeSyncStep1, writeSyncStep2, writeUpdate } from './sync.js'

function bytes(...parts: number[]): Uint8Array {
  return new Uint8Array(parts)
}

function problemOf(frame: Uint8Array): string | null {
  try {
    readFrame(frame)
    return null
  } catch (err) {
    expect(err).toBeInstanceOf(FrameError)
    return (err as FrameError).problem
  }
}

function awarenessFrame(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

describe('readFrame', () => {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'x')
  const update = Y.encodeStateAsUpdate(doc)

  it('round-trips every message the server writes', () => {
    expect(readFrame(writeSyncStep1(Y.encodeStateVector(doc)))).toMatchObject({
      kind: 'sync-step1',
    })
    expect(readFrame(writeSyncStep2(update))).toMatchObject({ kind: 'sync-step2', update })
    expect(readFrame(writeUpdate(update))).toMatchObject({ kind: 'update', update })
    const entries = [
      { clientId: 7, clock: 3, state: '{"user":{"name":"Ada"}}' },
      { clientId: 9, clock: 1, state: 'null' },
    ]
    expect(readFrame(writeAwareness(entries))).toEqual({ kind: 'awareness', entries })
    expect(readFrame(KEEPALIVE)).toEqual({ kind: 'awareness', entries: [] })
    expect(readFrame(writeQueryAwareness())).toEqual({ kind: 'query-awareness' })
  })

  it.each([
    ['empty frame', bytes()],
    ['truncated varint', bytes(0x80)],
    ['unknown message type', bytes(9)],
    ['unknown sync type', bytes(0, 7, 0)],
    ['payload length beyond the frame', bytes(0, 2, 50, 1, 2)],
    [
      'trailing bytes',
      (() => {
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 0)
        encoding.writeVarUint(e, 2)
        encoding.writeVarUint8Array(e, update)
        encoding.writeUint8(e, 1)
        return encoding.toUint8Array(e)
      })(),
    ],
    ['a state vector that does not parse', writeSyncStep1(bytes(5, 1))],
    ['truncated presence', awarenessFrame(bytes(2, 7, 1))],
    ['presence with trailing bytes', awarenessFrame(bytes(0, 0))],
    ['query-awareness with trailing bytes', bytes(3, 0)],
  ])('rejects %s as malformed', (_, frame) => {
    expect(problemOf(frame)).toBe('malformed')
  })

  it.each([
    ['garbage', writeUpdate(bytes(200, 1, 2, 3, 4, 5, 6, 7))],
    ['a truncated update', writeUpdate(update.slice(0, update.length - 3))],
    ['a truncated step 2', writeSyncStep2(update.slice(0, 5))],
  ])('rejects %s in place of a Yjs update as invalid-update', (_, frame) => {
    expect(problemOf(frame)).toBe('invalid-update')
  })

  it('rejects presence whose state is not JSON', () => {
    const frame = writeAwareness([{ clientId: 1, clock: 1, state: '{not json' }])
    expect(problemOf(frame)).toBe('invalid-presence')
  })

  it('keeps presence text exactly as sent', () => {
    const payload = encodePresence([{ clientId: 1, clock: 2, state: '{ "b": 1,  "a": 2 }' }])
    const frame = readFrame(awarenessFrame(payload))
    expect(frame).toEqual({
      kind: 'awareness',
      entries: [{ clientId: 1, clock: 2, state: '{ "b": 1,  "a": 2 }' }],
    })
  })
})
