import fc from 'fast-check'
import { createRng, type Rng } from './rng.js'
import type { Scenario, Step } from './scenario.js'

/**
 * fast-check arbitraries for the model's property tests and the chaos harness. Ops are drawn
 * from a seeded rng at run time (they depend on the doc's state), so what fast-check generates
 * and shrinks is the script: which peer does what, in which order.
 */

/** A seeded rng, for `applyRandomOp(doc, rng, …)` inside a property. */
export const rngArbitrary: fc.Arbitrary<Rng> = fc
  .integer({ min: 0, max: 0x7fffffff })
  .map((seed) => createRng(seed))

const seed = fc.integer({ min: 0, max: 0x7fffffff })

export function stepArbitrary(maxPeers: number): fc.Arbitrary<Step> {
  const peer = fc.nat({ max: maxPeers - 1 })
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ t: fc.constant('op' as const), peer, seed }) },
    { weight: 4, arbitrary: fc.record({ t: fc.constant('deliver' as const), peer, seed }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('drop' as const), peer, seed }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('redeliver' as const), peer, seed }) },
  )
}

export interface ScenarioArbitraryOptions {
  minPeers?: number
  maxPeers?: number
  maxSteps?: number
  invalidRate?: number
  garbageRate?: number
}

export function scenarioArbitrary(opts: ScenarioArbitraryOptions = {}): fc.Arbitrary<Scenario> {
  const maxPeers = opts.maxPeers ?? 5
  return fc.record({
    peers: fc.integer({ min: opts.minPeers ?? 3, max: maxPeers }),
    steps: fc.array(stepArbitrary(maxPeers), {
      minLength: 1,
      maxLength: opts.maxSteps ?? 80,
      size: 'max',
    }),
    start: fc.constantFrom('empty' as const, 'sample' as const),
    invalidRate: fc.constant(opts.invalidRate ?? 0.1),
    garbageRate: fc.constant(opts.garbageRate ?? 0),
  })
}
