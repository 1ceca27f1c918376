import { afterAll, expect, it } from 'vitest'
import { connectClient, whenSynced, type Client } from '../helpers/clients.js'
import { join, localLink } from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const clients: Client[] = []

afterAll(() => {
  for (const c of clients) c.destroy()
})

it('a crowded room shows a head count and "+N", with everyone listed on demand', async () => {
  const room = await server.createRoom('Crowded kickoff')
  const crowd = 40
  // Each stock y-websocket client in Node adds a process 'exit' listener.
  process.setMaxListeners(crowd + 10)
  for (let i = 0; i < crowd; i++) {
    const client = connectClient(server.wsUrl, room.roomId, room.tokens.participant)
    client.provider.awareness.setLocalStateField('user', {
      personId: `person-${String(i).padStart(3, '0')}`,
      name: `Person ${String(i).padStart(3, '0')}`,
      color: 'hsl(200 65% 45%)',
      team: null,
    })
    clients.push(client)
  }
  await Promise.all(clients.map((c) => whenSynced(c)))

  const { page } = await join(stage.browser, localLink(server, room.links.participant), 'Zoe')
  await expect
    .poll(() => page.getByTestId('head-count').textContent(), { timeout: 20_000 })
    .toBe(`${crowd + 1} here`)
  // A few avatars (you first), the rest behind "+N".
  await expect.poll(() => page.getByTestId('peer').count()).toBe(7)
  expect(await page.getByTestId('peer').first().textContent()).toContain('Zoe (you)')
  const more = page.getByTestId('presence-more')
  expect(await more.textContent()).toContain(`+${crowd + 1 - 7}`)
  expect(await more.getAttribute('aria-expanded')).toBe('false')

  await more.click()
  expect(await more.getAttribute('aria-expanded')).toBe('true')
  const everyone = page.getByRole('region', { name: `Everyone here (${crowd + 1})` })
  await expect.poll(() => everyone.getByRole('listitem').count()).toBe(crowd + 1)
  await page.keyboard.press('Escape')
  await expect.poll(() => everyone.count()).toBe(0)

  // Someone leaves: the count follows.
  clients.pop()!.destroy()
  await expect
    .poll(() => page.getByTestId('head-count').textContent(), { timeout: 40_000 })
    .toBe(`${crowd} here`)
})
