// `pnpm chaos` and `pnpm soak` (scripts/chaos.mjs runs this with tsx):
//
//   SEED=123 pnpm chaos                 replay one seed, printing every event as it happens
//   pnpm chaos --seeds 1-500            run a range of seeds
//   pnpm soak --duration 600            run seeds for ten minutes, then print a summary
//
// Options: --concurrency <n> (seeds at once, default 12), --from <seed> (soak's first seed;
// default: random, printed). Exit code 0 only when no seed failed.
import { ServerProcess } from '../helpers/server.js'
import { CHAOS_SERVER_ENV, runSeed, type SeedResult } from './run.js'
import { ownsServer } from './schedule.js'
import { Totals } from './totals.js'

process.setMaxListeners(0)

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const soak = process.argv.includes('soak')
const concurrency = Number(arg('concurrency') ?? 12)

const totals = new Totals()

function record(r: SeedResult): void {
  totals.add(r)
  if (!r.ok) console.error(`\n${r.failure}\n`)
}

/** Runs seeds from `next()` with `concurrency` at a time until it returns null. */
async function pool(next: () => number | null, shared: ServerProcess): Promise<void> {
  const worker = async () => {
    for (let seed = next(); seed !== null; seed = next()) {
      const r = await runSeed(seed, ownsServer(seed) ? {} : { shared })
      record(r)
      const status = r.ok ? 'ok' : 'FAILED'
      console.error(
        `seed ${seed} ${status} (${r.ms} ms, ${r.ops} ops, ${r.serverRestarts} server restarts)`,
      )
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

function printSummary(ms: number): void {
  console.log(totals.lines(ms).join('\n'))
}

const t0 = performance.now()
const single = process.env.SEED ?? arg('seed')
if (single !== undefined) {
  const seed = Number(single)
  let shared: ServerProcess | undefined
  if (!ownsServer(seed)) shared = await new ServerProcess({ env: CHAOS_SERVER_ENV }).start()
  const r = await runSeed(seed, { shared, verbose: true })
  await shared?.dispose()
  record(r)
  console.error(r.ok ? `seed ${seed} ok (${r.ms} ms)` : '')
  printSummary(performance.now() - t0)
} else {
  const shared = await new ServerProcess({ env: CHAOS_SERVER_ENV }).start()
  if (soak) {
    const duration = Number(arg('duration') ?? 60)
    const from = Number(arg('from') ?? Math.floor(Math.random() * 1_000_000) * 10)
    console.error(`soak: ${duration} s from seed ${from}, ${concurrency} at a time`)
    const deadline = Date.now() + duration * 1000
    let seed = from
    await pool(() => (Date.now() < deadline ? seed++ : null), shared)
  } else {
    const [a, b] = (arg('seeds') ?? '1-200').split('-').map(Number)
    let seed = a!
    await pool(() => (seed <= (b ?? a!) ? seed++ : null), shared)
  }
  await shared.dispose()
  printSummary(performance.now() - t0)
}
process.exit(totals.failed.length ? 1 : 0)
