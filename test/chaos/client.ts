// The browser's offline story in Node: y-indexeddb on fake-indexeddb (a complete IndexedDB
// implementation for Node, kept up to date against the W3C test suite), so local persistence
// here is the same library and the same code path as in the app.
import 'fake-indexeddb/auto'
import { addReconnectJitter } from '@kickoff/protocol'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { Actor } from '@kickoff/model'
import type { ChaosProxy } from './proxy.js'

/** One local change: the update a local transaction produced on one incarnation of a client. */
export interface Authored {
  clientID: number
  update: Uint8Array
}

/**
 * One person's device in a chaos run: a stock y-websocket client (with the app's reconnect
 * jitter) behind its own chaos proxy and, when `persistent`, the real y-indexeddb under the
 * name the app uses. A restart throws away the Y.Doc and the provider and loads a new
 * incarnation from IndexedDB, with a new Yjs client id, as reloading a tab does.
 */
export class ChaosClient {
  doc!: Y.Doc
  provider!: WebsocketProvider
  local: IndexeddbPersistence | null = null
  /** Whether the device wants to be online (the browser's online/offline events). */
  online = true
  /** Every Yjs client id this device has had, one per incarnation. */
  readonly incarnations: number[] = []
  /** Close codes the server sent. */
  readonly closes: number[] = []
  #onAuthored: (a: Authored) => void

  constructor(
    readonly index: number,
    readonly actor: Actor,
    readonly roomId: string,
    readonly token: string,
    readonly proxy: ChaosProxy,
    /** IndexedDB database name, or null for a device without local persistence. */
    readonly dbName: string | null,
    readonly nextClientId: () => number,
    onAuthored: (a: Authored) => void,
  ) {
    this.#onAuthored = onAuthored
  }

  get persistent(): boolean {
    return this.dbName !== null
  }

  get synced(): boolean {
    return this.provider.synced
  }

  /** Starts an incarnation: loads from IndexedDB first (as the app renders the local copy). */
  async start(): Promise<void> {
    const doc = new Y.Doc()
    doc.clientID = this.nextClientId()
    this.incarnations.push(doc.clientID)
    this.doc = doc
    doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      // Local transactions only: what this device authored (not the server's, not IndexedDB's).
      if (tr.local) this.#onAuthored({ clientID: doc.clientID, update })
    })
    if (this.dbName) this.local = new IndexeddbPersistence(this.dbName, doc)
    const provider = new WebsocketProvider(this.proxy.url, this.roomId, doc, {
      params: { token: this.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: this.online,
    })
    addReconnectJitter(provider)
    provider.on('connection-close', (event) => {
      if (event) this.closes.push(event.code)
    })
    provider.awareness.setLocalStateField('user', { name: this.actor.personId })
    this.provider = provider
    if (this.local) await this.local.whenSynced
  }

  /** The browser went offline: the app disconnects on the `offline` event. */
  goOffline(): void {
    this.online = false
    this.provider.disconnect()
  }

  goOnline(): void {
    this.online = true
    this.provider.connect()
  }

  /** A cursor moves: presence traffic mixed into the stream. */
  movePresence(x: number): void {
    this.provider.awareness.setLocalStateField('cursor', { x, y: x * 2 })
  }

  /**
   * The tab closes: the socket goes, IndexedDB finishes what it was writing (y-indexeddb writes
   * every update as it happens; closing the database lets running transactions complete).
   */
  async shutdown(): Promise<void> {
    this.provider.destroy()
    if (this.local) await this.local.destroy()
    this.local = null
    this.doc.destroy()
  }

  /** Tab closed and reopened: a new incarnation from what IndexedDB kept. */
  async restart(online: boolean): Promise<void> {
    if (!this.persistent) throw new Error('only a device with local persistence can restart')
    await this.shutdown()
    this.online = online
    await this.start()
  }

  /** Forgets the device's local database (end of run). */
  async dispose(): Promise<void> {
    await this.shutdown()
    if (this.dbName) await deleteDatabase(this.dbName)
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name)
    req.onsuccess = () => resolve()
    req.onerror = () => resolve()
    req.onblocked = () => resolve()
  })
}
