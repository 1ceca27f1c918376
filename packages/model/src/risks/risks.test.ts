import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { problems } from '../problems/problems.js'
import type { RiskStatus } from '../schema/entries.js'
import { ROOT } from '../schema/keys.js'
import { FACILITATOR, PARTICIPANT, newKickoff } from '../testing/fixtures.js'
import { compareRisks, riskRanking } from './ranking.js'
import { addRisk, removeRisk, updateRisk } from './risks.js'

describe('risks', () => {
  it('RSK-1: likelihood and impact are whole numbers 1–5; title and owner are checked', () => {
    const doc = newKickoff()
    const base = { title: 'Late data', likelihood: 3, impact: 3 }
    expect(() => addRisk(doc, PARTICIPANT, { ...base, likelihood: 7 })).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: 'likelihood must be a whole number from 1 to 5',
        field: 'likelihood',
      }),
    )
    expect(() => addRisk(doc, PARTICIPANT, { ...base, impact: 0 })).toThrow(
      'impact must be a whole number from 1 to 5',
    )
    expect(() => addRisk(doc, PARTICIPANT, { ...base, impact: 2.5 })).toThrow(
      'impact must be a whole number from 1 to 5',
    )
    expect(() => addRisk(doc, PARTICIPANT, { ...base, title: '' })).toThrow(
      'title must not be empty',
    )
    expect(() => addRisk(doc, PARTICIPANT, { ...base, ownerId: 'ghost' })).toThrow(
      expect.objectContaining({ code: 'not_found', field: 'ownerId' }),
    )
    expect(() => addRisk(doc, PARTICIPANT, { ...base, status: 'gone' as RiskStatus })).toThrow(
      'status must be one of open, mitigated, occurred, closed',
    )
    const id = addRisk(doc, PARTICIPANT, { ...base, ownerId: PARTICIPANT.personId })
    updateRisk(doc, PARTICIPANT, id, { mitigation: 'Sample first', likelihood: 2 })
    expect(riskRanking(doc).ranked[0]).toMatchObject({
      title: 'Late data',
      likelihood: 2,
      score: 6,
      ownerName: 'Bo',
      mitigation: 'Sample first',
      status: 'open',
      active: true,
      rank: 1,
    })
    expect(() => updateRisk(doc, PARTICIPANT, id, { impact: 6 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    )
    removeRisk(doc, PARTICIPANT, id)
    expect(() => removeRisk(doc, PARTICIPANT, id)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })

  it('RSK-2: score is likelihood × impact; ties by impact, likelihood, title, id', () => {
    const doc = newKickoff()
    addRisk(doc, FACILITATOR, { title: 'b', likelihood: 2, impact: 3, id: 'r2' })
    addRisk(doc, FACILITATOR, { title: 'a', likelihood: 3, impact: 2, id: 'r1' })
    addRisk(doc, FACILITATOR, { title: 'a', likelihood: 2, impact: 3, id: 'r4' })
    addRisk(doc, FACILITATOR, { title: 'a', likelihood: 2, impact: 3, id: 'r3' })
    addRisk(doc, FACILITATOR, { title: 'z', likelihood: 5, impact: 5, id: 'r5' })
    expect(riskRanking(doc).ranked.map((r) => [r.id, r.score, r.rank])).toEqual([
      ['r5', 25, 1],
      ['r3', 6, 2],
      ['r4', 6, 3],
      ['r2', 6, 4],
      ['r1', 6, 5],
    ])
    const x = { score: 6, impact: 3, likelihood: 2, title: 'a', id: 'r3' }
    expect(compareRisks(x, x)).toBe(0)
  })

  it('RSK-3: the top five come from active risks; ties with the fifth are reported', () => {
    const doc = newKickoff()
    const li: [number, number][] = [
      [4, 5],
      [4, 4],
      [3, 4],
      [2, 5],
      [3, 3],
      [3, 3],
      [2, 2],
    ]
    li.forEach(([likelihood, impact], i) =>
      addRisk(doc, FACILITATOR, { title: `risk ${i}`, likelihood, impact, id: `r${i}` }),
    )
    addRisk(doc, FACILITATOR, {
      title: 'closed big one',
      likelihood: 5,
      impact: 5,
      status: 'closed',
      id: 'rc',
    })
    addRisk(doc, FACILITATOR, {
      title: 'mitigated big one',
      likelihood: 5,
      impact: 5,
      status: 'mitigated',
      id: 'rm',
    })
    addRisk(doc, FACILITATOR, {
      title: 'it happened',
      likelihood: 1,
      impact: 5,
      status: 'occurred',
      id: 'ro',
    })
    const r = riskRanking(doc)
    expect(r.top.map((x) => [x.id, x.score])).toEqual([
      ['r0', 20],
      ['r1', 16],
      ['r2', 12],
      ['r3', 10],
      ['r4', 9],
    ])
    expect(r.tiedWithFifth.map((x) => x.id)).toEqual(['r5'])
    expect(r.ranked.slice(-2).map((x) => [x.id, x.active, x.rank])).toEqual([
      ['rc', false, null],
      ['rm', false, null],
    ])
    expect(r.ranked.find((x) => x.id === 'ro')).toMatchObject({ active: true, rank: 7 })
  })

  it('RSK-4: top risks without an owner or a mitigation are listed', () => {
    const doc = newKickoff()
    addRisk(doc, FACILITATOR, {
      title: 'Owned, mitigated',
      likelihood: 5,
      impact: 5,
      ownerId: PARTICIPANT.personId,
      mitigation: 'Plan B',
    })
    const a = addRisk(doc, FACILITATOR, {
      title: 'No one',
      likelihood: 4,
      impact: 5,
      mitigation: 'Plan C',
    })
    const b = addRisk(doc, FACILITATOR, {
      title: 'Nothing',
      likelihood: 4,
      impact: 4,
      mitigation: '   ',
    })
    expect(riskRanking(doc).topLacking.map((g) => [g.risk.id, g.missing])).toEqual([
      [a, ['owner']],
      [b, ['owner', 'mitigation']],
    ])
  })

  it('READ-2: a risk whose owner is gone reads as unowned, and is reported', () => {
    const doc = newKickoff()
    const id = addRisk(doc, FACILITATOR, {
      title: 'x',
      likelihood: 1,
      impact: 1,
      ownerId: PARTICIPANT.personId,
    })
    doc.getMap(ROOT.people).delete(PARTICIPANT.personId)
    expect(riskRanking(doc).ranked[0]).toMatchObject({ ownerId: null, ownerName: null })
    expect(problems(doc)).toEqual([
      {
        key: ROOT.risks,
        id,
        field: 'ownerId',
        code: 'dangling_reference',
        message: `owner ${PARTICIPANT.personId} is not on the board; read as no owner`,
      },
    ])
    ;(doc.getMap(ROOT.risks).get(id) as Y.Map<unknown>).set('likelihood', 7)
    expect(riskRanking(doc).ranked).toEqual([])
    expect(problems(doc).map((p) => p.message)).toEqual([
      'likelihood: likelihood must be a whole number from 1 to 5',
    ])
  })
})
