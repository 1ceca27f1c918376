import type { Socket } from 'node:net'
import type { RawData, WebSocket } from 'ws'
import { CloseCode, type Role } from '@kickoff/protocol'
import type { Hooks, SentKind } from '../hooks.js'
import { SendBound } from './backpressure.js'
import type { Clock } from './clock.js'
import { isAlive, isDead, type LivenessSample } from './liveness.js'
import type { Outgoing } from './broadcaster.js'
import type { Close, Member, Outlet } from './member.js'
import { FrameError, readFrame, type FrameProblem } from './messages/frame.js'
import type { Traffic } from './traffic.js'

export interface ConnectionOptions {
  roomId: string
  /** Messages that may wait while the token is checked and the room loads. */
  maxPendingMessages: number
  /** Bytes that may wait meanwhile. */
  maxPendingBytes: number
  /** Send buffer bound (see SendBound). */
  maxBufferedBytes: number
  hooks: Hooks
  traffic: Traffic
  clock: Clock
}

/** Where a connection is in its life; every switch over it ends in an exhaustiveness check. */
type State =
  | { kind: 'pending'; queue: Uint8Array[]; bytes: number }
  | { kind: 'ready'; member: Member; leave: () => void }
  | { kind: 'closed' }

const BINARY = { binary: true } as const
const MORE = { binary: true, fin: false } as const
const LAST = { binary: true, fin: true } as const

/**
 * Messages larger than this go out as WebSocket fragments of this size. A socket's send queue
 * only shrinks when a whole write completes, so one multi-megabyte write to a slow client looks
 * like no progress at all; fragments make its progress visible to the heartbeat.
 */
export const FRAGMENT_BYTES = 64 * 1024

const PROBLEM_CLOSE: Record<FrameProblem, Close> = {
  malformed: CloseCode.badMessage,
  'invalid-update': CloseCode.invalidUpdate,
  'invalid-presence': CloseCode.badMessage,
}

/**
 * Copies a received message into its own ArrayBuffer. ws hands out views into larger socket
 * chunks, and lib0/Yjs decoders that read a length beyond the view would read the bytes around
 * it (other clients' messages); in an exact-size buffer they throw instead.
 */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data)
}

/** A close reason is at most 123 bytes of UTF-8. */
export function closeReason(close: Close, detail?: string): string {
  let reason = detail ? `${close.reason}: ${detail}` : close.reason
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1)
  return reason
}

/**
 * One socket: its state, its pre-join queue, its send bound and its liveness. What a message
 * may do in the room is the member's business; this class only turns bytes into frames and
 * refusals into close codes.
 */
export class Connection implements Outlet {
  #state: State = { kind: 'pending', queue: [], bytes: 0 }
  #role: Role | null = null
  readonly #bound: SendBound
  #sentBytes = 0
  #heard = true
  #misses = 0
  #last: LivenessSample = { heard: true, bytesRead: 0, drained: 0 }
  lastSentAt: number

