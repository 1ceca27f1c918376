import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { join, localLink, PURPOSE, type Person } from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const people: Person[] = []

const indicator = (page: Page) => page.getByTestId('connection')
const save = (page: Page) => indicator(page).getAttribute('data-save')
const pending = async (page: Page) => Number(await indicator(page).getAttribute('data-pending'))
const purpose = (page: Page) => page.getByLabel(PURPOSE)

it('an edit made offline merges after reconnect, and the waiting count goes back to zero', async () => {
  const room = await server.createRoom('Offline kickoff')
  const link = localLink(server, room.links.participant)
  const ana = await join(stage.browser, link, 'Ana')
  const ben = await join(stage.browser, link, 'Ben')
  people.push(ana, ben)
  await purpose(ana.page).pressSequentially('We ship', { delay: 10 })
  await expect.poll(() => purpose(ben.page).inputValue()).toBe('We ship')
  await expect.poll(() => save(ana.page)).toBe('saved')

  await ana.context.setOffline(true)
  await expect.poll(() => save(ana.page)).toBe('offline')
  const offlineWords = ' together'
  await purpose(ana.page).press('End')
  await purpose(ana.page).pressSequentially(offlineWords, { delay: 10 })
  // One update per keystroke, all waiting; the indicator says so.
  await expect.poll(() => pending(ana.page)).toBe(offlineWords.length)
  await expect(indicator(ana.page).textContent()).resolves.toContain(
    `${offlineWords.length} changes waiting`,
  )

  // Meanwhile Ben, online, edits the same sentence.
  await purpose(ben.page).press('Home')
  await purpose(ben.page).pressSequentially('Finally, ', { delay: 10 })
  await expect.poll(() => save(ben.page)).toBe('saved')

  await ana.context.setOffline(false)
  await expect.poll(() => save(ana.page), { timeout: 30_000 }).toBe('saved')
  expect(await pending(ana.page)).toBe(0)
  for (const page of [ana.page, ben.page]) {
    await expect
      .poll(() => purpose(page).inputValue(), { timeout: 20_000 })
      .toBe('Finally, We ship together')
  }
})

it('after one visit the board reopens and can be edited with no network', async () => {
  const room = await server.createRoom('Reopen offline')
  const link = localLink(server, room.links.participant)
  const cleo = await join(stage.browser, link, 'Cleo', { canvas: true })
  people.push(cleo)
  // The service worker has the page and its files (the canvas's too, once it has loaded).
  await cleo.page.getByTestId('offline-ready').waitFor({ timeout: 30_000 })
  await purpose(cleo.page).pressSequentially('Before', { delay: 10 })
  await expect.poll(() => save(cleo.page)).toBe('saved')

  // No network at all: the server is down and the browser is offline.
  await server.stop()
  await cleo.context.setOffline(true)
  const reloaded = await cleo.page.reload()
  expect(reloaded?.fromServiceWorker()).toBe(true)
  await expect
    .poll(() => cleo.page.getByTestId('kickoff-title').textContent())
    .toBe('Reopen offline')
  await expect.poll(() => purpose(cleo.page).inputValue()).toBe('Before')
  await expect.poll(() => save(cleo.page)).toBe('offline')
  await cleo.page.locator('[data-canvas="ready"]').waitFor({ timeout: 60_000 })

  await purpose(cleo.page).press('End')
  await purpose(cleo.page).pressSequentially(' and after', { delay: 10 })
  await expect.poll(() => pending(cleo.page)).toBe(' and after'.length)

  // Back online: the edit reaches the server, and a new browser sees it.
  await server.start()
  await cleo.context.setOffline(false)
  await expect.poll(() => save(cleo.page), { timeout: 30_000 }).toBe('saved')
  expect(await pending(cleo.page)).toBe(0)
  const dan = await join(stage.browser, link, 'Dan')
  people.push(dan)
  await expect.poll(() => purpose(dan.page).inputValue()).toBe('Before and after')
})
