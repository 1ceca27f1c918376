import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { waitFor } from './wait.js'

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  closes: { code: number; reason: string }[]
  destroy(): void
}

/** A stock y-websocket client in Node, exactly as the contract promises it works. */
export function connectClient(
  wsUrl: string,
  roomId: string,
  token: string,
  doc = new Y.Doc(),
): Client {
  const provider = new WebsocketProvider(wsUrl, roomId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const closes: { code: number; reason: string }[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export async function whenSynced(client: Client, timeoutMs = 15_000): Promise<void> {
  await waitFor(() => client.provider.synced, { timeoutMs, what: 'client to sync' })
}
