import { describe, expect, it } from 'vitest'
import { needsLicenseKey } from './license'

describe('needsLicenseKey', () => {
  it.each([
    ['http:', 'kickoff.example.com', false],
    ['http:', '10.0.0.5', false],
    ['https:', 'localhost', false],
    ['https:', '127.0.0.1', false],
    ['https:', '127.10.0.1', false],
    ['https:', '[::1]', false],
    ['https:', 'kickoff.example.com', true],
    ['https:', '192.168.1.20', true],
    ['https:', 'board.localhost', true],
    ['https:', 'localhost.example.com', true],
  ])('%s//%s → %s', (protocol, hostname, expected) => {
    expect(needsLicenseKey({ protocol, hostname })).toBe(expected)
  })
})
