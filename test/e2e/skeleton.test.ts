import type { BrowserContext, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { join as joinBoard } from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const contexts: BrowserContext[] = []

/** A separate browser context: its own storage, so it syncs only through the server. */
async function join(link: string, name: string): Promise<Page> {
  const person = await joinBoard(stage.browser, link, name)
  contexts.push(person.context)
  return person.page
}

it('two people co-edit the purpose; a third sees it after a server restart', async () => {
  const room = await server.createRoom('E2E kickoff')
  const link = room.links.participant.replace(/^http:\/\/[^/]+/, server.httpUrl)
  const ana = await join(link, 'Ana')
  const ben = await join(link, 'Ben')

  await expect.poll(() => ana.getByTestId('kickoff-title').textContent()).toBe('E2E kickoff')
  await expect.poll(() => ana.getByTestId('peer').count()).toBe(2)

  const anaBox = ana.getByLabel('Our purpose, in one sentence')
  const benBox = ben.getByLabel('Our purpose, in one sentence')
  await anaBox.click()
  await benBox.click()
  // Both type at the same time.
  await Promise.all([
    anaBox.pressSequentially('ship faster', { delay: 15 }),
    benBox.pressSequentially('with fewer handoffs', { delay: 15 }),
  ])

  for (const page of [ana, ben]) {
    await expect
      .poll(() => page.getByLabel('Our purpose, in one sentence').inputValue(), { timeout: 10_000 })
      .toMatch(/(?=.*ship faster)(?=.*with fewer handoffs)/)
  }
  const final = await anaBox.inputValue()
  expect(await benBox.inputValue()).toBe(final)

  for (const c of contexts) await c.close()
  await server.restart()

  const cleo = await join(link, 'Cleo')
  await expect.poll(() => cleo.getByLabel('Our purpose, in one sentence').inputValue()).toBe(final)
})
