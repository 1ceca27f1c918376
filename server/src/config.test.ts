import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

describe('config', () => {
  it('has a default for every setting', () => {
    const c = loadConfig({})
    expect(c.MAX_MESSAGE_BYTES).toBe(8 * 1024 * 1024)
    expect(c.BATCH_INTERVAL_MS).toBe(16)
    expect(c.STORAGE_FSYNC).toBe(true)
    expect(c.TRUST_PROXY).toBe(false)
  })

  it('reads numbers and booleans from strings', () => {
    const c = loadConfig({
      MAX_CONNECTIONS_PER_ROOM: '10',
      STORAGE_FSYNC: 'false',
      TRUST_PROXY: '1',
    })
    expect(c.MAX_CONNECTIONS_PER_ROOM).toBe(10)
    expect(c.STORAGE_FSYNC).toBe(false)
    expect(c.TRUST_PROXY).toBe(true)
  })

  it.each([
    [{ MAX_MESSAGE_BYTES: 'lots' }, 'MAX_MESSAGE_BYTES'],
    [{ MAX_CONNECTIONS_PER_ROOM: '0' }, 'MAX_CONNECTIONS_PER_ROOM'],
    [{ STORAGE_FSYNC: 'maybe' }, 'STORAGE_FSYNC'],
    [{ PRESENCE_RENEW_INTERVAL_MS: '20000' }, 'PRESENCE_RENEW_INTERVAL_MS'],
    [{ BATCH_INTERVAL_MS: '50' }, 'BATCH_MAX_INTERVAL_MS'],
  ])('refuses %j naming the setting', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name)
  })
})
