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

export interface RawClient {
  ws: WebSocket
  /** Binary messages received. */
  messages: Buffer[]
  /** Resolves with the close the server sent (or 1006 when the socket just dropped). */
  closed: Promise<{ code: number; reason: string }>
  /** Resolves after the server's first message: the socket has joined its room. */
  joined: Promise<void>
}

/** A bare ws socket on the sync endpoint: for sending what a stock client never would. */
export function rawClient(
  url: string,
  opts: { autoPong?: boolean; headers?: Record<string, string> } = {},
): RawClient {
  const ws = new WebSocket(url, { autoPong: opts.autoPong ?? true, headers: opts.headers })
  const messages: Buffer[] = []
  let joinedResolve!: () => void
  const joined = new Promise<void>((r) => (joinedResolve = r))
  ws.on('message', (data: Buffer) => {
    messages.push(data)
    joinedResolve()
  })
  ws.on('error', () => {})
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  return { ws, messages, closed, joined }
}

/** The HTTP status of a refused upgrade (the socket never opens). */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('open', () => reject(new Error(`upgrade to ${url} was accepted`)))
    ws.on('error', () => {})
  })
}
