import * as Y from 'yjs'
import { ROOT, type Actor } from '@kickoff/model'
import { allViews, docJson, type ModelOp, type OpResult } from '@kickoff/model/testing'

/**
 * The ledger of a chaos run: every update any client authored (local transactions only, per
 * incarnation), grouped by the model operation that produced it, and the proofs that none of it
 * is missing from a final state. Pure functions over Y.Docs and updates, with no network: they
 * are unit-tested on their own (ledger.test.ts), including that they catch a lost update.
 */

export interface OpEntry {
  /** Position in the run's event log. */
  event: number
  client: number
  /** The Yjs client id of the incarnation that made it. */
  clientID: number
  op: ModelOp
  result: OpResult
  /** What the op wrote (all local updates during it, merged), or null when it wrote nothing. */
  update: Uint8Array | null
}

/** Half-open clock ranges per Yjs client id, sorted and merged. */
export type Ranges = Map<number, [number, number][]>

export function addRange(r: Ranges, client: number, start: number, end: number): void {
  if (end <= start) return
  let list = r.get(client)
  if (!list) r.set(client, (list = []))
  list.push([start, end])
}

export function normalize(r: Ranges): Ranges {
  for (const [client, list] of r) {
    list.sort((a, b) => a[0] - b[0])
    const out: [number, number][] = []
    for (const [s, e] of list) {
      const last = out[out.length - 1]
      if (last && s <= last[1]) last[1] = Math.max(last[1], e)
      else out.push([s, e])
    }
    r.set(client, out)
  }
  return r
}

/** The parts of [start, end) of `client` that `r` (normalized) does not cover. */
export function uncovered(
  r: Ranges,
  client: number,
  start: number,
  end: number,
): [number, number][] {
  const gaps: [number, number][] = []
  let at = start
  for (const [s, e] of r.get(client) ?? []) {
    if (e <= at) continue
    if (s >= end) break
    if (s > at) gaps.push([at, Math.min(s, end)])
    at = Math.max(at, e)
    if (at >= end) break
  }
  if (at < end) gaps.push([at, end])
  return gaps
}

/** What an update inserts (struct ranges) and deletes (its delete set), as ranges. */
export function contentOf(update: Uint8Array): { inserts: Ranges; deletes: Ranges } {
  const { structs, ds } = Y.decodeUpdate(update)
  const inserts: Ranges = new Map()
  for (const s of structs) {
    if (s instanceof Y.Skip) continue
    addRange(inserts, s.id.client, s.id.clock, s.id.clock + s.length)
  }
  const deletes: Ranges = new Map()
  for (const [client, items] of ds.clients)
    for (const d of items) addRange(deletes, client, d.clock, d.clock + d.len)
  return { inserts: normalize(inserts), deletes: normalize(deletes) }
}

/** The final state, as ranges: everything it holds (state vector) and everything it deleted. */
export function stateOf(doc: Y.Doc): { holds: Ranges; deleted: Ranges } {
  const holds: Ranges = new Map()
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc)))
    addRange(holds, client, 0, clock)
  const deleted: Ranges = new Map()
  for (const [client, items] of Y.createDeleteSetFromStructStore(doc.store).clients)
    for (const d of items) addRange(deleted, client, d.clock, d.clock + d.len)
  return { holds: normalize(holds), deleted: normalize(deleted) }
}

function fmt(client: number, gaps: [number, number][]): string {
  return gaps.map(([s, e]) => `${client}:${s}..${e - 1}`).join(', ')
}

export interface Incarnation {
  client: number
  clientID: number
  /** The incarnation's own clock when it was last seen (its next clock). */
  clock: number
}

export interface LossReport {
  /** One line per problem found; empty when nothing is missing. */
  problems: string[]
  /** Ops whose writes were checked (those that wrote something). */
  checkedOps: number
}

