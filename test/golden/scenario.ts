// The boards the golden records are written from: the sample kickoff closed at its kickoff, and
// the same board at its retro five weeks later. Deterministic (fixed client ids, times and entry
// ids), so writing them again with the same code gives the same bytes.
import * as Y from 'yjs'
import {
  addRetroItem,
  addRisk,
  buildRecord,
  castRetroDot,
  chooseLens,
  closeKickoff,
  confirmPurpose,
  openRetroVoting,
  reopenKickoff,
  revealVoting,
  seedSampleKickoff,
  setPurposeStatement,
  updateDependency,
  updateRisk,
  type Actor,
  type RecordContent,
} from '@kickoff/model'

export const ROOM_ID = 'golden-room-000000001'
export const KICKOFF_RECORD_ID = 'golden-kickoff-000001'
export const RETRO_RECORD_ID = 'golden-retro-00000001'
export const KICKOFF_AT = new Date('2026-11-21T16:30:00.000Z')
export const RETRO_AT = new Date('2026-12-28T15:00:00.000Z')

const FACILITATOR: Actor = { personId: 'maya-okafor', role: 'facilitator' }
const as = (personId: string): Actor => ({ personId, role: 'participant' })
const at = (base: Date, minutes: number) => ({ now: new Date(base.getTime() + minutes * 60_000) })

/** The two records: the kickoff's, and the retro's of the same room. */
export function goldenRecords(): { kickoff: RecordContent; retro: RecordContent } {
  const doc = new Y.Doc()
  doc.clientID = 1
  const t0 = new Date('2026-11-21T09:00:00.000Z')
  seedSampleKickoff(doc, { now: t0 })
  // The kickoff: owners confirm, the vote is revealed, two lenses chosen, then the close.
  for (const [team, owner] of [
    ['exec', 'maya-okafor'],
    ['product', 'priya-natarajan'],
  ] as const)
    confirmPurpose(doc, as(owner), team, at(t0, 60))
  revealVoting(doc, FACILITATOR)
  chooseLens(doc, FACILITATOR, 'data', at(t0, 120))
  chooseLens(doc, FACILITATOR, 'growth', at(t0, 121))
  closeKickoff(doc, FACILITATOR, { now: KICKOFF_AT })
  const kickoff = buildRecord(doc, {
    kind: 'kickoff',
    now: KICKOFF_AT,
    roomId: ROOM_ID,
    recordId: KICKOFF_RECORD_ID,
    closedBy: { personId: FACILITATOR.personId },
  })

  // Five weeks on, at the retro: the board is reopened and brought up to date.
  const later = new Y.Doc()
  later.clientID = 2
  Y.applyUpdate(later, Y.encodeStateAsUpdate(doc))
  const t1 = new Date('2026-12-28T14:00:00.000Z')
  reopenKickoff(later, FACILITATOR)
  setPurposeStatement(
    later,
    FACILITATOR,
    'Find the two places where AI gives us faster decisions, and agree who builds each one next quarter.',
  )
  updateDependency(later, FACILITATOR, 'd1', { status: 'done' })
  updateDependency(later, FACILITATOR, 'd4', { status: 'at-risk' })
  updateRisk(later, FACILITATOR, 'r1', { status: 'occurred' })
  updateRisk(later, FACILITATOR, 'r2', { status: 'closed' })
  updateRisk(later, FACILITATOR, 'r3', { likelihood: 5 })
  addRisk(later, FACILITATOR, {
    title: 'Budget freeze in January',
    likelihood: 2,
    impact: 5,
    ownerId: 'maya-okafor',
    mitigation: 'Sponsor pre-approves the envelope in December',
    id: 'r-budget',
  })
  addRetroItem(
    later,
    FACILITATOR,
    { column: 'worked', text: 'Interviews in week one', id: 'w1' },
    at(t1, 1),
  )
  addRetroItem(
    later,
    as('priya-natarajan'),
    { column: 'friction', text: 'Waiting for data exports', id: 'f1' },
    at(t1, 2),
  )
  addRetroItem(
    later,
    as('priya-natarajan'),
    { column: 'change', text: 'Name a data owner on day one', id: 'c1' },
    at(t1, 3),
  )
  openRetroVoting(later, FACILITATOR)
  castRetroDot(later, FACILITATOR, 'c1', { ...at(t1, 10), id: 'rd1' })
  castRetroDot(later, as('priya-natarajan'), 'c1', { ...at(t1, 11), id: 'rd2' })
  castRetroDot(later, as('priya-natarajan'), 'f1', { ...at(t1, 12), id: 'rd3' })
  const retro = buildRecord(later, {
    kind: 'retro',
    now: RETRO_AT,
    roomId: ROOM_ID,
    recordId: RETRO_RECORD_ID,
    closedBy: { personId: FACILITATOR.personId },
  })
  return { kickoff, retro }
}
