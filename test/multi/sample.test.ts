import { expect, it } from 'vitest'
import { dependencyChecks, getTitle, riskRanking, tally } from '@kickoff/model'
import { connectClient, whenSynced } from '../helpers/clients.js'
import { useStage } from './lib/stage.js'

const { server, clients } = useStage()

it('a room created with template "sample" syncs the sample kickoff under the given title', async () => {
  const room = await server.createRoom('Our demo', { template: 'sample' })
  const c = connectClient(server.wsUrl, room.roomId, room.tokens.viewer)
  clients.push(c)
  await whenSynced(c)
  expect(getTitle(c.doc)).toBe('Our demo')
  const checks = dependencyChecks(c.doc, { now: new Date('2026-11-21T10:00:00Z') })
  expect(checks.noOwner.map((t) => t.name)).toEqual(['Security & Compliance'])
  expect(checks.cycles).toHaveLength(1)
  expect(riskRanking(c.doc).topLacking.map((g) => g.risk.title)).toEqual([
    'Security forbids external AI tools mid-sprint',
  ])
  expect(tally(c.doc).state).toBe('closed')
})

it('without a template (or "empty") the room starts empty', async () => {
  for (const template of [undefined, 'empty'] as const) {
    const room = await server.createRoom('Empty one', template ? { template } : {})
    const c = connectClient(server.wsUrl, room.roomId, room.tokens.viewer)
    clients.push(c)
    await whenSynced(c)
    expect(getTitle(c.doc)).toBe('Empty one')
    expect(dependencyChecks(c.doc, { now: new Date() }).noOwner).toEqual([])
    expect(riskRanking(c.doc).ranked).toEqual([])
  }
})
