import { CloseCode, type Role } from '@kickoff/protocol'
import type { SentKind } from '../hooks.js'
import type { Outgoing, Recipient } from './broadcaster.js'
import type { PresenceEntry } from './messages/awareness.js'
import type { Frame } from './messages/frame.js'
import { writeSyncStep2 } from './messages/sync.js'
import { bringsChanges } from './readonly.js'
import type * as Y from 'yjs'

export type Close = (typeof CloseCode)[keyof typeof CloseCode]

/** What a member needs from its socket: to send, and to be closed. */
export interface Outlet {
  /** Queues one message; false when the socket is closed or was just dropped for backpressure. */
  send(data: Uint8Array, kind: SentKind, opts?: { initialSync?: boolean }): boolean
  /** Queues a message framed once for many sockets. */
  write(message: Outgoing): boolean
  readonly lastSentAt: number
}

/** What a member needs from its room. */
export interface RoomPort {
  readonly roomId: string
  readonly doc: Y.Doc
  applyUpdate(update: Uint8Array, member: Member): void
  applyPresence(entries: readonly PresenceEntry[], member: Member): void
  /** How many live presence states `member` would hold after applying `entries`. */
  presenceOwnedAfter(entries: readonly PresenceEntry[], member: Member): number
  syncStep2(stateVector: Uint8Array): Uint8Array
  presenceSnapshot(): Uint8Array
}

/** A message the member refuses: the connection closes with this code and detail. */
export interface Refused {
  close: Close
  detail: string
}

/**
 * One connection's membership in one room: what its role lets it do with each message. It
 * knows nothing of sockets (the connection does) nor of other members (the room does).
 */
export class Member implements Recipient {
  #answeredFirstSync = false

  constructor(
    readonly room: RoomPort,
    readonly role: Role,
    readonly outlet: Outlet,
    readonly limits: { maxPresence: number },
  ) {}

  write(message: Outgoing): boolean {
    return this.outlet.write(message)
  }

  get lastSentAt(): number {
    return this.outlet.lastSentAt
  }

  get canWrite(): boolean {
    switch (this.role) {
      case 'facilitator':
      case 'participant':
        return true
      case 'viewer':
        return false
      default: {
        const never: never = this.role
        throw new Error(`unknown role ${String(never)}`)
      }
    }
  }

  receive(frame: Frame): Refused | null {
    switch (frame.kind) {
      case 'sync-step1': {
        // The first answer is the full sync a client waits for: it may exceed the send bound.
        const first = !this.#answeredFirstSync
        this.#answeredFirstSync = true
        this.outlet.send(writeSyncStep2(this.room.syncStep2(frame.stateVector)), 'sync', {
          initialSync: first,
        })
        return null
      }
      case 'sync-step2':
      case 'update':
        if (!this.canWrite) {
          // A viewer's answer to our step 1 always carries its whole delete set; it is harmless
          // when it brings nothing new. Anything else is a write attempt: refused (4403) before
          // it touches the document.
          if (!bringsChanges(this.room.doc, frame.update)) return null
          return { close: CloseCode.readOnly, detail: 'viewers cannot change the board' }
        }
        this.room.applyUpdate(frame.update, this)
        return null
      case 'awareness': {
        // Counted before applying, by what would really be this connection's: the states of
        // others that stock clients echo back do not count.
        if (this.room.presenceOwnedAfter(frame.entries, this) > this.limits.maxPresence) {
          return {
            close: CloseCode.badMessage,
            detail: `more than ${this.limits.maxPresence} presence states on one connection`,
          }
        }
        this.room.applyPresence(frame.entries, this)
        return null
      }
      case 'query-awareness':
        this.outlet.send(this.room.presenceSnapshot(), 'presence')
        return null
      case 'auth':
        return null
      default: {
        const never: never = frame
        throw new Error(`unhandled frame ${String(never)}`)
      }
    }
  }
}
