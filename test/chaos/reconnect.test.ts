import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addReconnectJitter } from '@kickoff/protocol'
import { connectClient, whenSynced, type Client } from '../helpers/clients.js'
import { ServerProcess } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { CHAOS_SERVER_ENV } from './run.js'

/**
 * Found by the chaos harness: `addReconnectJitter` (@kickoff/protocol) scheduled its own
 * `provider.connect()` after a 1012/1006 close and never cancelled it. The app calls
 * `provider.disconnect()` on the browser's `offline` event and `provider.destroy()` when the
 * board closes; either one inside the jitter window (up to 3.1 s after a server restart) was
 * undone when the timer fired: an offline device dialled again, and a destroyed provider came
 * back as a zombie socket that kept reconnecting. Pinned with `it.fails` until fe06fe7 fixed it;
 * now these guard the fix, over real sockets against the real server.
 */
const server = new ServerProcess({ env: CHAOS_SERVER_ENV })
const clients: Client[] = []

beforeAll(async () => {
  await server.start()
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.dispose()
})

async function clientAfterRestart(): Promise<Client> {
  const room = await server.createRoom('jitter')
  const c = connectClient(server.wsUrl, room.roomId, room.tokens.participant)
  clients.push(c)
  addReconnectJitter(c.provider)
  await whenSynced(c)
  await server.stop() // 1012: the jitter timer is now pending
  await waitFor(() => c.closes.some((x) => x.code === 1012), { what: 'the 1012 close' })
  await server.start()
  return c
}

/** Whether the provider dials again within the jitter window (3.1 s) plus a margin. */
async function dialsAgain(c: Client): Promise<boolean> {
  return waitFor(() => c.provider.ws !== null, { timeoutMs: 4500, what: 'a new socket' })
    .then(() => true)
    .catch(() => false)
}

describe('addReconnectJitter: disconnect and destroy cancel a pending reconnect', () => {
  it('a device that goes offline inside the jitter window stays offline', async () => {
    const c = await clientAfterRestart()
    c.provider.disconnect()
    expect(await dialsAgain(c)).toBe(false)
  })

  it('a provider destroyed inside the jitter window never reconnects', async () => {
    const c = await clientAfterRestart()
    c.provider.destroy()
    expect(await dialsAgain(c)).toBe(false)
  })
})
