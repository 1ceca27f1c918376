import { expect, it } from 'vitest'
import { join, localLink, poll, riskCell, riskChip, section, type Person } from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const people: Person[] = []

it('a risk moves on the grid by dragging and with the keyboard, in every browser', async () => {
  const room = await server.createRoom('Risk kickoff')
  const link = localLink(server, room.links.participant)
  const ana = await join(stage.browser, link, 'Ana')
  const ben = await join(stage.browser, link, 'Ben')
  people.push(ana, ben)
  const [a, b] = [ana.page, ben.page]
  const title = 'Vendor contract slips'

  // Ana adds a risk at likelihood 3, impact 3.
  const form = section(a, 'risks').getByRole('form', { name: 'Add a risk' })
  await form.getByLabel('New risk').fill(title)
  await form.getByRole('button', { name: 'Add risk' }).click()
  await poll(() => riskCell(b, title)).toBe('3-3')

  // Ana drags it to likelihood 5, impact 4 (pointer events, in steps, as a hand would).
  const chip = riskChip(a, title)
  // The whole grid on screen, clear of the sticky header.
  await a.getByTestId('risk-grid').evaluate((el) => el.scrollIntoView({ block: 'center' }))
  const from = (await chip.boundingBox())!
  const to = (await a.locator('[data-cell="5-4"]').boundingBox())!
  await a.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await a.mouse.down()
  await a.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 })
  await a.mouse.up()
  await poll(() => riskCell(a, title)).toBe('5-4')
  await poll(() => riskCell(b, title)).toBe('5-4')

  // Ben moves it with the keyboard: down (less likely), left (less impact); the focus stays
  // on the risk as it moves from cell to cell.
  await riskChip(b, title).focus()
  await b.keyboard.press('ArrowDown')
  await poll(() => riskCell(b, title)).toBe('4-4')
  await poll(() => b.evaluate(() => document.activeElement?.textContent ?? '')).toContain(title)
  await b.keyboard.press('ArrowLeft')
  await poll(() => riskCell(b, title)).toBe('4-3')
  expect(await b.evaluate(() => document.activeElement?.textContent ?? '')).toContain(title)
  await poll(() => riskCell(a, title)).toBe('4-3')

  // It is the only risk, so it tops the list: with no owner and no mitigation, flagged.
  const top = a.getByTestId('top-risk').filter({ hasText: title })
  await poll(() => top.getByTestId('risk-no-owner').count()).toBe(1)
  expect(await top.getByTestId('risk-no-mitigation').count()).toBe(1)

  // Ben opens it and gives it an owner and a mitigation: Ana's flags go away.
  await riskChip(b, title).press('Enter')
  const editor = b.getByTestId('risk-editor')
  await editor.getByLabel('Owner').selectOption({ label: 'Ana' })
  await editor.getByLabel('Mitigation').fill('Second supplier on standby')
  await editor.getByLabel('Mitigation').blur()
  await poll(() => top.getByTestId('risk-no-owner').count()).toBe(0)
  await poll(() => top.getByTestId('risk-no-mitigation').count()).toBe(0)
  expect(await top.textContent()).toContain('Owner: Ana')

  // The editor's selects are the other keyboard way to move it.
  await editor.getByLabel('Impact').selectOption('1')
  await poll(() => riskCell(a, title)).toBe('4-1')

  // Escape closes the editor and puts the focus back on the risk.
  await editor.getByLabel('Impact').press('Escape')
  await poll(() => editor.count()).toBe(0)
  await poll(() => b.evaluate(() => document.activeElement?.textContent ?? '')).toContain(title)
})
