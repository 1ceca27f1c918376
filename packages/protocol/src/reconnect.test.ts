import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { addReconnectJitter, type ReconnectingProvider } from './reconnect.js'

class FakeProvider implements ReconnectingProvider {
  shouldConnect = true
  connects = 0
  #listeners: ((e: { code: number } | null) => void)[] = []
  disconnects = 0
  connect() {
    this.shouldConnect = true
    this.connects++
  }
  disconnect() {
    this.shouldConnect = false
    this.disconnects++
  }
  /** As y-websocket's destroy(): it goes through this.disconnect(). */
  destroy() {
    this.disconnect()
  }
  on(_: 'connection-close', cb: (e: { code: number } | null) => void) {
    this.#listeners.push(cb)
  }
  emitClose(code: number | null) {
    for (const l of this.#listeners) l(code === null ? null : { code })
  }
}

describe('addReconnectJitter', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('spreads reconnects after a server restart over the window', () => {
    const delays = [0, 0.5, 0.999].map((r) => {
      const p = new FakeProvider()
      addReconnectJitter(p, { spreadMs: 1000, random: () => r })
      p.emitClose(1012)
      expect(p.shouldConnect).toBe(false)
      let waited = 0
      while (p.connects === 0) {
        vi.advanceTimersByTime(10)
        waited += 10
      }
      return waited
    })
    expect(delays[0]).toBeLessThan(delays[1]!)
    expect(delays[1]).toBeLessThan(delays[2]!)
    expect(delays[2]).toBeLessThanOrEqual(1110)
  })

  it('leaves terminal closes and local disconnects alone', () => {
    const p = new FakeProvider()
    addReconnectJitter(p, { spreadMs: 1000 })
    p.emitClose(4401)
    p.emitClose(null)
    expect(p.shouldConnect).toBe(true)
    vi.advanceTimersByTime(5000)
    expect(p.connects).toBe(0)
  })

  it('does not reconnect a provider that was disconnected on purpose', () => {
    const p = new FakeProvider()
    addReconnectJitter(p)
    p.shouldConnect = false
    p.emitClose(1012)
    vi.advanceTimersByTime(5000)
    expect(p.connects).toBe(0)
  })

  it('a disconnect while the dial waits cancels it (the app went offline)', () => {
    const p = new FakeProvider()
    addReconnectJitter(p, { spreadMs: 1000, random: () => 0.5 })
    p.emitClose(1012)
    p.disconnect()
    vi.advanceTimersByTime(5000)
    expect(p.connects).toBe(0)
    expect(p.disconnects).toBe(1)
  })

  it('a destroy while the dial waits cancels it (no socket nobody owns)', () => {
    const p = new FakeProvider()
    addReconnectJitter(p, { spreadMs: 1000, random: () => 0.5 })
    p.emitClose(1006)
    p.destroy()
    vi.advanceTimersByTime(5000)
    expect(p.connects).toBe(0)
  })

  it('an explicit connect while the dial waits connects once, not twice', () => {
    const p = new FakeProvider()
    addReconnectJitter(p, { spreadMs: 1000, random: () => 0.5 })
    p.emitClose(1012)
    p.connect()
    vi.advanceTimersByTime(5000)
    expect(p.connects).toBe(1)
  })
})
