import * as decoding from 'lib0/decoding'
import { MessageType } from '@kickoff/protocol'
import { readAwarenessMessage, type AwarenessMessage } from './awareness.js'
import { FrameError } from './errors.js'
import { readSyncMessage, type SyncMessage } from './sync.js'

export { FrameError } from './errors.js'
export type { FrameProblem } from './errors.js'

/** One decoded y-websocket message: its first varint picks the family. */
export type Frame = SyncMessage | AwarenessMessage | { kind: 'query-awareness' } | { kind: 'auth' }

/**
 * Decodes one binary message. Throws FrameError for truncated varints, unknown message types,
 * trailing bytes, updates that do not parse, or presence that is not JSON.
 */
export function readFrame(data: Uint8Array): Frame {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync:
        return readSyncMessage(decoder)
      case MessageType.awareness:
        return readAwarenessMessage(decoder)
      case MessageType.queryAwareness:
        if (decoding.hasContent(decoder)) throw new FrameError('malformed', 'trailing bytes')
        return { kind: 'query-awareness' }
      case MessageType.auth:
        // y-protocols auth messages flow server → client only; a client's is ignored.
        return { kind: 'auth' }
      default:
        throw new FrameError('malformed', `unknown message type ${type}`)
    }
  } catch (err) {
    if (err instanceof FrameError) throw err
    throw new FrameError('malformed', err instanceof Error ? err.message : 'undecodable frame')
  }
}
