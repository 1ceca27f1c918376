import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { join, localLink, poll, section, showGraph, type Person } from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const people: Person[] = []

const edges = (page: Page) => page.getByTestId('dep-edge')
const node = (page: Page, teamId: string) =>
  page.locator(`[data-testid="dep-node"][data-team-id="${teamId}"]`)

it('a dependency added in one browser changes the graph in another; owners flag and unflag', async () => {
  const room = await server.createRoom('Dependencies kickoff', { template: 'sample' })
  const link = localLink(server, room.links.participant)
  const ana = await join(stage.browser, link, 'Ana')
  const ben = await join(stage.browser, link, 'Ben')
  people.push(ana, ben)
  const [a, b] = [ana.page, ben.page]

  // The sample's eight dependencies are drawn (dagre loads when the graph is near the screen).
  await showGraph(a)
  await showGraph(b)
  await poll(() => edges(b).count()).toBe(8)
  expect(await edges(b).locator('xpath=self::*[@data-kind="cycle"]').count()).toBe(4)

  // Ana: Sales needs pricing data from Finance, by the use-case shortlist.
  const form = section(a, 'dependencies').getByRole('form', { name: 'Add a dependency' })
  await form.getByLabel('Team', { exact: true }).selectOption({ label: 'Sales' })
  await form.getByLabel('needs', { exact: true }).fill('Pricing data by segment')
  await form.getByLabel('from', { exact: true }).selectOption({ label: 'Finance' })
  await form
    .getByLabel('by', { exact: true })
    .selectOption({ label: 'Use-case shortlist (2026-12-17)' })
  await form.getByRole('button', { name: 'Add dependency' }).click()

  // Ben's graph gains the arrow, and his table the row.
  await poll(() => edges(b).count()).toBe(9)
  const row = b.getByTestId('dep-row').filter({ hasText: 'Pricing data by segment' })
  await poll(() => row.count()).toBe(1)
  expect(await row.textContent()).toMatch(
    /Sales.*Pricing data by segment.*Finance.*Use-case shortlist/,
  )

  // Ben marks it done: the arrow turns inactive on Ana's graph.
  await row.getByLabel(/^Status:/).selectOption('done')
  const added = await row.getAttribute('data-entry-id')
  await poll(() =>
    a.locator(`[data-testid="dep-edge"][data-id="${added}"]`).getAttribute('data-kind'),
  ).toBe('inactive')

  // A new team has no owner: flagged on both boards, in the graph too.
  await a.getByLabel('New team').fill('Legal')
  await a.getByRole('button', { name: 'Add team' }).click()
  const legal = b.getByTestId('team').filter({ has: b.getByRole('heading', { name: 'Legal' }) })
  await poll(() => legal.getByTestId('team-flag').textContent()).toBe('No owner')
  await poll(() => b.getByTestId('flag-no-owner').filter({ hasText: 'Legal' }).count()).toBe(1)
  const legalId = await legal.getAttribute('data-team-id')
  await poll(() => node(b, legalId!).getAttribute('data-flag')).toBe('no-owner')

  // Ana joins Legal as its owner: the flags go away everywhere.
  const card = a.getByTestId('team').filter({ has: a.getByRole('heading', { name: 'Legal' }) })
  await card.getByRole('button', { name: 'Add member to Legal' }).click()
  await card.getByLabel('Person').selectOption({ label: 'Ana' })
  await card.getByLabel('Role').selectOption('lead')
  await card.getByLabel('Owner').check()
  await card.getByRole('button', { name: 'Add member' }).click()
  await poll(() => legal.getByTestId('team-flag').count()).toBe(0)
  await poll(() => node(b, legalId!).getAttribute('data-flag')).toBe('none')
  expect(await legal.textContent()).toContain('Owner: Ana')
})
