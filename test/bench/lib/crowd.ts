import { addReconnectJitter } from '@kickoff/protocol'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { waitFor } from '../../helpers/wait.js'

/**
 * N stock y-websocket clients (full WebsocketProvider, Y.Doc, awareness) in one room, in this
 * process, as the app configures them (reconnect jitter, a name in presence). Every message a
 * client receives is counted: with one room, that is the server's egress in messages.
 */
export class Crowd {
  readonly docs: Y.Doc[] = []
  readonly providers: WebsocketProvider[] = []
  /** Messages received by all clients so far. */
  received = 0
  /** Closes the server sent, all clients together. */
  readonly closes: { code: number; reason: string }[] = []

  constructor(
    readonly wsUrl: string,
    readonly roomId: string,
    readonly token: string,
  ) {}

  /** Connects `n` more clients, `batch` at a time, each batch synced before the next. */
  async grow(n: number, batch = 50): Promise<void> {
    const count = () => this.received++
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols)
        this.on('message', count)
      }
    }
    for (let done = 0; done < n; done += batch) {
      const fresh: WebsocketProvider[] = []
      for (let i = done; i < Math.min(n, done + batch); i++) {
        const doc = new Y.Doc()
        const provider = new WebsocketProvider(this.wsUrl, this.roomId, doc, {
          params: { token: this.token },
          WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        })
        addReconnectJitter(provider)
        provider.on('connection-close', (event) => {
          if (event) this.closes.push({ code: event.code, reason: event.reason })
        })
        provider.awareness.setLocalStateField('user', { name: `Person ${this.docs.length}` })
        this.docs.push(doc)
        this.providers.push(provider)
        fresh.push(provider)
      }
      // A refusal (44xx) is final for a stock client: say so at once instead of waiting.
      const refused = () => this.closes.find((c) => c.code >= 4400 && c.code < 4500)
      await waitFor(() => refused() ?? fresh.every((p) => p.synced), {
        timeoutMs: 60_000,
        what: 'a batch of clients to sync',
      })
      const r = refused()
      if (r)
        throw new Error(
          `the server refused a client with ${r.code} "${r.reason}" (${this.closes.length} closes)`,
        )
    }
  }

  get size(): number {
    return this.providers.length
  }

  syncedCount(): number {
    return this.providers.filter((p) => p.synced).length
  }

  destroy(): void {
    for (const p of this.providers) p.destroy()
    for (const d of this.docs) d.destroy()
  }
}