  constructor(
    readonly ws: WebSocket,
    /** The TCP socket under it: broadcasts are written to it, its byte count tells liveness. */
    readonly socket: Socket,
    readonly opts: ConnectionOptions,
  ) {
    this.#bound = new SendBound(opts.maxBufferedBytes)
    this.lastSentAt = opts.clock.now()
    ws.on('message', (data, isBinary) => {
      this.#heard = true
      const bytes = toBytes(data)
      opts.traffic.received(bytes.length)
      if (!isBinary) {
        this.reject(CloseCode.badMessage, 'text', 'text frames are not part of the protocol')
        return
      }
      this.#receive(bytes)
    })
    ws.on('pong', () => (this.#heard = true))
    ws.on('close', (code, reason) => {
      const wasOpen = this.#state.kind !== 'closed'
      this.#enterClosed()
      if (wasOpen) {
        opts.hooks.emit('connectionClosed', {
          roomId: opts.roomId,
          role: this.#role,
          code,
          reason: reason.toString(),
        })
      }
    })
  }

  get roomId(): string {
    return this.opts.roomId
  }

  get closed(): boolean {
    return this.#state.kind === 'closed'
  }

  get role(): Role | null {
    return this.#role
  }

  /** Open, and under its send bound (else closed with 4503). */
  #admit(): boolean {
    if (this.#state.kind === 'closed' || this.ws.readyState !== this.ws.OPEN) return false
    const buffered = this.ws.bufferedAmount
    if (this.#bound.admits(buffered)) return true
    this.opts.hooks.emit('backpressure', { roomId: this.opts.roomId, buffered })
    this.close(CloseCode.backpressure, `over ${this.#bound.limit} bytes pending`)
    return false
  }

  #sent(kind: SentKind, bytes: number): void {
    this.#sentBytes += bytes
    this.lastSentAt = this.opts.clock.now()
    this.opts.traffic.sent(kind, bytes)
  }

  send(data: Uint8Array, kind: SentKind, opts?: { initialSync?: boolean }): boolean {
    if (!this.#admit()) return false
    if (data.length <= FRAGMENT_BYTES) {
      this.ws.send(data, BINARY)
    } else {
      // In one synchronous loop: no other frame can come between the fragments.
      for (let at = 0; at < data.length; at += FRAGMENT_BYTES) {
        const end = Math.min(at + FRAGMENT_BYTES, data.length)
        this.ws.send(data.subarray(at, end), end === data.length ? LAST : MORE)
      }
    }
    this.#sent(kind, data.length)
    if (opts?.initialSync) this.#bound.allowInitialSync(data.length)
    return true
  }

  /**
   * Writes a frame prepared once for the whole room straight to the TCP socket. Safe next to
   * ws's own writes: with compression off, ws writes every frame synchronously and whole, so
   * frames never interleave; and nothing is written once ws has started closing.
   */
  write(message: Outgoing): boolean {
    if (!this.#admit()) return false
    this.socket.write(message.frame)
    this.#sent(message.kind, message.frame.length)
    return true
  }

  /** Closes with a code and reason; the room is left at once, not after the handshake. */
  close(close: Close, detail?: string): void {
    if (this.#state.kind === 'closed') return
    this.#enterClosed()
    const reason = closeReason(close, detail)
    this.opts.hooks.emit('connectionClosed', {
      roomId: this.opts.roomId,
      role: this.#role,
      code: close.code,
      reason,
    })
    this.ws.close(close.code, reason)
  }

  /** Closes because of a message it sent. */
  reject(close: Close, problem: string, detail: string): void {
    if (this.#state.kind === 'closed') return
    this.opts.hooks.emit('rejected', {
      roomId: this.opts.roomId,
      problem,
      code: close.code,
      detail,
    })
    this.close(close, detail)
  }

  /** The token gave this role; messages keep waiting until `ready`. */
  authenticated(role: Role): void {
    this.#role = role
  }

  /** Joined: replay what arrived meanwhile. `leave` is called once when the socket closes. */
  ready(member: Member, leave: () => void): void {
    const s = this.#state
    switch (s.kind) {
      case 'closed':
        leave()
        return
      case 'ready':
        throw new Error('connection joined twice')
      case 'pending':
        this.#state = { kind: 'ready', member, leave }
        for (const data of s.queue) {
          if (this.#state.kind !== 'ready') return
          this.#handle(member, data)
        }
        return
      default: {
        const never: never = s
        throw new Error(`unhandled state ${String(never)}`)
      }
    }
  }

  #enterClosed(): void {
    const s = this.#state
    this.#state = { kind: 'closed' }
    if (s.kind === 'ready') s.leave()
  }

  #receive(data: Uint8Array): void {
    const s = this.#state
    switch (s.kind) {
      case 'closed':
        return
      case 'pending':
        if (
          s.queue.length >= this.opts.maxPendingMessages ||
          s.bytes + data.length > this.opts.maxPendingBytes
        ) {
          this.reject(CloseCode.badMessage, 'queue', 'too many messages before the room was ready')
          return
        }
        s.queue.push(data)
        s.bytes += data.length
        return
      case 'ready':
        this.#handle(s.member, data)
        return
      default: {
        const never: never = s
        throw new Error(`unhandled state ${String(never)}`)
      }
    }
  }

  #handle(member: Member, data: Uint8Array): void {
    let frame
    try {
      frame = readFrame(data)
    } catch (err) {
      if (!(err instanceof FrameError)) throw err
      this.reject(PROBLEM_CLOSE[err.problem], err.problem, err.message)
      return
    }
    try {
      const refused = member.receive(frame)
      if (refused) this.reject(refused.close, frame.kind, refused.detail)
    } catch (err) {
      // An update that parsed but could not be applied.
      this.reject(
        CloseCode.invalidUpdate,
        'apply-failed',
        `could not apply: ${err instanceof Error ? err.message : String(err)}`,
      )
    }
  }

  /** One heartbeat: close after too many in a row where nothing moved (see isDead), else ping. */
  checkLiveness(): void {
    if (this.#state.kind === 'closed') return
    const current: LivenessSample = {
      heard: this.#heard,
      bytesRead: this.socket.bytesRead,
      drained: this.#sentBytes - this.ws.bufferedAmount,
    }
    this.#misses = isAlive(this.#last, current) ? 0 : this.#misses + 1
    this.#last = current
    this.#heard = false
    if (isDead(this.#misses, this.ws.bufferedAmount > 0)) {
      this.opts.hooks.emit('timedOut', { roomId: this.opts.roomId })
      this.close(CloseCode.timeout, 'no answer to ping')
      return
    }
    this.ws.ping()
  }
}
