import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType } from '@kickoff/protocol'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

/**
 * How many local changes are waiting for the server: the number behind "3 changes waiting" in
 * the connection indicator.
 *
 * What is counted: every local document update (one Yjs transaction: a keystroke, a moved
 * shape…) made while this browser has no *confirmed* link to the server, i.e. while offline,
 * connecting, syncing, or connected but not yet acknowledged. Updates made while the link is
 * confirmed are sent at once and not counted. (If the socket dies under such an update it is not
 * lost: the state-vector exchange on reconnect sends whatever the server lacks. The count just
 * does not show it, because the protocol has no per-update acknowledgement and asking for one
 * after every keystroke would cost a state vector and a delete set per edit, per person.)
 *
 * When the count goes back to zero: not when the socket opens, and not on y-websocket's `synced`
 * (that only says *we* have the server's state). After syncing we send one more sync step 1 (the
 * probe); the server answers it with a sync step 2, and it answers messages of one socket in
 * order, so that answer proves it has applied everything we sent before the probe, including the
 * step 2 that carried our offline edits. Edits made while the probe is out are sent too, and
 * another probe follows them.
 *
 * The count is kept in localStorage per room, so "5 changes waiting" survives closing the tab
 * offline (the edits themselves survive in IndexedDB).
 */
export class PendingChanges {
  #count: number
  #confirmed = false
  #probeOut = false
  #dirtySinceProbe = false

  constructor(
    private readonly storage: { load(): number; save(count: number): void },
    private readonly onChange: (count: number, confirmed: boolean) => void,
  ) {
    this.#count = Math.max(0, Math.floor(storage.load()) || 0)
  }

  get count(): number {
    return this.#count
  }

  /** True while the server has acknowledged everything and new edits go straight to it. */
  get confirmed(): boolean {
    return this.#confirmed
  }

  /** A local document update happened. */
  localUpdate(): void {
    if (this.#confirmed) return
    this.#count++
    if (this.#probeOut) this.#dirtySinceProbe = true
    this.#changed()
  }

  /** The socket closed or the browser went offline. */
  linkLost(): void {
    this.#confirmed = false
    this.#probeOut = false
    this.#dirtySinceProbe = false
    this.#changed()
  }

  /** We have the server's state (y-websocket `synced`); `sendProbe` sends a sync step 1. */
  linkSynced(sendProbe: () => void): void {
    if (this.#count === 0) {
      this.#confirmed = true
      this.#changed()
      return
    }
    this.#probe(sendProbe)
  }

  /** The server answered a probe (a sync step 2 after the first one on this socket). */
  probeAnswered(sendProbe: () => void): void {
    if (!this.#probeOut) return
    this.#probeOut = false
    if (this.#dirtySinceProbe) {
      this.#probe(sendProbe)
      return
    }
    this.#count = 0
    this.#confirmed = true
    this.#changed()
  }

  #probe(sendProbe: () => void): void {
    this.#probeOut = true
    this.#dirtySinceProbe = false
    sendProbe()
  }

  #changed(): void {
    this.storage.save(this.#count)
    this.onChange(this.#count, this.#confirmed)
  }
}

/** A y-websocket sync step 1 frame for `doc`: the probe. */
export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** Whether a frame from the server is a sync step 2 (the answer to a sync step 1). */
export function isSyncStep2Frame(data: ArrayBuffer | Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(data instanceof Uint8Array ? data : new Uint8Array(data))
    return (
      decoding.readVarUint(decoder) === MessageType.sync &&
      decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2
    )
  } catch {
    return false
  }
}

/** The pending count of one room in localStorage. */
export function pendingStorage(roomId: string): { load(): number; save(count: number): void } {
  const key = `kickoff:pending:${roomId}`
  return {
    load() {
      try {
        return Number(localStorage.getItem(key) ?? 0)
      } catch {
        return 0
      }
    },
    save(count) {
      try {
        if (count === 0) localStorage.removeItem(key)
        else localStorage.setItem(key, String(count))
      } catch {
        // Storage full or blocked: the count still works for this tab.
      }
    },
  }
}
