import { readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { join, localLink, poll, PURPOSE, section, type Person } from './lib/board.js'
import { useStage } from './lib/stage.js'

const stage = useStage()
const { server } = stage
const people: Person[] = []

/** Clicks and returns the text of the file the click downloads. */
async function downloaded(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()])
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') }
}

it('the facilitator closes the kickoff into a record; a participant cannot; the retro view shows what changed since', async () => {
  const room = await server.createRoom('Atlas sprint', { template: 'sample' })
  const fay = await join(stage.browser, localLink(server, room.links.facilitator), 'Fay')
  const pia = await join(stage.browser, localLink(server, room.links.participant), 'Pia')
  people.push(fay, pia)
  const [f, p] = [fay.page, pia.page]

  // Only the facilitator is offered the close; the server refuses it to a participant's link.
  await f.getByRole('button', { name: 'Close the kickoff…' }).waitFor()
  expect(await p.getByRole('button', { name: /Close the kickoff/ }).count()).toBe(0)
  const refused = await p.evaluate(
    async ([roomId, token]) =>
      (
        await fetch(`/api/rooms/${roomId}/records`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    [room.roomId, room.tokens.participant] as const,
  )
  expect(refused).toBe(403)

  // Closing asks first; cancelling changes nothing.
  await f.getByRole('button', { name: 'Close the kickoff…' }).click()
  await f.getByRole('button', { name: 'Cancel' }).click()
  expect(await f.getByTestId('close-confirm').count()).toBe(0)
  await f.getByRole('button', { name: 'Close the kickoff…' }).click()
  await f.getByRole('button', { name: 'Close and write the record' }).click()

  // The record page: the board as a document, checked in the browser.
  await f.waitForURL(new RegExp(`/k/${room.roomId}/records/[A-Za-z0-9_-]{16,}$`))
  const recordUrl = f.url()
  await poll(() => f.getByTestId('record-title').textContent()).toBe('Atlas sprint')
  expect(await f.getByTestId('record-verified').textContent()).toBe('Verified in this browser')
  expect(await f.getByTestId('record-hash').textContent()).toMatch(/^[0-9a-f]{64}$/)
  expect(await f.getByTestId('doc-statement').textContent()).toContain(
    'Find the three places where AI gives us faster decisions',
  )
  expect(await f.getByTestId('doc-team').count()).toBeGreaterThan(5)
  expect(await f.getByTestId('doc-dep').count()).toBeGreaterThan(5)
  await f.getByTestId('dep-graph-svg').waitFor({ timeout: 30_000 })
  expect(await f.getByTestId('doc-signal').count()).toBe(5)
  // The sample's vote was closed but not revealed: the record holds the full tally anyway.
  expect(await f.locator('[data-testid="doc-lenses"] tbody tr').count()).toBeGreaterThan(3)

  // Exports: Markdown from the server, CSV made here.
  const md = await downloaded(f, f.getByRole('button', { name: 'Markdown' }))
  expect(md.name).toMatch(/^atlas-sprint-kickoff-record-\d{4}-\d\d-\d\d\.md$/)
  expect(md.text.startsWith('# Atlas sprint — kickoff record\n')).toBe(true)
  const csv = await downloaded(f, f.getByRole('button', { name: 'CSV: risks' }))
  expect(csv.text.split('\r\n')[0]).toBe(
    'id,title,description,likelihood,impact,score,status,rank,top_five,owner,mitigation',
  )
  // Printed ("Save as PDF"), the controls are gone and the document stays.
  await f.emulateMedia({ media: 'print' })
  expect(await f.getByRole('group', { name: 'Export the record' }).isVisible()).toBe(false)
  expect(await f.getByTestId('doc-statement').isVisible()).toBe(true)
  await f.emulateMedia({ media: 'screen' })

  // The participant's board is closed, and offers the record and the retro.
  await poll(() => p.getByLabel(PURPOSE).getAttribute('readonly')).not.toBeNull()
  await p.getByTestId('record-link').first().waitFor()

  // Weeks later: the facilitator (who may still write) adds a risk the kickoff did not see.
  await f.goto(`${server.httpUrl}/k/${room.roomId}`)
  await f.locator('[data-status="connected"]').waitFor()
  const form = section(f, 'risks').getByRole('form', { name: 'Add a risk' })
  await form.getByLabel('New risk').fill('Budget freeze in January')
  await form.getByRole('button', { name: 'Add risk' }).click()

  // The retro view holds the record against today's board and shows the change.
  await p.getByTestId('retro-link').click()
  await p.waitForURL(new RegExp(`/k/${room.roomId}/retro$`))
  const added = p.getByTestId('diff-entry').filter({ hasText: 'Budget freeze in January' })
  await added.waitFor({ timeout: 30_000 })
  expect(await added.getAttribute('data-kind')).toBe('risk-added')
  const today = p.getByTestId('retro-now').getByTestId('doc-risk').filter({
    hasText: 'Budget freeze in January',
  })
  expect(await today.getByTestId('mark').textContent()).toBe('new')
  expect(
    await p
      .getByTestId('retro-then')
      .getByTestId('doc-risk')
      .filter({ hasText: 'Budget freeze' })
      .count(),
  ).toBe(0)

  // The retro's own columns and dot-vote.
  const worked = p.getByTestId('retro-column-worked')
  await worked.getByLabel('New card: What worked').fill('Interviews in week one')
  await worked.getByRole('button', { name: 'Add to What worked' }).click()
  await f.goto(`${server.httpUrl}/k/${room.roomId}/retro`)
  await f.getByTestId('retro-card').filter({ hasText: 'Interviews in week one' }).waitFor()
  await f.getByRole('button', { name: 'Open the vote' }).click()
  const dot = p.getByRole('button', { name: '+ Dot on “Interviews in week one”' })
  await poll(() => dot.isEnabled()).toBe(true)
  await dot.click()
  await poll(() => p.getByTestId('retro-remaining').textContent()).toBe('2')
  await poll(() =>
    f
      .getByTestId('retro-card')
      .filter({ hasText: 'Interviews in week one' })
      .getByTestId('retro-dots')
      .textContent(),
  ).toBe('1 dot')

  // Closed into a retro record, which the record page shows with its cards.
  await f.getByRole('button', { name: 'Close the retro into a record' }).click()
  await f.waitForURL(new RegExp(`/k/${room.roomId}/records/[A-Za-z0-9_-]{16,}$`))
  expect(f.url()).not.toBe(recordUrl)
  await f.getByTestId('record-retro').getByText('Interviews in week one').waitFor()
  expect(await f.getByTestId('record').textContent()).toContain('Retro record')
})
