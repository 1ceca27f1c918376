import type { RawData, WebSocket } from 'ws'
import { CloseCode, type Role } from '@kickoff/protocol'
import type { Logger } from '../log.js'
import { FrameError, readFrame } from './frames.js'
import { bringsChanges } from './readonly.js'
import type { Peer, Room } from './room.js'

type Close = (typeof CloseCode)[keyof typeof CloseCode]

/** Messages a client may send before its room is loaded; more than this is abuse. */
const MAX_QUEUED_BEFORE_READY = 64

/** Where a connection is in its life; every switch over it ends in an exhaustiveness check. */
type State =
  | { kind: 'authenticating'; queue: Uint8Array[] }
  | { kind: 'loading'; role: Role; queue: Uint8Array[] }
  | { kind: 'ready'; role: Role; room: Room; onClose: () => void }
  | { kind: 'closed' }

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}

/**
 * One socket in one room. Messages that arrive while the token is checked and the room loads
 * are queued (bounded), so the first sync step is never answered from an empty document.
 */
export class Connection implements Peer {
  #state: State = { kind: 'authenticating', queue: [] }

  constructor(
    readonly ws: WebSocket,
    readonly roomId: string,
    readonly log: Logger,
  ) {
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        this.close(CloseCode.badMessage, 'text frames are not part of the protocol')
        return
      }
      this.receive(toBytes(data))
    })
    ws.on('error', (err) => log.debug({ err: err.message, roomId }, 'socket error'))
    ws.on('close', () => this.#closed())
  }

  get closed(): boolean {
    return this.#state.kind === 'closed'
  }

  get role(): Role | null {
    const s = this.#state
    return s.kind === 'loading' || s.kind === 'ready' ? s.role : null
  }

  send(data: Uint8Array): void {
    if (this.#state.kind === 'closed' || this.ws.readyState !== this.ws.OPEN) return
    this.ws.send(data, { binary: true })
  }

  close(close: Close, detail?: string): void {
    if (this.#state.kind === 'closed') return
    this.#closed()
    // A close reason is at most 123 bytes.
    const reason = detail ? `${close.reason}: ${detail}`.slice(0, 120) : close.reason
    this.ws.close(close.code, reason)
  }

  authenticated(role: Role): void {
    const s = this.#state
    if (s.kind !== 'authenticating') return
    this.#state = { kind: 'loading', role, queue: s.queue }
  }

  /** The room is loaded: replay what arrived meanwhile. `onClose` leaves the room. */
  ready(room: Room, onClose: () => void): void {
    const s = this.#state
    if (s.kind !== 'loading') {
      onClose()
      return
    }
    this.#state = { kind: 'ready', role: s.role, room, onClose }
    for (const data of s.queue) this.receive(data)
  }

  #closed(): void {
    const s = this.#state
    this.#state = { kind: 'closed' }
    if (s.kind === 'ready') s.onClose()
  }

  receive(data: Uint8Array): void {
    const s = this.#state
    switch (s.kind) {
      case 'closed':
        return
      case 'authenticating':
      case 'loading':
        if (s.queue.length >= MAX_QUEUED_BEFORE_READY) {
          this.close(CloseCode.badMessage, 'too many messages before sync')
          return
        }
        s.queue.push(data)
        return
      case 'ready':
        this.#handle(s.room, s.role, data)
        return
      default: {
        const never: never = s
        throw new Error(`unhandled state ${String(never)}`)
      }
    }
  }

  #handle(room: Room, role: Role, data: Uint8Array): void {
    try {
      const frame = readFrame(data)
      switch (frame.kind) {
        case 'sync-step1':
          room.answerSyncStep1(this, frame.stateVector)
          return
        case 'sync-step2':
        case 'update':
          if (role === 'viewer') {
            // A viewer's answer to our step 1 is harmless when it brings nothing new; anything
            // else is a write attempt, refused before it touches the document.
            if (bringsChanges(room.doc, frame.update)) this.close(CloseCode.readOnly)
            return
          }
          room.applyUpdate(this, frame.update)
          return
        case 'awareness':
          room.applyAwareness(this, frame.update)
          return
        case 'query-awareness':
          room.sendAwareness(this)
          return
        case 'auth':
          return
        default: {
          const never: never = frame
          throw new Error(`unhandled frame ${String(never)}`)
        }
      }
    } catch (err) {
      if (err instanceof FrameError) {
        this.log.info({ roomId: room.roomId, problem: err.problem }, 'closing: bad frame')
        this.close(
          err.problem === 'invalid-update' ? CloseCode.invalidUpdate : CloseCode.badMessage,
          err.message,
        )
        return
      }
      this.log.warn({ err, roomId: room.roomId }, 'closing: message failed')
      this.close(CloseCode.badMessage, 'message could not be applied')
    }
  }
}
