import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MessageType } from '@kickoff/protocol'
import { FrameError } from './errors.js'

/**
 * The sync message family (y-protocols `sync.js`): `[0, sub, varUint8Array payload]` with
 * sub 0 = step 1 (a state vector), 1 = step 2 (an update answering it), 2 = an update.
 */
export type SyncMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }

export const SyncSubType = { step1: 0, step2: 1, update: 2 } as const

/**
 * Reads the rest of a sync message (after its type). Parses the state vector or the update, so
 * that a corrupt update is refused before it can half-integrate into a room's document.
 */
export function readSyncMessage(decoder: decoding.Decoder): SyncMessage {
  const sub = decoding.readVarUint(decoder)
  const payload = readLastPayload(decoder)
  switch (sub) {
    case SyncSubType.step1:
      try {
        Y.decodeStateVector(payload)
      } catch (err) {
        throw new FrameError('malformed', `not a state vector: ${messageOf(err)}`)
      }
      return { kind: 'sync-step1', stateVector: payload }
    case SyncSubType.step2:
    case SyncSubType.update:
      assertUpdate(payload)
      return { kind: sub === SyncSubType.step2 ? 'sync-step2' : 'update', update: payload }
    default:
      throw new FrameError('malformed', `unknown sync message type ${sub}`)
  }
}

/** The last field of a message: a length-prefixed byte array and nothing after it. */
export function readLastPayload(decoder: decoding.Decoder): Uint8Array {
  const bytes = decoding.readVarUint8Array(decoder)
  if (decoding.hasContent(decoder)) {
    throw new FrameError('malformed', 'trailing bytes after payload')
  }
  return bytes
}

function assertUpdate(update: Uint8Array): void {
  try {
    // Reads every struct and the delete set: throws on truncation or unknown content.
    Y.decodeUpdate(update)
  } catch (err) {
    throw new FrameError('invalid-update', `not a Yjs update: ${messageOf(err)}`)
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  encoding.writeVarUint(e, sub)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

export function writeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return syncFrame(SyncSubType.step1, stateVector)
}

export function writeSyncStep2(update: Uint8Array): Uint8Array {
  return syncFrame(SyncSubType.step2, update)
}

export function writeUpdate(update: Uint8Array): Uint8Array {
  return syncFrame(SyncSubType.update, update)
}