/**
 * Proves that `final` holds every write any client made:
 *
 * 1. Every incarnation's own Yjs range (clientID, 0 … its last clock) is covered by the final
 *    state vector.
 * 2. Every op's update: each inserted range is covered by the final state vector, and each range
 *    it deleted is deleted in the final delete set. A failure names the op.
 * 3. The final state is exactly the CRDT merge of the starting state and everything the clients
 *    authored (the oracle): same state vector, same delete set, same JSON, same views. So nothing
 *    was lost, nothing was deleted that no client deleted, and nothing appeared that no client
 *    wrote. Writes that lost to a concurrent one lost the same way in the oracle: that is what
 *    "legitimately superseded" means for a CRDT.
 * 4. Each created entry (a team, a risk, a dot… with its id) is in the final board, unless an op
 *    in the log removed it (or the vote was reset, for dots): the same fact at the level of the
 *    model's operations.
 */
export function proveNothingLost(opts: {
  final: Y.Doc
  start: Uint8Array
  ops: readonly OpEntry[]
  authored: readonly Uint8Array[]
  incarnations: readonly Incarnation[]
  now: Date
  viewers: readonly string[]
}): LossReport {
  const { final, ops } = opts
  const problems: string[] = []
  const state = stateOf(final)

  for (const inc of opts.incarnations) {
    const gaps = uncovered(state.holds, inc.clientID, 0, inc.clock)
    if (gaps.length)
      problems.push(
        `client ${inc.client} (incarnation ${inc.clientID}) wrote clocks the final state lacks: ${fmt(inc.clientID, gaps)}`,
      )
  }

  let checkedOps = 0
  for (const e of ops) {
    if (!e.update) continue
    checkedOps++
    const { inserts, deletes } = contentOf(e.update)
    const missing: string[] = []
    for (const [client, list] of inserts)
      for (const [s, end] of list) {
        const gaps = uncovered(state.holds, client, s, end)
        if (gaps.length) missing.push(`inserts ${fmt(client, gaps)}`)
      }
    for (const [client, list] of deletes)
      for (const [s, end] of list) {
        const gaps = uncovered(state.deleted, client, s, end)
        if (gaps.length) missing.push(`deletions ${fmt(client, gaps)}`)
      }
    if (missing.length)
      problems.push(
        `#${e.event} client ${e.client} ${e.op.name}(${JSON.stringify(e.op.args)}) is missing: ${missing.join('; ')}`,
      )
  }

  problems.push(...compareWithOracle(final, opts.start, opts.authored, opts.now, opts.viewers))
  problems.push(...checkCreations(final, ops))
  return { problems, checkedOps }
}

/** The starting state plus everything authored, merged: what the final state must be. */
export function oracleOf(start: Uint8Array, authored: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.mergeUpdates([start, ...authored]))
  return doc
}

function compareWithOracle(
  final: Y.Doc,
  start: Uint8Array,
  authored: readonly Uint8Array[],
  now: Date,
  viewers: readonly string[],
): string[] {
  const oracle = oracleOf(start, authored)
  try {
    const problems: string[] = []
    const a = stateOf(final)
    const b = stateOf(oracle)
    for (const [what, mine, theirs] of [
      ['holds items no client wrote', a.holds, b.holds],
      ['lacks items the clients wrote', b.holds, a.holds],
      ['deleted what no client deleted', a.deleted, b.deleted],
      ['kept what the clients deleted', b.deleted, a.deleted],
    ] as const) {
      for (const [client, list] of mine)
        for (const [s, e] of list) {
          const gaps = uncovered(theirs, client, s, e)
          if (gaps.length) problems.push(`the final state ${what}: ${fmt(client, gaps)}`)
        }
    }
    if (problems.length === 0) {
      if (docJson(final) !== docJson(oracle))
        problems.push('the final JSON differs from the merge of everything the clients wrote')
      else if (
        JSON.stringify(allViews(final, now, viewers)) !==
        JSON.stringify(allViews(oracle, now, viewers))
      )
        problems.push('the final views differ from the views of the merge of all writes')
    }
    return problems
  } finally {
    oracle.destroy()
  }
}

