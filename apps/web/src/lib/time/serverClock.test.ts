import { describe, expect, it } from 'vitest'
import { NOISE_MS, offsetFromDateHeader } from './serverClock'

const at = (iso: string) => Date.parse(iso)

describe('offsetFromDateHeader', () => {
  it('measures a clock that is minutes behind the server', () => {
    // Our clock says 09:57:00.1 → 09:57:00.3; the server answered at 10:00:00.x.
    const offset = offsetFromDateHeader(
      'Sat, 21 Nov 2026 10:00:00 GMT',
      at('2026-11-21T09:57:00.100Z'),
      at('2026-11-21T09:57:00.300Z'),
    )
    expect(offset).toBe(180_300)
  })

  it('measures a clock that is ahead', () => {
    const offset = offsetFromDateHeader(
      'Sat, 21 Nov 2026 10:00:00 GMT',
      at('2026-11-21T10:00:10.000Z'),
      at('2026-11-21T10:00:10.200Z'),
    )
    expect(offset).toBe(-9_600)
  })

  it('ignores differences within the header’s one-second resolution', () => {
    const sent = at('2026-11-21T10:00:00.900Z')
    expect(offsetFromDateHeader('Sat, 21 Nov 2026 10:00:00 GMT', sent, sent + 100)).toBe(0)
    expect(NOISE_MS).toBeGreaterThan(1000)
  })

  it('gives 0 without a usable header or with a round trip too long to tell', () => {
    const t = at('2026-11-21T10:00:00Z')
    expect(offsetFromDateHeader(null, t, t + 10)).toBe(0)
    expect(offsetFromDateHeader('not a date', t, t + 10)).toBe(0)
    expect(offsetFromDateHeader('Sat, 21 Nov 2026 11:00:00 GMT', t, t + 6000)).toBe(0)
  })
})
