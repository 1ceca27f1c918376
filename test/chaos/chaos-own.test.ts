import { describe, expect, it } from 'vitest'
import { runSeed } from './run.js'
import { CI_SEEDS, ownsServer } from './schedule.js'
import { Totals } from './totals.js'

/**
 * The chaos suite, part 2: the seeds among 1…CHAOS_SEEDS that own their server, and SIGKILL and
 * SIGTERM it at random points (each starts its own process with its own data directory). Their
 * epilogue: everyone leaves, the server is killed once it reports nothing pending (or stopped
 * with SIGTERM when it cannot tell), and a fresh client alone must load the final state.
 */
process.setMaxListeners(0)

/** Server processes starting at once: each start costs ~0.5 s of CPU on two busy cores. */
const AT_ONCE = 4
let running = 0
const queue: (() => void)[] = []
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((r) => queue.push(r))
  running++
  try {
    return await fn()
  } finally {
    running--
    queue.shift()?.()
  }
}

const totals = new Totals()

describe('chaos: seeds that kill their own server', () => {
  for (let seed = 1; seed <= CI_SEEDS; seed++) {
    if (!ownsServer(seed)) continue
    it.concurrent(`seed ${seed}`, { timeout: 170_000 }, async () => {
      const r = await slot(() => runSeed(seed))
      totals.add(r)
      if (!r.ok) throw new Error(r.failure ?? `seed ${seed} failed`)
    })
  }
})

describe('chaos: after the seeds that kill their server', () => {
  it('they really killed it, mid-run, and restarted it', () => {
    const n = totals.seeds
    expect(totals.failed.map((r) => r.seed)).toEqual([])
    expect(totals.faults.kill ?? 0).toBeGreaterThan(n / 3)
    expect(totals.faults.term ?? 0).toBeGreaterThan(n / 6)
    // Each kill or term mid-run, plus the epilogue's.
    expect(totals.serverRestarts).toBeGreaterThanOrEqual(n + (totals.faults.kill ?? 0))
  })
})
