import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { join, lens, localLink, poll, section, type Person } from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const people: Person[] = []

const add = (page: Page, title: string) =>
  page.getByRole('button', { name: `+ Dot on ${title}`, exact: true })
const takeBack = (page: Page, title: string) =>
  page.getByRole('button', { name: `− Take a dot back from ${title}`, exact: true })
const budget = (page: Page) => page.getByTestId('budget').textContent()
/** Each lens's total as the page shows it: empty while the results are hidden. */
const totals = async (page: Page) =>
  Object.fromEntries(
    await page
      .getByTestId('lens')
      .evaluateAll((els) =>
        els
          .map((el) => [
            el.querySelector('h3')?.textContent ?? '',
            el.querySelector<HTMLElement>('[data-testid="lens-total"]')?.dataset.dots ?? null,
          ])
          .filter(([, dots]) => dots !== null),
      ),
  )

it('a full voting round: hidden until the reveal, then the same tally for everyone', async () => {
  const room = await server.createRoom('Voting kickoff')
  const fay = await join(stage.browser, localLink(server, room.links.facilitator), 'Fay')
  const ana = await join(stage.browser, localLink(server, room.links.participant), 'Ana')
  const ben = await join(stage.browser, localLink(server, room.links.participant), 'Ben')
  people.push(fay, ana, ben)
  const [f, a, b] = [fay.page, ana.page, ben.page]

  // The facilitator puts three candidates on the ballot and opens the vote.
  for (const title of ['Growth', 'Cost', 'Data']) {
    await f.getByLabel('New lens').fill(title)
    await f.getByRole('button', { name: 'Add lens' }).click()
    await poll(() => lens(f, title).count()).toBe(1)
  }
  // Participants cannot run the vote.
  for (const p of [a, b]) {
    await poll(() => lens(p, 'Data').count()).toBe(1)
    expect(await p.getByTestId('voting-controls').count()).toBe(0)
  }
  await f.getByRole('button', { name: 'Open voting' }).click()
  for (const p of [a, b]) {
    await poll(() => p.getByTestId('voting-state').getAttribute('data-state')).toBe('open')
    await poll(() => budget(p)).toBe('You have 3 of 3 dots left · at most 2 per lens.')
  }

  // Ana stacks two dots on Growth (the cap), one on Cost (the budget), then takes Cost back.
  await add(a, 'Growth').click()
  await add(a, 'Growth').click()
  await poll(() => add(a, 'Growth').isDisabled()).toBe(true)
  await add(a, 'Cost').click()
  await poll(() => budget(a)).toBe('You have 0 of 3 dots left · at most 2 per lens.')
  expect(await add(a, 'Data').isDisabled()).toBe(true)
  await takeBack(a, 'Cost').click()
  await poll(() => budget(a)).toBe('You have 1 of 3 dots left · at most 2 per lens.')
  await add(a, 'Data').click()

  // Ben puts two on Cost and one on Data.
  await add(b, 'Cost').click()
  await add(b, 'Cost').click()
  await add(b, 'Data').click()
  await poll(() => budget(b)).toBe('You have 0 of 3 dots left · at most 2 per lens.')

  // Before the reveal: everyone sees how many voted and who has not, nobody sees totals, and
  // each sees only their own dots.
  for (const p of [f, a, b]) {
    await poll(() => p.getByTestId('voted-count').textContent()).toBe('2')
    expect(await totals(p)).toEqual({})
    expect(await p.getByTestId('results').count()).toBe(0)
  }
  const pips = (p: Page, title: string) => lens(p, title).locator('.pip.on').count()
  expect([await pips(a, 'Growth'), await pips(a, 'Cost'), await pips(a, 'Data')]).toEqual([2, 0, 1])
  expect([await pips(b, 'Growth'), await pips(b, 'Cost'), await pips(b, 'Data')]).toEqual([0, 2, 1])
  await a.getByText('Not voted yet (1)').click()
  expect(await a.getByTestId('not-voted').textContent()).toContain('Fay')

  // The facilitator closes and reveals: the same tally everywhere, the tie named, not broken.
  await f.getByRole('button', { name: 'Close voting' }).click()
  await poll(() => b.getByTestId('voting-state').getAttribute('data-state')).toBe('closed')
  await f.getByRole('button', { name: 'Reveal results' }).click()
  const expected = { Growth: '2', Cost: '2', Data: '2' }
  for (const p of [f, a, b]) {
    await poll(() => totals(p)).toEqual(expected)
    await poll(() => p.getByTestId('results-summary').textContent()).toBe(
      'Cost, Data, Growth are tied for first with 2 dots each.',
    )
    expect(await p.getByTestId('tie').count()).toBe(1)
  }
  // Adding dots is over for everyone.
  expect(await a.getByTestId('cast-dot').count()).toBe(0)

  // The facilitator chooses two lenses; everyone sees which.
  const choose = f.getByRole('group', { name: 'Voting controls' })
  await choose.getByRole('button', { name: /^Growth/ }).click()
  await choose.getByRole('button', { name: /^Data/ }).click()
  for (const p of [a, b])
    await poll(() => p.getByTestId('chosen').textContent()).toBe('Data, Growth')
  await poll(() => section(a, 'readiness').getByText('2–4 strategy lenses chosen').count()).toBe(1)
  await poll(() =>
    section(a, 'readiness').locator('[data-signal="lenses-chosen"]').getAttribute('data-ok'),
  ).toBe('true')
})
