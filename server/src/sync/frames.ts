import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MessageType } from '@kickoff/protocol'

/** One decoded y-websocket message. */
export type Frame =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' }

/** Why a frame was rejected; maps to a close code one level up. */
export class FrameError extends Error {
  constructor(
    readonly problem: 'malformed' | 'invalid-update',
    message: string,
  ) {
    super(message)
    this.name = 'FrameError'
  }
}

function readPayload(decoder: decoding.Decoder): Uint8Array {
  const bytes = decoding.readVarUint8Array(decoder)
  if (decoding.hasContent(decoder))
    throw new FrameError('malformed', 'trailing bytes after payload')
  return bytes
}

/**
 * Decodes one binary message. Throws FrameError for truncated varints, unknown message types,
 * trailing bytes, or Yjs payloads that do not parse. Parsing an update before applying it keeps
 * a corrupt update from half-integrating into a room's document.
 */
export function readFrame(data: Uint8Array): Frame {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync: {
        const sub = decoding.readVarUint(decoder)
        const payload = readPayload(decoder)
        if (sub === 0) {
          Y.decodeStateVector(payload)
          return { kind: 'sync-step1', stateVector: payload }
        }
        if (sub === 1 || sub === 2) {
          assertUpdate(payload)
          return { kind: sub === 1 ? 'sync-step2' : 'update', update: payload }
        }
        throw new FrameError('malformed', `unknown sync message type ${sub}`)
      }
      case MessageType.awareness:
        return { kind: 'awareness', update: readPayload(decoder) }
      case MessageType.queryAwareness:
        return { kind: 'query-awareness' }
      case MessageType.auth:
        return { kind: 'auth' }
      default:
        throw new FrameError('malformed', `unknown message type ${type}`)
    }
  } catch (err) {
    if (err instanceof FrameError) throw err
    throw new FrameError('malformed', err instanceof Error ? err.message : 'undecodable frame')
  }
}

function assertUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update)
  } catch (err) {
    throw new FrameError(
      'invalid-update',
      `not a Yjs update: ${err instanceof Error ? err.message : String(err)}`,
    )
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

export function writeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint8Array(e, stateVector)
  })
}

export function writeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint8Array(e, update)
  })
}

export function writeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update)
  })
}

export function writeAwareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, update)
  })
}