/**
 * Ops that create an entry under an id they choose, and the ops (`name:id`) that may remove it,
 * cascades included: removing a team removes its members and the dependencies from or to it.
 */
const CREATES: Partial<
  Record<ModelOp['name'], { key: string; removedBy: (input: Input) => string[] }>
> = {
  addTeam: { key: ROOT.teams, removedBy: (i) => [`removeTeam:${i.id}`] },
  addPerson: { key: ROOT.people, removedBy: () => [] },
  addMember: {
    key: ROOT.members,
    removedBy: (i) => [`removeMember:${i.id}`, `removeTeam:${String(i.teamId)}`],
  },
  addMilestone: { key: ROOT.milestones, removedBy: (i) => [`removeMilestone:${i.id}`] },
  addDependency: {
    key: ROOT.dependencies,
    removedBy: (i) => [
      `removeDependency:${i.id}`,
      `removeTeam:${String(i.from)}`,
      `removeTeam:${String(i.to)}`,
    ],
  },
  addRisk: { key: ROOT.risks, removedBy: (i) => [`removeRisk:${i.id}`] },
  addLens: { key: ROOT.lenses, removedBy: (i) => [`removeLens:${i.id}`] },
  addMeasure: { key: ROOT.purposeMeasures, removedBy: (i) => [`removeMeasure:${i.id}`] },
}

type Input = Record<string, unknown> & { id: string }

function createdInput(op: ModelOp): Input | null {
  const input = op.args[0]
  if (input && typeof input === 'object' && typeof (input as { id?: unknown }).id === 'string')
    return input as Input
  return null
}

/**
 * Model-level check: every entry an op created (successfully) is on the final board, unless an
 * op in the log removed that very id. Dots have no id in the op (castDot picks one), so they are
 * found in the op's update: the keys it set in the dots map; they may be removed by removeDot,
 * castDot (which takes back the caster's rejected dots), withdrawing by abstaining, or a reset.
 */
function checkCreations(final: Y.Doc, ops: readonly OpEntry[]): string[] {
  const problems: string[] = []
  const removedIds = new Set<string>()
  for (const e of ops)
    if (e.result.ok && typeof e.op.args[0] === 'string')
      removedIds.add(`${e.op.name}:${e.op.args[0]}`)
  const dotRemovers = new Set(
    ops
      .filter(
        (e) =>
          e.result.ok && ['removeDot', 'castDot', 'abstain', 'resetVoting'].includes(e.op.name),
      )
      .map((e) => personOf(e.op.actor) + (e.op.name === 'resetVoting' ? ':all' : '')),
  )
  const resetAll = [...dotRemovers].some((x) => x.endsWith(':all'))
  for (const e of ops) {
    if (!e.result.ok) continue
    const spec = CREATES[e.op.name]
    if (spec) {
      const input = createdInput(e.op)
      if (!input) continue
      const id = input.id
      if (final.getMap(spec.key).has(id)) continue
      if (spec.removedBy(input).some((r) => removedIds.has(r))) continue
      problems.push(
        `#${e.event} client ${e.client} ${e.op.name} created ${spec.key}/${id}: not on the final board and no op removed it`,
      )
    } else if (e.op.name === 'castDot' && e.update) {
      const dots = final.getMap(ROOT.dots)
      for (const key of mapKeysSet(e.update, ROOT.dots)) {
        if (dots.has(key)) continue
        if (resetAll || dotRemovers.has(personOf(e.op.actor))) continue
        problems.push(
          `#${e.event} client ${e.client} castDot created dots/${key}: not on the final board and no op removed it`,
        )
      }
    }
  }
  return problems
}

function personOf(actor: Actor): string {
  return actor.personId
}

/** Keys of the top-level map `root` that an update sets (a decoded item names a root parent by its key). */
export function mapKeysSet(update: Uint8Array, root: string): string[] {
  const keys: string[] = []
  for (const s of Y.decodeUpdate(update).structs)
    if (s instanceof Y.Item && (s.parent as unknown) === root && typeof s.parentSub === 'string')
      keys.push(s.parentSub)
  return keys
}
