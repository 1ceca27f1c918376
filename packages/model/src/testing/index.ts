// @kickoff/model/testing: helpers for tests of anything built on the model (property tests here,
// the chaos harness against the real server). Needs fast-check, which only tests install.
export { createRng } from './rng.js'
export type { Rng } from './rng.js'
export { DocNetwork, NETWORK_ORIGIN } from './network.js'
export type { Peer } from './network.js'
export { applyOp, applyRandomOp, randomOp } from './ops.js'
export type { ModelOp, OpName, OpResult, RandomOpOptions } from './ops.js'
export {
  allViews,
  assertConverged,
  canonicalJson,
  checkTallyInvariants,
  docJson,
} from './invariants.js'
export { SCENARIO_ACTORS, SCENARIO_START, formatLog, runScenario } from './scenario.js'
export type { Scenario, ScenarioRun, Step } from './scenario.js'
export { rngArbitrary, scenarioArbitrary, stepArbitrary } from './arbitraries.js'
export type { ScenarioArbitraryOptions } from './arbitraries.js'
export {
  FACILITATOR,
  OTHER,
  PARTICIPANT,
  T0,
  VIEWER,
  as,
  newKickoff,
  replica,
  sampleKickoff,
  sync,
} from './fixtures.js'
