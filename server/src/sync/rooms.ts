import type { Role } from '@kickoff/protocol'
import type { Hooks } from '../hooks.js'
import type { Member, Outlet } from './member.js'
import { Room, type RoomDeps } from './room.js'

/** Where one room is in its life; every switch over it ends in an exhaustiveness check. */
type Slot =
  | { kind: 'loading'; ready: Promise<Room> }
  | { kind: 'live'; room: Room }
  | { kind: 'unloading'; room: Room; done: Promise<void> }

function unreachable(x: never): never {
  throw new Error(`unhandled room state ${JSON.stringify(x)}`)
}

/**
 * Loaded rooms. A room is loaded once however many connections join at the same moment, and
 * unloaded after its last member leaves and its writes are stored (and compacted). A join while
 * it unloads keeps it loaded.
 */
export class Rooms {
  readonly #slots = new Map<string, Slot>()
  readonly #deps: RoomDeps
  #closing = false

  constructor(deps: RoomDeps) {
    this.#deps = deps
  }

  get hooks(): Hooks {
    return this.#deps.hooks
  }

  /** Rooms in memory (loading, live or unloading). */
  get size(): number {
    return this.#slots.size
  }

  /** Rooms whose document is in memory. */
  *loaded(): Iterable<Room> {
    for (const slot of this.#slots.values()) if (slot.kind !== 'loading') yield slot.room
  }

  /** The live room, if loaded (tests and metrics). */
  peek(roomId: string): Room | undefined {
    const slot = this.#slots.get(roomId)
    return slot && slot.kind !== 'loading' ? slot.room : undefined
  }

  /** Loads the room if needed and adds a member. Rejects when storage cannot load it. */
  async join(roomId: string, outlet: Outlet, role: Role): Promise<Member> {
    for (;;) {
      const room = await this.#acquire(roomId)
      // Checked and joined in one synchronous step: an unload cannot slip in between.
      if (!room.destroyed) {
        const slot = this.#slots.get(roomId)
        if (slot?.kind === 'unloading' && slot.room === room) {
          this.#slots.set(roomId, { kind: 'live', room })
        }
        return room.join(outlet, role)
      }
    }
  }

  async #acquire(roomId: string): Promise<Room> {
    const slot = this.#slots.get(roomId)
    if (!slot) {
      const ready = Room.load(roomId, this.#deps)
      this.#slots.set(roomId, { kind: 'loading', ready })
      try {
        const room = await ready
        this.#slots.set(roomId, { kind: 'live', room })
        return room
      } catch (err) {
        this.#slots.delete(roomId)
        throw err
      }
    }
    switch (slot.kind) {
      case 'loading':
        return slot.ready
      case 'live':
      case 'unloading':
        return slot.room
      default:
        return unreachable(slot)
    }
  }

  /** Removes a member; the last one out unloads the room once its writes are stored. */
  leave(member: Member): void {
    const room = member.room as Room
    room.leave(member)
    if (room.members.size > 0) return
    const slot = this.#slots.get(room.roomId)
    if (slot?.kind !== 'live' || slot.room !== room) return
    const done = this.#unload(room)
    this.#slots.set(room.roomId, { kind: 'unloading', room, done })
  }

  async #unload(room: Room): Promise<void> {
    room.flushBroadcast()
    // Compact on the way out unless the process is stopping (then only store, quickly).
    if (!this.#closing) room.writer.compact('unload')
    for (;;) {
      await room.writer.flushed()
      // After every await, check again: someone may have joined (and even written and left).
      const slot = this.#slots.get(room.roomId)
      if (slot?.kind !== 'unloading' || slot.room !== room) return // revived by a join
      if (room.members.size > 0) {
        this.#slots.set(room.roomId, { kind: 'live', room })
        return
      }
      if (room.writer.idle) break
    }
    // Synchronously from the check above: nothing can join or write in between.
    this.#slots.delete(room.roomId)
    room.destroy()
    this.#deps.hooks.emit('roomUnloaded', { roomId: room.roomId })
  }

  /** Resolves when every loaded room's updates are stored (shutdown). */
  async flushAll(): Promise<void> {
    this.#closing = true
    const waits: Promise<unknown>[] = []
    for (const slot of this.#slots.values()) {
      switch (slot.kind) {
        case 'loading':
          waits.push(slot.ready.then((r) => r.writer.flushed()).catch(() => {}))
          break
        case 'live':
          waits.push(slot.room.writer.flushed())
          break
        case 'unloading':
          waits.push(slot.done, slot.room.writer.flushed())
          break
        default:
          unreachable(slot)
      }
    }
    await Promise.all(waits)
  }
}
