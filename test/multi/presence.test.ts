// Presence with stock y-websocket clients in a room larger than the per-connection presence limit.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { connectClient, whenSynced, type Client } from '../helpers/clients.js'
import { ServerProcess } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

// A small limit makes the regression cheap to show: 12 people, 3 states allowed per connection.
const server = new ServerProcess({ env: { MAX_PRESENCE_PER_CONNECTION: '3' } })
const clients: Client[] = []

beforeAll(async () => {
  await server.start()
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await server.dispose()
})

it('a room bigger than the presence limit stays connected: echoed states are not claimed', async () => {
  // Stock clients re-broadcast every presence change they receive, so each connection's messages
  // carry everyone's states. Only the states a connection introduced are its own.
  const room = await server.createRoom('Crowded presence')
  for (let i = 0; i < 12; i++) {
    const c = connectClient(server.wsUrl, room.roomId, room.tokens.participant)
    c.provider.awareness.setLocalStateField('user', { name: `person ${i}` })
    clients.push(c)
  }
  await Promise.all(clients.map((c) => whenSynced(c)))
  await waitFor(() => clients.every((c) => c.provider.awareness.getStates().size === 12), {
    what: 'every client to see all 12 people',
  })
  // Everyone moves once more, so every echo travels again.
  clients.forEach((c, i) => c.provider.awareness.setLocalStateField('cursor', { x: i }))
  await waitFor(
    () =>
      clients.every((c) =>
        [...c.provider.awareness.getStates().values()].every(
          (s) => (s as { cursor?: unknown }).cursor !== undefined,
        ),
      ),
    { what: 'every cursor everywhere' },
  )
  expect(clients.flatMap((c) => c.closes)).toEqual([])
})
