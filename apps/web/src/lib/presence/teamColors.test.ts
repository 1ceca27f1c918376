import { describe, expect, it } from 'vitest'
import { TEAM_PALETTE, teamColors } from './teamColors'

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

describe('teamColors', () => {
  it('gives teams colours in board order, repeating past the palette', () => {
    const teams = Array.from({ length: TEAM_PALETTE.length + 1 }, (_, i) => ({
      id: `t${i}`,
      name: `Team ${i}`,
    }))
    const colors = teamColors(teams)
    expect(colors.get('t0')).toEqual({ name: 'Team 0', color: TEAM_PALETTE[0] })
    expect(colors.get('t1')!.color).not.toBe(colors.get('t0')!.color)
    expect(colors.get(`t${TEAM_PALETTE.length}`)!.color).toBe(TEAM_PALETTE[0])
  })

  it('keeps white initials readable on every colour (contrast ≥ 4.5:1)', () => {
    for (const c of TEAM_PALETTE)
      expect(1.05 / (luminance(c) + 0.05), c).toBeGreaterThanOrEqual(4.5)
  })
})
