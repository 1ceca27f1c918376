import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { join, localLink, poll, PURPOSE, section, type Person } from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const people: Person[] = []

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
const timer = (page: Page) => page.getByTestId('timer')

it('facilitator controls appear only for the facilitator, and drive everyone’s board', async () => {
  const room = await server.createRoom('Facilitated kickoff', { template: 'sample' })
  const fay = await join(stage.browser, localLink(server, room.links.facilitator), 'Fay')
  const pia = await join(stage.browser, localLink(server, room.links.participant), 'Pia')
  const vic = await join(stage.browser, localLink(server, room.links.viewer), 'Vic')
  people.push(fay, pia, vic)
  const [f, p, v] = [fay.page, pia.page, vic.page]

  // Only the facilitator has the bar, the voting controls, the locks and "bring everyone here".
  await poll(() => f.getByTestId('facilitator-controls').count()).toBe(1)
  expect(await f.getByTestId('voting-controls').count()).toBe(1)
  expect(await f.getByRole('button', { name: /^Lock/ }).count()).toBeGreaterThan(3)
  for (const page of [p, v]) {
    expect(await page.getByTestId('facilitator-controls').count()).toBe(0)
    expect(await page.getByTestId('voting-controls').count()).toBe(0)
    expect(await page.getByTestId('facilitator-tools').count()).toBe(0)
    expect(
      await page.getByRole('button', { name: /^(Lock|Unlock|Bring everyone here)/ }).count(),
    ).toBe(0)
    expect(
      await page.getByRole('button', { name: /^(Open voting|Reveal results|Start)/ }).count(),
    ).toBe(0)
  }

  // The agenda step and the shared timer reach everyone.
  await f.getByRole('button', { name: '5. Dependencies' }).click()
  for (const page of [p, v])
    await poll(() => page.getByTestId('phase').getAttribute('data-phase')).toBe('dependencies')
  await f.getByLabel('Minutes').fill('2')
  await f.getByRole('button', { name: 'Start the timer' }).click()
  for (const page of [p, v]) {
    await poll(() => timer(page).getAttribute('data-state')).toBe('running')
    const seconds = Number(await timer(page).getAttribute('data-seconds'))
    expect(seconds).toBeGreaterThan(60)
    expect(seconds).toBeLessThanOrEqual(120)
  }
  // It counts down on each laptop by itself.
  const first = Number(await timer(p).getAttribute('data-seconds'))
  await poll(() => timer(p).getAttribute('data-seconds').then(Number), 10_000).toBeLessThan(first)
  await f.getByRole('button', { name: 'Pause' }).click()
  await poll(() => timer(p).getAttribute('data-state')).toBe('paused')

  // Locking the purpose makes it read-only for participants; unlocking gives it back.
  const purpose = p.getByLabel(PURPOSE)
  expect(await purpose.getAttribute('readonly')).toBeNull()
  await section(f, 'purpose').getByRole('button', { name: 'Lock Purpose' }).click()
  await poll(() => purpose.getAttribute('readonly')).not.toBeNull()
  expect(await section(p, 'purpose').getByRole('button', { name: 'Add measure' }).count()).toBe(0)
  expect(await p.getByTestId('locked-purpose').textContent()).toContain('Locked by the facilitator')
  await section(f, 'purpose').getByRole('button', { name: 'Unlock Purpose' }).click()
  await poll(() => purpose.getAttribute('readonly')).toBeNull()

  // "Bring everyone here": the participant's board goes to the risk wall, focus on its heading.
  await p.evaluate(() => window.scrollTo(0, 0))
  await section(f, 'risks')
    .getByRole('button', { name: /^Bring everyone here/ })
    .click()
  await poll(() => focused(p)).toBe('risks-heading')
  await poll(() =>
    section(p, 'risks').evaluate((el) => {
      const r = el.getBoundingClientRect()
      return r.top < window.innerHeight && r.bottom > 0
    }),
  ).toBe(true)

  // Opting out: the participant stays put; the nav still shows where the facilitator is.
  await p.getByLabel('Following the facilitator').uncheck()
  const scrolled = await p.evaluate(() => window.scrollY)
  await section(f, 'readiness')
    .getByRole('button', { name: /^Bring everyone here/ })
    .click()
  const nav = p.getByRole('navigation', { name: 'Sections of the board' })
  await poll(() => nav.getByRole('link', { name: /Readiness/ }).textContent()).toContain(
    'facilitator',
  )
  expect(await focused(p)).not.toBe('readiness-heading')
  expect(await p.evaluate(() => window.scrollY)).toBe(scrolled)
  // The viewer, still following, went there.
  await poll(() => focused(v)).toBe('readiness-heading')
})
