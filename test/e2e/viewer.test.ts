import { expect, it } from 'vitest'
import { exportKickoff } from '@kickoff/model'
import { connectClient, whenSynced } from '../helpers/clients.js'
import {
  canvasBox,
  drawRectangle,
  join,
  localLink,
  poll,
  PURPOSE,
  rectangles,
  showGraph,
} from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage

it('a viewer link can change nothing: purpose and canvas are read-only', async () => {
  const room = await server.createRoom('Viewer kickoff')
  const pia = await join(stage.browser, localLink(server, room.links.participant), 'Pia', {
    canvas: true,
  })
  const vic = await join(stage.browser, localLink(server, room.links.viewer), 'Vic', {
    canvas: true,
  })
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

it('a viewer link can change nothing in any section', async () => {
  const room = await server.createRoom('Viewer sample', { template: 'sample' })
  const exported = async () => {
    const c = connectClient(server.wsUrl, room.roomId, room.tokens.viewer)
    try {
      await whenSynced(c)
      return JSON.stringify(exportKickoff(c.doc))
    } finally {
      c.destroy()
    }
  }
  const pia = await join(stage.browser, localLink(server, room.links.participant), 'Pia')
  const vic = await join(stage.browser, localLink(server, room.links.viewer), 'Vic')
  const v = vic.page
  // Pia has joined the board (her join is a write); from here on the board must not change.
  await poll(async () => (await exported()).includes('"Pia"')).toBe(true)
  const before = await exported()
  await showGraph(v)
  await poll(() => v.getByTestId('dep-edge').count()).toBe(8)

  // Nothing writable is offered: no forms, no dot buttons, read-only texts, disabled selects.
  const main = v.locator('main')
  const notCanvas = ':not(#area-canvas *)'
  expect(await main.locator(`form${notCanvas}`).count()).toBe(0)
  expect(await main.getByTestId('cast-dot').count()).toBe(0)
  expect(await main.locator(`textarea:not([readonly])${notCanvas}`).count()).toBe(0)
  expect(
    await main.locator(`input:not([readonly]):not([type="checkbox"])${notCanvas}`).count(),
  ).toBe(0)
  expect(await main.locator(`select:enabled${notCanvas}`).count()).toBe(0)
  expect(await v.getByRole('button', { name: /^(Confirm|Remove|Make owner|Add)/ }).count()).toBe(0)

  // Try anyway: every button on the board, arrow keys on every risk, typing in every text.
  const buttons = main.locator(`button:enabled${notCanvas}`)
  for (let i = 0; i < (await buttons.count()); i++) {
    const button = buttons.nth(i)
    if (await button.isVisible()) await button.click()
  }
  const chips = main.getByTestId('risk-chip')
  for (let i = 0; i < (await chips.count()); i++) {
    await chips.nth(i).focus()
    for (const key of ['ArrowUp', 'ArrowRight', 'ArrowDown', 'ArrowLeft'])
      await v.keyboard.press(key)
  }
  const editor = v.getByTestId('risk-editor')
  await poll(() => editor.count()).toBe(1)
  expect(await editor.locator('select:enabled').count()).toBe(0)
  for (const text of await main.locator(`textarea${notCanvas}`).all()) {
    await text.click()
    await text.press('End')
    await text.pressSequentially(' and more', { delay: 5 })
  }

  // Barrier: the viewer renames itself (presence only): once Pia sees the new name, everything
  // the viewer sent before it has reached the server (one socket, in order). A write would
  // have closed the viewer's socket (4403).
  await v.getByTestId('me').click()
  await v.getByLabel('Your name', { exact: true }).fill('Vic the viewer')
  await v.getByRole('button', { name: 'Save' }).click()
  await poll(() => pia.page.getByTestId('peer').allTextContents()).toContainEqual(
    expect.stringContaining('Vic the viewer'),
  )
  expect(await v.getByTestId('connection').getAttribute('data-status')).toBe('connected')
  expect(await exported()).toBe(before)
  expect(await v.getByLabel(PURPOSE).inputValue()).not.toContain('and more')
})
