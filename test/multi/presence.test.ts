// Presence with stock y-websocket clients in a room larger than the per-connection presence limit.
import { expect, it } from 'vitest'
import { connectClient, whenSynced } from '../helpers/clients.js'
import { waitFor } from '../helpers/wait.js'
import { useStage } from './lib/stage.js'

// A small limit makes the regression cheap to show: 12 people, 3 states allowed per connection.
const { server, clients } = useStage({ env: { MAX_PRESENCE_PER_CONNECTION: '3' } })

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
