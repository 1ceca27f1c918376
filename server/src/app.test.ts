import { afterEach, describe, expect, it } from 'vitest'
import { createKickoffServer, type KickoffServer } from './app.js'
import { loadConfig } from './config.js'
import { createLogger } from './log.js'
import { MemoryStorage } from './storage/memory.js'

let server: KickoffServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function start(env: Record<string, string> = {}) {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', WEB_BUILD_DIR: '', ...env })
  server = await createKickoffServer({
    config,
    storage: new MemoryStorage(),
    log: createLogger('silent'),
  })
  return `http://127.0.0.1:${await server.listen()}`
}

describe('GET /metrics', () => {
  it('is open by default, in Prometheus text format', async () => {
    const base = await start()
    const res = await fetch(`${base}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await res.text()
    expect(text).toMatch(/^kickoff_rooms_loaded 0$/m)
    expect(text).toMatch(/^kickoff_connections\{role="viewer"\} 0$/m)
  })

  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    const base = await start({ METRICS_TOKEN: 'scrape-me-please' })
    expect((await fetch(`${base}/metrics`)).status).toBe(401)
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    const right = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer scrape-me-please' },
    })
    expect(right.status).toBe(200)
  })
})
