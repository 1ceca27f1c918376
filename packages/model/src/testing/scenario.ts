import * as Y from 'yjs'
import type { Actor } from '../core/actor.js'
import { initKickoff } from '../kickoff/kickoff.js'
import { joinBoard } from '../people/people.js'
import { seedSampleKickoff } from '../sample/seed.js'
import { checkTallyInvariants } from './invariants.js'
import { DocNetwork, NETWORK_ORIGIN } from './network.js'
import { applyRandomOp, type ModelOp, type OpResult } from './ops.js'
import { createRng } from './rng.js'

/**
 * A scripted run: peers editing one kickoff through an unreliable network. Property tests
 * generate scripts with fast-check (arbitraries.ts) so failures shrink to short scripts; a script
 * replays exactly, so a failing one can be pinned as a named test.
 */

export type Step =
  /** The peer applies one random op, drawn from an rng seeded with `seed`. */
  | { t: 'op'; peer: number; seed: number }
  /** One queued message reaches the peer. */
  | { t: 'deliver'; peer: number; seed: number }
  /** One queued message to the peer is lost (settle repairs it, as a reconnect would). */
  | { t: 'drop'; peer: number; seed: number }
  /** A message the peer already has arrives again. */
  | { t: 'redeliver'; peer: number; seed: number }

export interface Scenario {
  peers: number
  steps: Step[]
  /** What the board holds before the steps: a new kickoff, or the sample kickoff. */
  start?: 'empty' | 'sample'
  invalidRate?: number
  garbageRate?: number
}

/**
 * Who acts. Two people act from every peer, so one person often writes from two devices at once,
 * which is exactly what the tally's budget and cap rules are for.
 */
export const SCENARIO_ACTORS: readonly Actor[] = [
  { personId: 'ada-facilitator', role: 'facilitator' },
  { personId: 'bo-participant', role: 'participant' },
  { personId: 'cy-participant', role: 'participant' },
  { personId: 'di-facilitator', role: 'facilitator' },
]

export const SCENARIO_START = new Date('2026-11-21T09:00:00.000Z')

export interface ScenarioRun {
  network: DocNetwork
  /** Each op with its result, in the order applied. */
  log: { step: number; peer: number; op: ModelOp; result: OpResult }[]
  /** The time the run ended, for views that take `now`. */
  now: Date
}

/** Clocks disagree a little between devices: peer i runs i×137 ms fast (or slow, for odd i). */
function clockOf(step: number, peer: number): Date {
  const skew = (peer % 2 ? -1 : 1) * peer * 137
  return new Date(SCENARIO_START.getTime() + step * 1000 + skew)
}

const starts = new Map<'empty' | 'sample', Uint8Array>()

/** The board every peer starts from (made once per kind, by a client none of the peers is). */
function startingState(kind: 'empty' | 'sample'): Uint8Array {
  let update = starts.get(kind)
  if (!update) {
    const doc = new Y.Doc()
    doc.clientID = 1000
    if (kind === 'sample') seedSampleKickoff(doc, { now: SCENARIO_START })
    else initKickoff(doc, { title: 'Property kickoff', now: SCENARIO_START })
    for (const actor of SCENARIO_ACTORS)
      joinBoard(doc, actor, { name: actor.personId.split('-')[0]! })
    update = Y.encodeStateAsUpdate(doc)
    starts.set(kind, update)
    doc.destroy()
  }
  return update
}

/**
 * Runs the script: every peer starts from the same kickoff (new, or the sample) that everyone has
 * joined, then the steps, checking the
 * tally invariants on a peer after each of its ops; finally the network settles. Throws (with the
 * op log in the message) when an invariant breaks or a write fails with something other than a
 * ModelError.
 */
export function runScenario(s: Scenario): ScenarioRun {
  const network = new DocNetwork(s.peers)
  const log: ScenarioRun['log'] = []
  const base = startingState(s.start ?? 'empty')
  for (const peer of network.peers) Y.applyUpdate(peer.doc, base, NETWORK_ORIGIN)
  s.steps.forEach((step, i) => {
    const peer = step.peer % s.peers
    const rng = createRng(step.seed)
    try {
      switch (step.t) {
        case 'op': {
          const doc = network.peers[peer]!.doc
          const { op, result } = applyRandomOp(doc, rng, {
            actors: SCENARIO_ACTORS,
            now: clockOf(i, peer),
            invalidRate: s.invalidRate ?? 0.1,
            garbageRate: s.garbageRate ?? 0,
          })
          log.push({ step: i, peer, op, result })
          checkTallyInvariants(doc)
          break
        }
        case 'deliver':
          network.deliver(peer, rng)
          break
        case 'drop':
          network.drop(peer, rng)
          break
        case 'redeliver':
          network.redeliver(peer, rng)
          break
        default: {
          const never: never = step
          throw new Error(`unknown step ${JSON.stringify(never)}`)
        }
      }
    } catch (e) {
      throw new Error(
        `step ${i} (${JSON.stringify(step)}) failed: ${(e as Error).message}\n${formatLog(log)}`,
        { cause: e },
      )
    }
  })
  network.settle()
  return { network, log, now: clockOf(s.steps.length, 0) }
}

export function formatLog(log: ScenarioRun['log']): string {
  return log
    .map(
      (l) =>
        `#${l.step} peer ${l.peer} ${l.op.actor.personId} ${l.op.name}(${JSON.stringify(l.op.args)}) → ${l.result.ok ? 'ok' : l.result.code}`,
    )
    .join('\n')
}
