import { addReconnectJitter, SYNC_PATH, TOKEN_PARAM } from '@kickoff/protocol'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export type LinkStatus = 'connecting' | 'syncing' | 'connected' | 'offline' | 'refused'

/**
 * One board's document and its two replicas: IndexedDB in this browser (so the board opens and
 * edits offline) and the server over y-websocket. Exposes the link status as Svelte state.
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
  #online = typeof navigator === 'undefined' ? true : navigator.onLine
  #socket: 'connecting' | 'connected' | 'disconnected' = 'connecting'
  #synced = false
  readonly #cleanup: (() => void)[] = []

  constructor(roomId: string, token: string) {
    this.local = new IndexeddbPersistence(`kickoff:${roomId}`, this.doc)
    void this.local.whenSynced.then(() => (this.localLoaded = true))
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    this.provider = new WebsocketProvider(
      `${scheme}://${location.host}${SYNC_PATH}`,
      roomId,
      this.doc,
      {
        params: { [TOKEN_PARAM]: token },
      },
    )
    addReconnectJitter(this.provider)
    this.provider.on('status', ({ status }) => {
      this.#socket = status
      this.#update()
    })
    this.provider.on('sync', (synced: boolean) => {
      this.#synced = synced
      this.#update()
    })
    this.provider.on('closed', ({ reason }) => {
      this.refusal = reason || 'the server refused this link'
      this.#update()
    })
    const online = () => ((this.#online = true), this.#update())
    const offline = () => ((this.#online = false), this.#update())
    window.addEventListener('online', online)
    window.addEventListener('offline', offline)
    this.#cleanup.push(() => {
      window.removeEventListener('online', online)
      window.removeEventListener('offline', offline)
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
