import { describe, expect, it } from 'vitest'
import { cellAfterKey, cellOf, heat } from './grid'

describe('risk grid', () => {
  it('moves with the arrow keys: up is more likely, right more impact', () => {
    const c = { likelihood: 3, impact: 3 }
    expect(cellAfterKey('ArrowUp', c)).toEqual({ likelihood: 4, impact: 3 })
    expect(cellAfterKey('ArrowDown', c)).toEqual({ likelihood: 2, impact: 3 })
    expect(cellAfterKey('ArrowRight', c)).toEqual({ likelihood: 3, impact: 4 })
    expect(cellAfterKey('ArrowLeft', c)).toEqual({ likelihood: 3, impact: 2 })
    expect(cellAfterKey('Enter', c)).toBeNull()
  })

  it('stays on the grid at its edges', () => {
    expect(cellAfterKey('ArrowUp', { likelihood: 5, impact: 1 })).toBeNull()
    expect(cellAfterKey('ArrowLeft', { likelihood: 5, impact: 1 })).toBeNull()
  })

  it('reads cells from data attributes, refusing anything else', () => {
    expect(cellOf('4-2')).toEqual({ likelihood: 4, impact: 2 })
    expect(cellOf('6-2')).toBeNull()
    expect(cellOf(undefined)).toBeNull()
  })

  it('shades higher scores more', () => {
    expect(heat(25)).not.toBe(heat(1))
    expect(heat(16)).toBe(heat(20))
  })
})
