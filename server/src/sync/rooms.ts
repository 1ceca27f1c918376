import type { Logger } from '../log.js'
import type { Storage } from '../storage/types.js'
import { Room, type Peer } from './room.js'

/**
 * Loaded rooms. A room is loaded once however many peers join at the same moment, and unloaded
 * after its last peer leaves and its writes are stored.
 */
export class Rooms {
  readonly #rooms = new Map<string, Promise<Room>>()

  constructor(
    readonly storage: Storage,
    readonly log: Logger,
  ) {}

  get size(): number {
    return this.#rooms.size
  }

  async join(roomId: string, peer: Peer): Promise<Room> {
    let loading = this.#rooms.get(roomId)
    if (!loading) {
      loading = Room.load(roomId, this.storage, this.log)
      this.#rooms.set(roomId, loading)
      loading.catch(() => this.#rooms.delete(roomId))
    }
    const room = await loading
    room.join(peer)
    return room
  }

  async leave(room: Room, peer: Peer): Promise<void> {
    room.leave(peer)
    if (room.peers.size > 0) return
    await room.flushed()
    // Someone may have joined while the writes were flushing.
    if (room.peers.size === 0 && (await this.#rooms.get(room.roomId)) === room) {
      this.#rooms.delete(room.roomId)
      room.destroy()
      this.log.debug({ roomId: room.roomId }, 'room unloaded')
    }
  }

  /** Stores everything and forgets every room (shutdown). */
  async flushAll(): Promise<void> {
    const rooms = await Promise.allSettled(this.#rooms.values())
    await Promise.all(rooms.flatMap((r) => (r.status === 'fulfilled' ? [r.value.flushed()] : [])))
  }
}
