import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import {
  canvasBox,
  canvasReady,
  drawRectangle,
  join,
  localLink,
  PURPOSE,
  rectangles,
  type Person,
} from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const people: Person[] = []

async function person(link: string, name: string, canvas = true): Promise<Page> {
  const p = await join(stage.browser, link, name, { canvas })
  people.push(p)
  return p.page
}

it('a shape drawn in one browser appears in another, with the drawer’s cursor', async () => {
  const room = await server.createRoom('Canvas kickoff')
  const link = localLink(server, room.links.participant)
  const ana = await person(link, 'Ana')
  const ben = await person(link, 'Ben')

  await drawRectangle(ana, 200, 160)
  await expect.poll(() => rectangles(ana).count()).toBe(1)
  await expect.poll(() => rectangles(ben).count(), { timeout: 20_000 }).toBe(1)

  // Ana's cursor, with her name, through awareness (never the document).
  const box = await canvasBox(ana)
  await ana.mouse.move(box.x + 420, box.y + 300, { steps: 4 })
  await expect
    .poll(() => ben.locator('.tl-collaborator__cursor').allTextContents(), { timeout: 20_000 })
    .toContain('Ana')

  // A third browser opening the board later gets the shape from the server.
  const cleo = await person(link, 'Cleo')
  await expect.poll(() => rectangles(cleo).count(), { timeout: 20_000 }).toBe(1)
})

it('the rest of the board works when the canvas cannot be loaded', async () => {
  const room = await server.createRoom('No canvas kickoff')
  const link = localLink(server, room.links.participant)
  const dan = await join(stage.browser, link, 'Dan', { canvas: true })
  people.push(dan)

  // Eve's browser fails every file of tldraw (recognised by a string only tldraw contains).
  const eveContext = await stage.browser.newContext()
  await eveContext.route('**/_app/immutable/**/*.js', async (route) => {
    const response = await route.fetch()
    const body = await response.text()
    if (body.includes('No tldraw license key provided!')) await route.abort('failed')
    else await route.fulfill({ response, body })
  })
  const eve = await eveContext.newPage()
  await eve.goto(link)
  await eve.getByLabel('Your name').fill('Eve')
  await eve.getByRole('button', { name: 'Join the board' }).click()
  await eve.getByTestId('canvas-failed').waitFor({ timeout: 30_000 })

  await eve.getByLabel(PURPOSE).click()
  await eve.getByLabel(PURPOSE).pressSequentially('works without the canvas', { delay: 10 })
  await expect
    .poll(() => dan.page.getByLabel(PURPOSE).inputValue(), { timeout: 20_000 })
    .toBe('works without the canvas')
  await expect.poll(() => eve.getByTestId('head-count').textContent()).toBe('2 here')

  // "Try again" with the files reachable mounts it after all.
  await eveContext.unroute('**/_app/immutable/**/*.js')
  await eve.getByRole('button', { name: 'Try again' }).click()
  await canvasReady(eve)
  await eveContext.close()
})
