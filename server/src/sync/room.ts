import { ModelError, SCHEMA_VERSION, migrate, schemaVersionOf } from '@kickoff/model'
import type { Role } from '@kickoff/protocol'
import * as Y from 'yjs'
import type { Hooks } from '../hooks.js'
import type { Storage } from '../storage/types.js'
import { RoomWriter } from '../storage/writer.js'
import { Broadcaster } from './broadcaster.js'
import { FanoutBudget } from './budget.js'
import type { Clock } from './clock.js'
import { Member, type Outlet, type RoomPort } from './member.js'
import { writeAwareness, type PresenceEntry } from './messages/awareness.js'
import { writeSyncStep1 } from './messages/sync.js'
import { PresenceStore } from './presence.js'

/**
 * Typed transaction origins: every write to a room's Y.Doc says where it came from, so listeners
 * can skip echoes. `load` is the stored state (never stored again, never broadcast). `server` is
 * the server's own write (closing the kickoff when its record is written, migrating a room an
 * older version wrote): stored and sent to every member, like a member's update that no member
 * sent.
 */
export type ServerWriteReason = 'close-kickoff' | 'migrate'
export type Origin =
  | { kind: 'load' }
  | { kind: 'member'; member: Member }
  | { kind: 'server'; reason: ServerWriteReason }
const LOAD: Origin = { kind: 'load' }

/** Settings a room runs with (from Config). */
export interface RoomSettings {
  batchIntervalMs: number
  batchMaxIntervalMs: number
  batchSendShare: number
  fanoutPerSecond: number
  presenceRenewMs: number
  compactAfter: number
  maxPresencePerConnection: number
}

export interface RoomDeps {
  storage: Storage
  hooks: Hooks
  clock: Clock
  settings: RoomSettings
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

/**
 * One loaded document, its presence and its members. A change flows: member → `applyUpdate` →
 * the doc's `update` event → the writer (to storage) and the broadcaster (to every member).
 */
export class Room implements RoomPort {
  readonly doc = new Y.Doc({ gc: true })
  readonly presence: PresenceStore
  readonly members = new Set<Member>()
  readonly writer: RoomWriter
  readonly #broadcaster: Broadcaster<Member>
  readonly #deps: RoomDeps
  #sweep: unknown = null
  /** The whole document encoded, for clients that sync from nothing; dropped on change. */
  #fullState: Uint8Array | null = null
  #destroyed = false

