import type { Actor } from '@kickoff/model'
import { createRng, type OpName, type Rng } from '@kickoff/model/testing'

/**
 * What a seed means: how many devices, which of them keep a local copy, how long the run is,
 * whether it owns a server it may kill, and (step by step, from the same seeded rng) which fault
 * or edit comes next. The fault schedule depends on the seed alone, never on timing, so a seed
 * replays the same sequence of faults; op contents are drawn from a second rng per event and
 * depend on the doc as the device sees it then.
 */

export type StepKind = Step['kind']

/**
 * One step of a run, as data: drawn from the seed (`drawStep`) or written by hand (the scripted
 * scenarios in faults.test.ts). Clients are indices; `steps` counts steps until the fault heals.
 */
export type Step =
  /** The device makes `count` random model operations in a row (a burst of edits). */
  | { kind: 'op'; client: number; count: number }
  | { kind: 'presence'; client: number; x: number }
  | { kind: 'pause'; ms: number }
  /** The browser's `offline` event: the app disconnects; edits go on locally. */
  | { kind: 'offline'; client: number; steps: number }
  /** The connection is reset at once (TCP RST): whatever is in flight is lost. */
  | { kind: 'drop'; client: number }
  /**
   * The connection is cut in the middle of its next chunk going `direction` (`bytes` get
   * through); then `pusher` makes an edit so that data flows through it now.
   */
  | { kind: 'cut'; client: number; direction: 'up' | 'down'; bytes: number; pusher: number }
  /** The network is unreachable: connections are reset as they open. */
  | { kind: 'blackout'; client: number; steps: number }
  /** The tab is closed and reopened (only devices with IndexedDB). */
  | { kind: 'restart'; client: number; online: boolean }
  /** A stranger in the room sends a frame no stock client sends (MALFORMED[frame]). */
  | { kind: 'malformed'; frame: number }
  | { kind: 'kill'; steps: number }
  | { kind: 'term'; steps: number }
  /** Waits until every online device is synced and all hold the same state (scripts only). */
  | { kind: 'settle' }
  /** The device makes this model operation (scripts only): `name` and `args` as in ModelOp. */
  | { kind: 'write'; client: number; name: OpName; args: unknown[] }

export interface SeedConfig {
  seed: number
  clients: number
  /** Per client: keeps a local copy in IndexedDB (and may restart). */
  persistent: boolean[]
  actors: Actor[]
  steps: number
  /** The seed owns its server and may SIGKILL / SIGTERM it. */
  ownsServer: boolean
  invalidRate: number
  garbageRate: number
}

const PEOPLE: Actor[] = [
  { personId: 'ada-facilitator', role: 'facilitator' },
  { personId: 'bo-participant', role: 'participant' },
  { personId: 'cy-participant', role: 'participant' },
  { personId: 'di-facilitator', role: 'facilitator' },
]

/** How many seeds `pnpm check` runs (CHAOS_SEEDS overrides). */
export const CI_SEEDS = Number(process.env.CHAOS_SEEDS ?? 200)

/** One seed in this many owns a server and kills it (the others share one per process). */
export const OWN_SERVER_EVERY = 8

export function ownsServer(seed: number): boolean {
  return seed % OWN_SERVER_EVERY === 0
}

export function configFor(seed: number): SeedConfig {
  const rng = createRng(seed)
  const clients = rng.int(2, 4)
  const persistent = Array.from({ length: clients }, () => rng.bool(0.75))
  // The facilitator's laptop, then people; sometimes one person on two devices (a phone and a
  // laptop), which is what the vote's budget rules across devices are for.
  const actors = Array.from({ length: clients }, (_, i) =>
    i === 0 ? PEOPLE[0]! : rng.bool(0.25) ? PEOPLE[1]! : rng.pick(PEOPLE.slice(1)),
  )
  return {
    seed,
    clients,
    persistent,
    actors,
    steps: rng.int(25, 45),
    ownsServer: ownsServer(seed),
    invalidRate: 0.1,
    garbageRate: rng.bool(0.3) ? 0.03 : 0,
  }
}

/** Steps a seed draws (settle and write are for scripts). */
type DrawnKind = Exclude<StepKind, 'settle' | 'write'>

const WEIGHTS: [DrawnKind, number, (c: SeedConfig) => boolean][] = [
  ['op', 12, () => true],
  ['presence', 1, () => true],
  ['pause', 3, () => true],
  ['offline', 1.5, () => true],
  ['drop', 1, () => true],
  ['cut', 2.5, () => true],
  ['blackout', 0.7, () => true],
  ['restart', 1.2, (c) => c.persistent.some(Boolean)],
  ['malformed', 0.3, () => true],
  ['kill', 0.9, (c) => c.ownsServer],
  ['term', 0.5, (c) => c.ownsServer],
]

/** The scheduler's rng for a seed: a different stream from the config's. */
export function scheduleRng(seed: number): Rng {
  return createRng(mix(seed, 0x5eed))
}

function pickKind(rng: Rng, cfg: SeedConfig): DrawnKind {
  const allowed = WEIGHTS.filter(([, , ok]) => ok(cfg))
  const total = allowed.reduce((s, [, w]) => s + w, 0)
  let x = rng.next() * total
  for (const [kind, w] of allowed) {
    x -= w
    if (x < 0) return kind
  }
  return 'op'
}

/** The next step of a seed's schedule: from the rng alone, never from timing or doc state. */
export function drawStep(rng: Rng, cfg: SeedConfig): Step {
  const kind = pickKind(rng, cfg)
  const client = rng.int(0, cfg.clients - 1)
  switch (kind) {
    case 'op':
      return { kind, client, count: rng.int(1, 3) }
    case 'presence':
      return { kind, client, x: rng.int(0, 1000) }
    case 'pause':
      return { kind, ms: rng.int(20, 300) }
    case 'offline':
      return { kind, client, steps: rng.int(2, 8) }
    case 'drop':
      return { kind, client }
    case 'cut': {
      const direction = rng.bool() ? 'up' : 'down'
      const bytes = rng.int(1, 40)
      const other = (client + rng.int(1, cfg.clients - 1)) % cfg.clients
      return { kind, client, direction, bytes, pusher: direction === 'up' ? client : other }
    }
    case 'blackout':
      return { kind, client, steps: rng.int(2, 6) }
    case 'restart': {
      const persistent = cfg.persistent.flatMap((p, i) => (p ? [i] : []))
      return { kind, client: rng.pick(persistent), online: rng.bool(0.8) }
    }
    case 'malformed':
      return { kind, frame: rng.int(0, 5) }
    case 'kill':
    case 'term':
      return { kind, steps: rng.int(0, 5) }
    default: {
      const never: never = kind
      throw new Error(`unknown step kind ${String(never)}`)
    }
  }
}

/** A 32-bit mix of two integers (for per-event rng seeds and client ids). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  return h >>> 0
}
