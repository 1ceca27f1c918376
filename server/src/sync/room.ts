import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Logger } from '../log.js'
import type { Storage } from '../storage/types.js'
import { writeAwareness, writeSyncStep1, writeSyncStep2, writeUpdate } from './frames.js'

/** Anything the room can send bytes to; the socket layer implements it. */
export interface Peer {
  send(data: Uint8Array): void
}

/** Typed transaction origins, so listeners can tell a load from a peer's edit. */
export type Origin = { kind: 'load' } | { kind: 'peer'; peer: Peer }
const LOAD: Origin = { kind: 'load' }

/** Compact when a room is loaded with more stored updates than this. */
const COMPACT_AFTER_UPDATES = 100

/**
 * One loaded document and the peers editing it. Edits are applied, stored in order and relayed;
 * awareness (presence) is relayed and never stored.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness: awarenessProtocol.Awareness
  readonly peers = new Map<Peer, Set<number>>()
  /** Serialises writes so that storage sees updates in the order they were applied. */
  #writes: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly roomId: string,
    readonly storage: Storage,
    readonly log: Logger,
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    // Registered in the same tick as the stored state is applied (see load): no update can slip
    // between loading and listening.
    this.doc.on('update', (update: Uint8Array, origin: Origin | null) => {
      if (origin === LOAD) return
      this.#store(update)
      const from = origin?.kind === 'peer' ? origin.peer : null
      const msg = writeUpdate(update)
      for (const peer of this.peers.keys()) if (peer !== from) peer.send(msg)
    })
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed]
        const owned =
          origin && typeof origin === 'object' ? this.peers.get(origin as Peer) : undefined
        if (owned) {
          for (const id of added) owned.add(id)
          for (const id of removed) owned.delete(id)
        }
        const msg = writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
        for (const peer of this.peers.keys()) peer.send(msg)
      },
    )
  }

  static async load(roomId: string, storage: Storage, log: Logger): Promise<Room> {
    const room = new Room(roomId, storage, log)
    const stored = await storage.loadDoc(roomId)
    const merged = Y.mergeUpdates(stored.updates)
    Y.applyUpdate(room.doc, merged, LOAD)
    if (stored.updates.length > COMPACT_AFTER_UPDATES) {
      room.#writes = storage.compact(roomId, merged, stored.lastSeq).catch((err: unknown) => {
        log.error({ err, roomId }, 'compaction failed')
      })
    }
    return room
  }

  #store(update: Uint8Array): void {
    this.#writes = this.#writes
      .then(() => this.storage.appendUpdates(this.roomId, [update]))
      .catch((err: unknown) =>
        this.log.error({ err, roomId: this.roomId }, 'storing update failed'),
      )
  }

  /** Resolves when every update applied so far is in storage. */
  flushed(): Promise<unknown> {
    return this.#writes
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set())
    peer.send(writeSyncStep1(Y.encodeStateVector(this.doc)))
    const states = this.awareness.getStates()
    if (states.size > 0) {
      peer.send(
        writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])),
      )
    }
  }

  leave(peer: Peer): void {
    const owned = this.peers.get(peer)
    this.peers.delete(peer)
    if (owned && owned.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...owned], null)
    }
  }

  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    peer.send(writeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)))
  }

  applyUpdate(peer: Peer, update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, { kind: 'peer', peer } satisfies Origin)
  }

  applyAwareness(peer: Peer, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer)
  }

  sendAwareness(peer: Peer): void {
    const states = this.awareness.getStates()
    peer.send(
      writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])),
    )
  }

  destroy(): void {
    this.awareness.destroy()
    this.doc.destroy()
  }
}
