import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser.js'
import { ServerProcess } from '../helpers/server.js'
import { canvasBox, drawRectangle, join, localLink, PURPOSE, rectangles } from './lib/board.js'

const server = new ServerProcess()
let browser: Browser

beforeAll(async () => {
  await server.start()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server.dispose()
})

it('a viewer link can change nothing: purpose and canvas are read-only', async () => {
  const room = await server.createRoom('Viewer kickoff')
  const pia = await join(browser, localLink(server, room.links.participant), 'Pia', {
    canvas: true,
  })
  const vic = await join(browser, localLink(server, room.links.viewer), 'Vic', { canvas: true })
  const p = pia.page
  const v = vic.page
  expect(await v.getByTestId('role').textContent()).toBe('viewer')

  // The participant writes and draws.
  await p.getByLabel(PURPOSE).pressSequentially('Only we write this', { delay: 10 })
  await drawRectangle(p, 160, 140)
  await expect.poll(() => v.getByLabel(PURPOSE).inputValue()).toBe('Only we write this')
  await expect.poll(() => rectangles(v).count(), { timeout: 20_000 }).toBe(1)

  // The viewer tries both.
  const purpose = v.getByLabel(PURPOSE)
  await expect(purpose.getAttribute('readonly')).resolves.not.toBeNull()
  await purpose.click()
  await purpose.press('End')
  await purpose.pressSequentially(' and so do I', { delay: 10 })
  expect(await v.getByTestId('canvas-section').getAttribute('data-readonly')).toBe('true')
  await drawRectangle(v, 420, 300)

  // Barrier: the viewer's cursor reaches the participant after anything the viewer sent before
  // it (one socket, in order). Had the viewer written, the server would have closed its socket.
  const box = await canvasBox(v)
  await v.mouse.move(box.x + 600, box.y + 200, { steps: 4 })
  await expect
    .poll(() => p.locator('.tl-collaborator__cursor').allTextContents(), { timeout: 20_000 })
    .toContain('Vic')

  expect(await purpose.inputValue()).toBe('Only we write this')
  expect(await p.getByLabel(PURPOSE).inputValue()).toBe('Only we write this')
  expect(await rectangles(v).count()).toBe(1)
  expect(await rectangles(p).count()).toBe(1)
  expect(await v.getByTestId('connection').getAttribute('data-status')).toBe('connected')
  expect(await v.getByTestId('connection').textContent()).toContain('Up to date')
})
