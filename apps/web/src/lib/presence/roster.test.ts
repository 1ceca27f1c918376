import { describe, expect, it } from 'vitest'
import { Roster } from './roster'

const ana = { personId: 'person-ana', name: 'Ana', color: 'hsl(1 65% 45%)' }
const ben = { personId: 'person-ben', name: 'Ben', color: 'hsl(2 65% 45%)', team: null }

describe('Roster', () => {
  it('lists people once, you first, then by name', () => {
    const roster = new Roster(2)
    const states = new Map<number, unknown>([
      [1, { user: ben }],
      [2, { user: ana }],
      [3, { user: ben }],
    ])
    expect(roster.update(states, states.keys())).toBe(true)
    expect(roster.peers.map((p) => [p.name, p.self])).toEqual([
      ['Ana', true],
      ['Ben', false],
    ])
  })

  it('reports no change when only other fields (cursors) change', () => {
    const roster = new Roster(1)
    const states = new Map<number, unknown>([[2, { user: ben, canvas: { x: 1 } }]])
    roster.update(states, [2])
    const before = roster.peers
    states.set(2, { user: { ...ben }, canvas: { x: 2 } })
    expect(roster.update(states, [2])).toBe(false)
    expect(roster.peers).toBe(before)
  })

  it('drops people who leave and ignores malformed user states', () => {
    const roster = new Roster(1)
    const states = new Map<number, unknown>([
      [2, { user: ben }],
      [3, { user: { personId: 'x', name: 42 } }],
      [4, 'nonsense'],
      [5, null],
    ])
    roster.update(states, states.keys())
    expect(roster.peers.map((p) => p.name)).toEqual(['Ben'])
    expect(roster.user(3)).toBeNull()
    states.delete(2)
    expect(roster.update(states, [2])).toBe(true)
    expect(roster.peers).toEqual([])
  })

  it('keeps the team hook', () => {
    const roster = new Roster(1)
    roster.update(new Map([[2, { user: { ...ana, team: 'team-eng' } }]]), [2])
    expect(roster.user(2)?.team).toBe('team-eng')
  })
})
