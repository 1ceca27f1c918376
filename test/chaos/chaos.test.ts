import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerProcess } from '../helpers/server.js'
import { connectClient, type Client } from '../helpers/clients.js'
import { waitFor } from '../helpers/wait.js'
import * as Y from 'yjs'
import { PINNED } from './pinned.js'
import { CHAOS_SERVER_ENV, runSeed, sameState, type SeedResult } from './run.js'
import { CI_SEEDS, ownsServer } from './schedule.js'
import { Totals } from './totals.js'

/**
 * The chaos suite, part 1: seeds 1…CHAOS_SEEDS (200 by default) that share one server process,
 * each in its own room, CHAOS_CONCURRENCY at a time (chaos-own.test.ts runs the seeds that own
 * and kill their server), then the pinned seeds, then one check across all of them: after a
 * SIGTERM and a restart, every room holds exactly its final state. A failure prints the seed,
 * the command that replays it (`SEED=<n> pnpm chaos`) and the event log.
 */
process.setMaxListeners(0)

const server = new ServerProcess({ env: CHAOS_SERVER_ENV })
const finals: SeedResult[] = []
const totals = new Totals()

beforeAll(async () => {
  await server.start()
})
afterAll(async () => {
  await server.dispose()
})

async function check(seed: number): Promise<void> {
  const r = await runSeed(seed, ownsServer(seed) ? {} : { shared: server })
  totals.add(r)
  if (!r.ok) throw new Error(r.failure ?? `seed ${seed} failed`)
  if (!ownsServer(seed)) finals.push(r)
}

describe('chaos: seeds sharing one server', () => {
  for (let seed = 1; seed <= CI_SEEDS; seed++) {
    if (ownsServer(seed)) continue
    it.concurrent(`seed ${seed}`, () => check(seed))
  }
})

describe('chaos: pinned seeds', () => {
  for (const { seed, found } of PINNED)
    it.concurrent(`pinned seed ${seed}: ${found}`, () => check(seed))
})

describe('chaos: after all seeds', () => {
  it('the seeds really exercised every kind of fault', () => {
    // A harness whose faults never fire proves nothing: check that they did.
    const f = totals.faults
    const n = totals.seeds
    expect(totals.failed.map((r) => r.seed)).toEqual([])
    expect(f.offline ?? 0).toBeGreaterThan(n / 2)
    expect(f.drop ?? 0).toBeGreaterThan(n / 4)
    expect(totals.cutsFired).toBeGreaterThan(n / 4)
    expect(f.blackout ?? 0).toBeGreaterThan(n / 8)
    expect(totals.clientRestarts).toBeGreaterThan(n / 4)
    expect(f.malformed ?? 0).toBeGreaterThan(n / 40)
    expect(totals.offlineOps).toBeGreaterThan(n * 2)
  })

  it('SIGTERM stores every room: after a restart each holds exactly its final state', async () => {
    expect(finals.length).toBeGreaterThan(0)
    expect(await server.stop()).toBe(0)
    await server.start()
    const missing: string[] = []
    // A few rooms at a time: each load is a LevelDB read and a sync.
    for (let i = 0; i < finals.length; i += 20) {
      await Promise.all(
        finals.slice(i, i + 20).map(async (r) => {
          const c: Client = connectClient(server.wsUrl, r.roomId, r.viewerToken)
          try {
            const expected = new Y.Doc()
            Y.applyUpdate(expected, r.finalState!)
            const ok = await waitFor(() => c.provider.synced && sameState(c.doc, expected), {
              what: `room of seed ${r.seed}`,
            }).catch(() => false)
            if (!ok) missing.push(`seed ${r.seed}`)
            expected.destroy()
          } finally {
            c.destroy()
          }
        }),
      )
    }
    expect(missing).toEqual([])
  })
})
