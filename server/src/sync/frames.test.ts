import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  FrameError,
  readFrame,
  writeAwareness,
  writeSyncStep1,
  writeSyncStep2,
  writeUpdate,
} from './frames.js'

function bytes(...parts: number[]): Uint8Array {
  return new Uint8Array(parts)
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
    expect(readFrame(writeAwareness(bytes(0)))).toMatchObject({ kind: 'awareness' })
    expect(readFrame(bytes(3))).toEqual({ kind: 'query-awareness' })
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
  ])('rejects %s as malformed', (_, frame) => {
    expect(() => readFrame(frame)).toThrow(FrameError)
    try {
      readFrame(frame)
    } catch (err) {
      expect((err as FrameError).problem).toBe('malformed')
    }
  })

  it('rejects a sync update whose payload is not a Yjs update', () => {
    const garbage = writeUpdate(bytes(200, 1, 2, 3, 4, 5, 6, 7))
    expect(() => readFrame(garbage)).toThrow(FrameError)
    try {
      readFrame(garbage)
    } catch (err) {
      expect((err as FrameError).problem).toBe('invalid-update')
    }
  })
})
