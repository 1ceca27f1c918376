import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { clientAddress, ConnectionLimits } from './limits.js'

describe('ConnectionLimits', () => {
  it('counts per room and per address and gives back on release', () => {
    const l = new ConnectionLimits({ perRoom: 2, perAddress: 3 })
    expect(l.acquire('r1', 'a')).toBe('ok')
    expect(l.acquire('r1', 'b')).toBe('ok')
    expect(l.acquire('r1', 'c')).toBe('room-full')
    expect(l.acquire('r2', 'a')).toBe('ok')
    expect(l.acquire('r3', 'a')).toBe('ok')
    expect(l.acquire('r4', 'a')).toBe('address-full')
    l.release('r1', 'a')
    expect(l.acquire('r1', 'c')).toBe('ok')
    expect(l.inRoom('r1')).toBe(2)
    expect(l.fromAddress('a')).toBe(2)
  })
})

describe('clientAddress', () => {
  const req = (remote: string, xff?: string | string[]) =>
    ({
      socket: { remoteAddress: remote },
      headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
    }) as unknown as IncomingMessage

  it('is the TCP peer unless the proxy is trusted', () => {
    expect(clientAddress(req('10.0.0.1', '1.2.3.4'), false)).toBe('10.0.0.1')
  })

  it('behind a trusted proxy, is the entry the proxy appended (the last)', () => {
    expect(clientAddress(req('10.0.0.1', 'spoofed, 1.2.3.4'), true)).toBe('1.2.3.4')
    expect(clientAddress(req('10.0.0.1', ['a', 'x, 5.6.7.8']), true)).toBe('5.6.7.8')
    expect(clientAddress(req('10.0.0.1'), true)).toBe('10.0.0.1')
  })
})
