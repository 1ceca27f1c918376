import { describe, expect, it } from 'vitest'
import { SendBound } from './backpressure.js'
import { FanoutBudget } from './budget.js'
import { isAlive, isDead } from './liveness.js'

describe('FanoutBudget', () => {
  it('lets a quiet room send at once and makes a busy one wait', () => {
    let t = 0
    const budget = new FanoutBudget(10_000, () => t) // capacity 1,000 writes
    // 50 members, a message every 10 ms: 5,000 writes/s, under budget: always at once.
    for (let i = 0; i < 100; i++, t += 10) {
      expect(budget.allows(49)).toBe(true)
      budget.charge(49)
    }
    // 1,000 members: the first message fits the burst, the next does not.
    expect(budget.allows(999)).toBe(true)
    budget.charge(999)
    expect(budget.allows(999)).toBe(false)
    t += 100 // a tenth of a second refills 1,000
    expect(budget.allows(999)).toBe(true)
  })

  it('caps the debt, so a room is quiet again soon after its load drops', () => {
    let t = 0
    const budget = new FanoutBudget(10_000, () => t)
    for (let i = 0; i < 1000; i++) budget.charge(1000)
    t += 200 // 2,000 writes refilled: from -1,000 to +1,000
    expect(budget.allows(1000)).toBe(true)
  })
})

describe('SendBound', () => {
  it('queues while the buffer is at or under the bound', () => {
    const bound = new SendBound(1000)
    expect(bound.admits(0)).toBe(true)
    expect(bound.admits(1000)).toBe(true)
    expect(bound.admits(1001)).toBe(false)
  })

  it('allows the first full sync on top until the buffer drains under the bound', () => {
    const bound = new SendBound(1000)
    expect(bound.admits(0)).toBe(true)
    bound.allowInitialSync(50_000)
    expect(bound.admits(50_500)).toBe(true)
    expect(bound.admits(51_000)).toBe(true)
    expect(bound.admits(51_001)).toBe(false)
    // Drained under the bound: the allowance is spent.
    expect(bound.admits(900)).toBe(true)
    expect(bound.admits(1001)).toBe(false)
  })
})

describe('isAlive', () => {
  const before = { heard: false, bytesRead: 100, drained: 5000 }
  it('is alive after a pong or a message', () => {
    expect(isAlive(before, { heard: true, bytesRead: 100, drained: 5000 })).toBe(true)
  })
  it('is alive while a large download drains, although no pong came back', () => {
    expect(isAlive(before, { heard: false, bytesRead: 100, drained: 70_000 })).toBe(true)
  })
  it('is alive while a large upload arrives', () => {
    expect(isAlive(before, { heard: false, bytesRead: 9000, drained: 5000 })).toBe(true)
  })
  it('is dead when nothing moved', () => {
    expect(isAlive(before, { heard: false, bytesRead: 100, drained: 5000 })).toBe(false)
    // More queued but nothing taken: still nothing moved.
    expect(isAlive(before, { heard: false, bytesRead: 100, drained: 4990 })).toBe(false)
  })
})

describe('isDead', () => {
  it('gives up after two silent heartbeats, six while bytes are still queued for the peer', () => {
    expect(isDead(1, false)).toBe(false)
    expect(isDead(2, false)).toBe(true)
    expect(isDead(5, true)).toBe(false)
    expect(isDead(6, true)).toBe(true)
  })
})
