import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addReconnectJitter } from '@kickoff/protocol'
import { connectClient, whenSynced, type Client } from '../helpers/clients.js'
import { ServerProcess } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'
import { CHAOS_SERVER_ENV } from './run.js'

/**
 * Found while building the chaos harness: `addReconnectJitter` (@kickoff/protocol) schedules its
 * own `provider.connect()` after a 1012/1006 close and never cancels it. The app calls
 * `provider.disconnect()` on the browser's `offline` event and `provider.destroy()` when the
 * board closes; either one inside the jitter window (up to 3.1 s after a server restart) is
 * undone when the timer fires: an offline device dials again, and a destroyed provider comes back
 * as a zombie socket that keeps reconnecting forever. No data is lost (the zombie's doc is the
 * closed board's), but sockets leak and the offline switch does not hold.
 *
 * Pinned with `it.fails` until the fix lands (the lead routes it to @kickoff/protocol): when these
 * start passing, turn them into plain `it`.
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

describe('addReconnectJitter (known bug, pinned)', () => {
  it.fails('a device that goes offline inside the jitter window stays offline', async () => {
    const c = await clientAfterRestart()
    c.provider.disconnect()
    expect(await dialsAgain(c)).toBe(false)
  })

  it.fails('a provider destroyed inside the jitter window never reconnects', async () => {
    const c = await clientAfterRestart()
    c.provider.destroy()
    const zombie = await dialsAgain(c)
    // Stop the zombie for good so it does not outlive the test.
    c.provider.connect = () => {}
    c.provider.ws?.close()
    expect(zombie).toBe(false)
  })
})
