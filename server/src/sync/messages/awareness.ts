import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType } from '@kickoff/protocol'
import { FrameError } from './errors.js'
import { readLastPayload } from './sync.js'

/**
 * One client's presence as y-protocols `awareness.js` encodes it: client id, clock, and the
 * state as JSON text (`'null'` when the client is gone). The server keeps the text as it came
 * (after checking it parses), so forwarding costs no JSON round trip.
 */
export interface PresenceEntry {
  clientId: number
  clock: number
  state: string
}

export const REMOVED = 'null'

/** `[1, varUint8Array([count, (clientId, clock, varString json)*])]`. */
export type AwarenessMessage = { kind: 'awareness'; entries: PresenceEntry[] }

/**
 * Reads the rest of an awareness message (after its type). Every state must be JSON: a stock
 * client parses what it receives without a guard, so one bad state forwarded by the server would
 * break every other client's message handler.
 */
export function readAwarenessMessage(decoder: decoding.Decoder): AwarenessMessage {
  const payload = readLastPayload(decoder)
  const d = decoding.createDecoder(payload)
  const count = decoding.readVarUint(d)
  const entries: PresenceEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d)
    const clock = decoding.readVarUint(d)
    const state = decoding.readVarString(d)
    try {
      JSON.parse(state)
    } catch {
      throw new FrameError('invalid-presence', `presence state of client ${clientId} is not JSON`)
    }
    entries.push({ clientId, clock, state })
  }
  if (decoding.hasContent(d)) throw new FrameError('malformed', 'trailing bytes after presence')
  return { kind: 'awareness', entries }
}

export function encodePresence(entries: readonly PresenceEntry[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(e, clientId)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, state)
  }
  return encoding.toUint8Array(e)
}

export function writeAwareness(entries: readonly PresenceEntry[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.awareness)
  encoding.writeVarUint8Array(e, encodePresence(entries))
  return encoding.toUint8Array(e)
}

/**
 * An awareness message with no states: changes nothing for a stock client, but counts as
 * "received something", which keeps its 30 s no-message watchdog from reconnecting.
 */
export const KEEPALIVE: Uint8Array = writeAwareness([])

export function writeQueryAwareness(): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.queryAwareness)
  return encoding.toUint8Array(e)
}
