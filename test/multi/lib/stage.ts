import type * as Y from 'yjs'
import { afterAll, beforeAll } from 'vitest'
import { connectClient, type Client } from '../../helpers/clients.js'
import { ServerProcess } from '../../helpers/server.js'

/** What a multi-client file runs against: the built server in its own process, and its clients. */
export interface Stage {
  readonly server: ServerProcess
  /** A stock y-websocket client of the room, destroyed after the file's tests. */
  client(roomId: string, token: string, doc?: Y.Doc): Client
  /** Every client made so far (for tests that make their own). */
  readonly clients: Client[]
}

/**
 * Registers the file's beforeAll and afterAll: one real server (port 0, its own data directory)
 * for all the file's tests; every client they make is destroyed before the server goes.
 */
export function useStage(options?: ConstructorParameters<typeof ServerProcess>[0]): Stage {
  const server = new ServerProcess(options)
  const clients: Client[] = []
  beforeAll(async () => {
    await server.start()
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server.dispose()
  })
  return {
    server,
    clients,
    client(roomId, token, doc) {
      const c = connectClient(server.wsUrl, roomId, token, doc)
      clients.push(c)
      return c
    },
  }
}
