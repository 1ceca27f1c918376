import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { ServerProcess } from '../../helpers/server.js'

export const PURPOSE = 'Our purpose, in one sentence'

/** A link from the server's answer, pointed at the test server's address. */
export function localLink(server: ServerProcess, link: string): string {
  return link.replace(/^https?:\/\/[^/]+/, server.httpUrl)
}

export interface Person {
  context: BrowserContext
  page: Page
}

/**
 * Opens a board link in a new browser context (its own storage: it syncs with the others only
 * through the server), answers the join prompt (name, and the team by its name when given), and
 * waits until the board is connected and knows this link's role (until then everything is
 * read-only).
 */
export async function join(
  browser: Browser,
  link: string,
  name: string,
  opts: { canvas?: boolean; team?: string } = {},
): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  const page = await context.newPage()
  await page.goto(link)
  await page.getByLabel('Your name', { exact: true }).fill(name)
  if (opts.team) {
    // The board's teams arrive as the document syncs.
    const team = page.getByLabel('Your team')
    await team.locator('option', { hasText: opts.team }).waitFor({ state: 'attached' })
    await team.selectOption({ label: opts.team })
  }
  await page.getByRole('button', { name: 'Join the board' }).click()
  await page.locator('[data-status="connected"]').waitFor()
  await page.getByTestId('role').waitFor()
  if (opts.canvas) await canvasReady(page)
  return { context, page }
}

export async function canvasReady(page: Page): Promise<void> {
  await page.locator('[data-canvas="ready"]').waitFor({ timeout: 60_000 })
}

/** The canvas frame's box on screen (scrolled into view first: it is the board's last section). */
export async function canvasBox(page: Page): Promise<{ x: number; y: number }> {
  const frame = page.getByTestId('canvas-section')
  await frame.scrollIntoViewIfNeeded()
  const box = await frame.boundingBox()
  if (!box) throw new Error('the canvas is not on screen')
  return box
}

/**
 * Draws a rectangle with the keyboard shortcut and a mouse drag, at (x, y) to (x + 120, y + 80)
 * inside the canvas. Pressing inside the canvas first focuses the editor (an unfocused tldraw
 * ignores keys and pointer moves).
 */
export async function drawRectangle(page: Page, x: number, y: number): Promise<void> {
  const box = await canvasBox(page)
  await page.mouse.click(box.x + x, box.y + y)
  await page.keyboard.press('r')
  await page.mouse.move(box.x + x, box.y + y)
  await page.mouse.down()
  await page.mouse.move(box.x + x + 120, box.y + y + 80, { steps: 8 })
  await page.mouse.up()
}

/** Rectangles (tldraw geo shapes) the page shows. */
export function rectangles(page: Page) {
  return page.locator('.tl-shape[data-shape-type="geo"]')
}

/**
 * Polls until `fn` gives what the test expects, with a timeout that holds on two busy cores
 * (vitest's default is one second).
 */
export function poll<T>(
  fn: () => T | Promise<T>,
  timeout = 20_000,
): ReturnType<typeof expect.poll<T | Promise<T>>> {
  return expect.poll(fn, { timeout, interval: 50 })
}

/** A section of the board by its area (`purpose`, `lenses`, `teams`, `risks`…). */
export function section(page: Page, area: string): Locator {
  return page.getByTestId(`section-${area}`)
}

/**
 * Brings the dependency graph on screen: it is drawn (and its layout library loaded) only when
 * it comes near the screen.
 */
export async function showGraph(page: Page): Promise<void> {
  await page.getByTestId('dep-graph').scrollIntoViewIfNeeded()
  await page.getByTestId('dep-graph-svg').waitFor({ timeout: 30_000 })
}

/** A lens's card by its title. */
export function lens(page: Page, title: string): Locator {
  return page.getByTestId('lens').filter({ has: page.getByRole('heading', { name: title }) })
}

/** The risk chip with this title, wherever it is on the grid. */
export function riskChip(page: Page, title: string): Locator {
  return page.getByTestId('risk-chip').filter({ hasText: title })
}

/** The grid cell ("<likelihood>-<impact>") a risk is in, or null. */
export async function riskCell(page: Page, title: string): Promise<string | null> {
  const chip = riskChip(page, title)
  if ((await chip.count()) === 0) return null
  return chip.evaluate((el) => el.closest<HTMLElement>('[data-cell]')?.dataset.cell ?? null)
}
