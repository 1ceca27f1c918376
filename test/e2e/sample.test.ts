import { expect, it } from 'vitest'
import { TEAM_PALETTE } from '../../apps/web/src/lib/presence/teamColors.js'
import { join, localLink, poll, section, showGraph, type Person } from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const people: Person[] = []

/** `#rrggbb` as the `rgb(r, g, b)` a computed style gives. */
const rgb = (hex: string) =>
  `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`

it('the landing page starts a sample kickoff, and the board shows what a facilitator should see', async () => {
  // Start from the landing page: title, the sample, three links with copy buttons.
  const context = await stage.browser.newContext({ viewport: { width: 1280, height: 1000 } })
  people.push({ context, page: await context.newPage() })
  const home = people[0]!.page
  await home.goto(server.httpUrl)
  await home.getByLabel('Kickoff title').fill('Atlas at Acme')
  await home.getByLabel('Start from the sample kickoff').check()
  await home.getByRole('button', { name: 'Create kickoff' }).click()
  for (const role of ['facilitator', 'participant', 'viewer'])
    await poll(() => home.getByTestId(`link-${role}`).inputValue()).toMatch(/\/k\/[\w-]+#t=[\w-]+$/)
  expect(await home.getByRole('button', { name: 'Copy' }).count()).toBe(3)
  const participant = localLink(server, await home.getByTestId('link-participant').inputValue())

  // Two people join, each with a team from the board.
  const ana = await join(stage.browser, participant, 'Ana', { team: 'Engineering' })
  const ben = await join(stage.browser, participant, 'Ben', { team: 'Product' })
  people.push(ana, ben)
  const b = ben.page
  await poll(() => b.getByTestId('kickoff-title').textContent()).toBe('Atlas at Acme')

  // Team colours: Ben sees Ana's avatar in Engineering's colour (third team on the board).
  const anaAvatar = b.getByTestId('peer').filter({ hasText: 'Ana' })
  await poll(() => anaAvatar.getAttribute('data-team')).toBe('eng')
  expect(
    await anaAvatar.getByTestId('avatar').evaluate((el) => getComputedStyle(el).backgroundColor),
  ).toBe(rgb(TEAM_PALETTE[2]))
  expect(await b.getByTestId('head-count').textContent()).toBe('2 here')
  // Picking another team later (the "You" button) recolours the avatar everywhere.
  const benAvatar = ana.page.getByTestId('peer').filter({ hasText: 'Ben' })
  await poll(() => benAvatar.getAttribute('data-team')).toBe('product')
  await b.getByTestId('me').click()
  await b.getByLabel('Your team').selectOption({ label: 'Finance' })
  await b.getByRole('button', { name: 'Save' }).click()
  await poll(() => benAvatar.getAttribute('data-team')).toBe('finance')
  expect(await b.getByTestId('me').textContent()).toContain('Ben · Finance')

  // The flags: Security & Compliance has no owner…
  const teams = section(b, 'teams')
  await poll(() => teams.getByTestId('flag-no-owner').textContent()).toContain(
    'Security & Compliance has no owner',
  )
  await showGraph(b)
  const security = teams.getByTestId('team').filter({ hasText: 'Security & Compliance' })
  expect(await security.getByTestId('team-flag').textContent()).toBe('No owner')
  await poll(() =>
    b.locator('[data-testid="dep-node"][data-team-id="security"]').getAttribute('data-flag'),
  ).toBe('no-owner')
  // …the cycle, in words and in red on the graph…
  expect(await teams.getByTestId('flag-cycle').textContent()).toContain(
    'IT / Data → Security & Compliance → Executive sponsors → Product → IT / Data',
  )
  expect(await b.locator('[data-testid="dep-edge"][data-kind="cycle"]').count()).toBe(4)
  // …and the unowned, unmitigated risk in the top five.
  const risk = b.getByTestId('top-risk').filter({ hasText: 'Security forbids external AI tools' })
  expect(await risk.getByTestId('risk-no-owner').count()).toBe(1)
  expect(await risk.getByTestId('risk-no-mitigation').count()).toBe(1)
  // Readiness says the same.
  const readiness = section(b, 'readiness')
  expect(await readiness.locator('[data-signal="one-owner-per-team"]').textContent()).toContain(
    'Security & Compliance has no owner',
  )
  expect(await readiness.locator('[data-signal="top-risks-owned"]').getAttribute('data-ok')).toBe(
    'false',
  )
})