  private constructor(
    readonly roomId: string,
    deps: RoomDeps,
    stored: { entries: number; lastSeq: number },
  ) {
    this.#deps = deps
    const { clock, hooks, settings } = deps
    this.presence = new PresenceStore(() => clock.now())
    this.#broadcaster = new Broadcaster(this.members, this.presence, {
      clock,
      hooks,
      minIntervalMs: settings.batchIntervalMs,
      maxIntervalMs: settings.batchMaxIntervalMs,
      sendShare: settings.batchSendShare,
      budget: new FanoutBudget(settings.fanoutPerSecond, () => clock.now()),
    })
    this.writer = new RoomWriter(
      roomId,
      deps.storage,
      this.doc,
      { compactAfter: settings.compactAfter, hooks },
      stored,
    )
    // Registered before the stored state is applied, in the same tick (see load): no update can
    // slip between loading and listening (the persistence race in STACK.md).
    this.doc.on('update', (update: Uint8Array, origin: Origin | null) => {
      this.#fullState = null
      if (origin?.kind === 'load') return
      this.writer.append(update)
      this.#broadcaster.update(update, origin?.kind === 'member' ? origin.member : null)
    })
    this.#scheduleSweep()
  }

  /** Loads the stored document. The room answers no sync step before this resolves. */
  static async load(roomId: string, deps: RoomDeps): Promise<Room> {
    const t0 = performance.now()
    let stored
    try {
      stored = await deps.storage.loadDoc(roomId)
    } catch (err) {
      deps.hooks.emit('storageFailed', { roomId, op: 'load', err })
      throw err
    }
    let bytes = 0
    for (const u of stored.updates) bytes += u.length
    const room = new Room(roomId, deps, { entries: stored.updates.length, lastSeq: stored.lastSeq })
    if (stored.updates.length > 0) {
      const state =
        stored.updates.length === 1 ? stored.updates[0]! : Y.mergeUpdates(stored.updates)
      Y.applyUpdate(room.doc, state, LOAD)
    }
    const migration = room.#migrate()
    deps.hooks.emit('roomLoaded', {
      roomId,
      ms: performance.now() - t0,
      storedUpdates: stored.updates.length,
      bytes,
      migration,
    })
    return room
  }

  /**
   * Brings a room an older version wrote up to the model's SCHEMA_VERSION, before anyone syncs:
   * a migration writes, so the server runs it (as a server write, stored and sent like any
   * update), never clients. A room a newer version wrote is served as it is, reads leaving out
   * what they do not understand.
   */
  #migrate(): { from: number; to: number; applied: string[] } | { refused: string } | null {
    if (schemaVersionOf(this.doc) === SCHEMA_VERSION) return null
    try {
      return this.serverWrite('migrate', (doc) => migrate(doc))
    } catch (err) {
      if (err instanceof ModelError) return { refused: err.message }
      throw err
    }
  }

  get destroyed(): boolean {
    return this.#destroyed
  }

  #scheduleSweep(): void {
    this.#sweep = this.#deps.clock.setTimeout(() => {
      if (this.#destroyed) return
      this.#broadcaster.sweep()
      this.#scheduleSweep()
    }, this.#deps.settings.presenceRenewMs)
  }

  /** Adds a member and sends it our sync step 1 and everyone's presence. */
  join(outlet: Outlet, role: Role): Member {
    if (this.#destroyed) throw new Error(`room ${this.roomId} is unloaded`)
    const member = new Member(this, role, outlet, {
      maxPresence: this.#deps.settings.maxPresencePerConnection,
    })
    this.members.add(member)
    outlet.send(writeSyncStep1(Y.encodeStateVector(this.doc)), 'sync')
    const snapshot = this.presence.snapshot()
    if (snapshot.length > 0) outlet.send(writeAwareness(snapshot), 'presence')
    return member
  }

  /** Removes a member; its presence goes, and everyone hears so. */
  leave(member: Member): void {
    if (!this.members.delete(member)) return
    this.#broadcaster.presenceChanged(this.presence.removeOwnedBy(member), null)
  }

  applyUpdate(update: Uint8Array, member: Member): void {
    Y.applyUpdate(this.doc, update, { kind: 'member', member } satisfies Origin)
  }

  /**
   * The server writes to the document itself (through the model's functions, in `fn`), in one
   * transaction: stored and broadcast to every member like any update.
   */
  serverWrite<T>(reason: ServerWriteReason, fn: (doc: Y.Doc) => T): T {
    if (this.#destroyed) throw new Error(`room ${this.roomId} is unloaded`)
    let out!: T
    this.doc.transact(
      () => {
        out = fn(this.doc)
      },
      { kind: 'server', reason } satisfies Origin,
    )
    return out
  }

  applyPresence(entries: readonly PresenceEntry[], member: Member): void {
    const { changed, renewed } = this.presence.apply(entries, member)
    this.#broadcaster.presenceRenewed(renewed)
    this.#broadcaster.presenceChanged(changed, member)
  }

  presenceOwnedAfter(entries: readonly PresenceEntry[], member: Member): number {
    return this.presence.ownedAfter(member, entries)
  }

  syncStep2(stateVector: Uint8Array): Uint8Array {
    const fromNothing =
      stateVector.length === EMPTY_STATE_VECTOR.length &&
      stateVector.every((b, i) => b === EMPTY_STATE_VECTOR[i])
    if (!fromNothing) return Y.encodeStateAsUpdate(this.doc, stateVector)
    this.#fullState ??= Y.encodeStateAsUpdate(this.doc)
    return this.#fullState
  }

  presenceSnapshot(): Uint8Array {
    return writeAwareness(this.presence.snapshot())
  }

  /** Sends whatever the broadcaster holds now (tests, shutdown). */
  flushBroadcast(): void {
    this.#broadcaster.flush()
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#destroyed = true
    this.#broadcaster.destroy()
    if (this.#sweep !== null) this.#deps.clock.clearTimeout(this.#sweep)
    this.doc.destroy()
  }
}
