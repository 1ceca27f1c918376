import { addReconnectJitter, SYNC_PATH, TOKEN_PARAM } from '@kickoff/protocol'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { isSyncStep2Frame, PendingChanges, pendingStorage, syncStep1Frame } from './pending'

export type LinkStatus = 'connecting' | 'syncing' | 'connected' | 'offline' | 'refused'

/**
 * What the indicator says about this browser's edits: `saved` only once the server has
 * acknowledged every local change (see PendingChanges for what that means exactly).
 */
export type SaveState = 'connecting' | 'syncing' | 'saved' | 'offline' | 'refused'

/**
 * One board's document and its two replicas: IndexedDB in this browser (so the board opens and
 * edits offline) and the server over y-websocket. Exposes the link status, and how many local
 * changes wait for the server, as Svelte state.
 */
export class BoardConnection {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly local: IndexeddbPersistence
  status = $state<LinkStatus>('connecting')
  /** Why the server refused us for good (bad token, unknown room), if it did. */
  refusal = $state<string | null>(null)
  /** True once the copy in IndexedDB has been loaded. */
  localLoaded = $state(false)
  /** Local changes the server has not acknowledged yet (see PendingChanges). */
  pending = $state(0)
  #confirmed = $state(false)
  #online = typeof navigator === 'undefined' ? true : navigator.onLine
  #socket: 'connecting' | 'connected' | 'disconnected' = 'connecting'
  #synced = false
  readonly #changes: PendingChanges
  readonly #cleanup: (() => void)[] = []

  constructor(roomId: string, token: string) {
    this.#changes = new PendingChanges(pendingStorage(roomId), (count, confirmed) => {
      this.pending = count
      this.#confirmed = confirmed
    })
    this.pending = this.#changes.count
    // Updates from IndexedDB and from the server (or other tabs) are not local: `tr.local` is
    // false for everything applied with Y.applyUpdate.
    const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (tr.local) this.#changes.localUpdate()
    }
    this.doc.on('update', onUpdate)
    this.local = new IndexeddbPersistence(`kickoff:${roomId}`, this.doc)
    void this.local.whenSynced.then(() => (this.localLoaded = true))
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    this.provider = new WebsocketProvider(
      `${scheme}://${location.host}${SYNC_PATH}`,
      roomId,
      this.doc,
      {
        params: { [TOKEN_PARAM]: token },
        // Offline, the browser would only fail to connect; we reconnect on `online` instead.
        connect: this.#online,
      },
    )
    addReconnectJitter(this.provider)
    this.provider.on('status', ({ status }) => {
      this.#socket = status
      if (status === 'connected' && this.provider.ws) this.#watchProbes(this.provider.ws)
      else this.#changes.linkLost()
      this.#update()
    })
    this.provider.on('sync', (synced: boolean) => {
      this.#synced = synced
      if (synced) this.#changes.linkSynced(this.#sendProbe)
      else this.#changes.linkLost()
      this.#update()
    })
    this.provider.on('closed', ({ reason }) => {
      this.refusal = reason || 'the server refused this link'
      this.#update()
    })
    // Offline, close the socket ourselves: the browser may keep a dead one open for a long time,
    // and the indicator must not claim a link that cannot carry edits.
    const online = () => {
      this.#online = true
      if (!this.refusal) this.provider.connect()
      this.#update()
    }
    const offline = () => {
      this.#online = false
      this.provider.disconnect()
      this.#changes.linkLost()
      this.#update()
    }
    window.addEventListener('online', online)
    window.addEventListener('offline', offline)
    this.#cleanup.push(() => {
      window.removeEventListener('online', online)
      window.removeEventListener('offline', offline)
      this.doc.off('update', onUpdate)
    })
    this.#update()
  }

  /** What the indicator shows. */
  get saveState(): SaveState {
    switch (this.status) {
      case 'refused':
      case 'offline':
      case 'connecting':
      case 'syncing':
        return this.status
      case 'connected':
        return this.#confirmed ? 'saved' : 'syncing'
      default: {
        const never: never = this.status
        throw new Error(`unhandled status ${String(never)}`)
      }
    }
  }

  readonly #sendProbe = () => {
    const ws = this.provider.ws
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(syncStep1Frame(this.doc))
  }

  /**
   * The first sync step 2 on a socket answers y-websocket's own step 1; every later one answers
   * a probe (y-websocket sends no other step 1 unless `resyncInterval` is set, and it is not).
   */
  #watchProbes(ws: WebSocket): void {
    let answers = 0
    ws.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (!(event.data instanceof ArrayBuffer) || !isSyncStep2Frame(event.data)) return
      answers++
      if (answers > 1 && ws === this.provider.ws) this.#changes.probeAnswered(this.#sendProbe)
    })
  }

  #update(): void {
    if (this.refusal) this.status = 'refused'
    else if (!this.#online || this.#socket === 'disconnected') this.status = 'offline'
    else if (this.#socket === 'connecting') this.status = 'connecting'
    else this.status = this.#synced ? 'connected' : 'syncing'
  }

  destroy(): void {
    for (const fn of this.#cleanup) fn()
    this.provider.destroy()
    void this.local.destroy()
    this.doc.destroy()
  }
}
