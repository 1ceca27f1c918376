import * as Y from 'yjs'
import type { Rng } from './rng.js'

/**
 * A deterministic in-memory network of Y.Docs: every local update is queued for every other
 * peer, and the test decides what arrives when. Messages can be delivered in any order, dropped,
 * or delivered again; settle() then delivers what is left and repairs drops the way a reconnect
 * does (a state-vector sync), after which all peers must hold the same state.
 */

/** Transaction origin of updates applied by the network, so they are not re-broadcast. */
export const NETWORK_ORIGIN = Symbol('kickoff-test-network')

export interface Peer {
  index: number
  doc: Y.Doc
  /** Updates sent to this peer and not yet delivered (or dropped). */
  inbox: Uint8Array[]
  /** Updates already delivered, kept so they can be delivered again. */
  delivered: Uint8Array[]
}

export class DocNetwork {
  readonly peers: Peer[]
  /** Counts of what happened, for logs. */
  readonly stats = { sent: 0, delivered: 0, dropped: 0, redelivered: 0 }

  /**
   * `clientIds` pins each doc's Yjs client id (by default 1…n) so that a run replays exactly:
   * concurrent writes to one field are resolved by client id.
   */
  constructor(count: number, opts: { clientIds?: number[] } = {}) {
    this.peers = Array.from({ length: count }, (_, index) => {
      const doc = new Y.Doc()
      doc.clientID = opts.clientIds?.[index] ?? index + 1
      return { index, doc, inbox: [], delivered: [] }
    })
    for (const peer of this.peers)
      peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === NETWORK_ORIGIN) return
        for (const other of this.peers)
          if (other !== peer) {
            other.inbox.push(update)
            this.stats.sent++
          }
      })
  }

  get docs(): Y.Doc[] {
    return this.peers.map((p) => p.doc)
  }

  /** Delivers one queued message to `peer` (a random one of its inbox); false when empty. */
  deliver(peer: number, rng: Rng): boolean {
    const p = this.peers[peer]!
    if (p.inbox.length === 0) return false
    const [update] = p.inbox.splice(rng.int(0, p.inbox.length - 1), 1)
    Y.applyUpdate(p.doc, update!, NETWORK_ORIGIN)
    p.delivered.push(update!)
    this.stats.delivered++
    return true
  }

  /** Loses one queued message to `peer`. */
  drop(peer: number, rng: Rng): boolean {
    const p = this.peers[peer]!
    if (p.inbox.length === 0) return false
    p.inbox.splice(rng.int(0, p.inbox.length - 1), 1)
    this.stats.dropped++
    return true
  }

  /** Delivers again a message `peer` already received (duplicates must be harmless). */
  redeliver(peer: number, rng: Rng): boolean {
    const p = this.peers[peer]!
    if (p.delivered.length === 0) return false
    Y.applyUpdate(p.doc, rng.pick(p.delivered), NETWORK_ORIGIN)
    this.stats.redelivered++
    return true
  }

  /**
   * Delivers everything still queued, then syncs every pair by state vector (repairing drops).
   * What is queued arrives merged into one update per peer: Yjs merges are order-independent, and
   * applying hundreds of small updates behind a dropped one is slow (each retries the pending
   * ones); delivery in random order is what the deliver steps are for.
   */
  settle(): void {
    for (const p of this.peers) {
      if (p.inbox.length === 0) continue
      Y.applyUpdate(p.doc, Y.mergeUpdates(p.inbox), NETWORK_ORIGIN)
      this.stats.delivered += p.inbox.length
      p.inbox.length = 0
    }
    for (const from of this.peers)
      for (const to of this.peers)
        if (from !== to)
          Y.applyUpdate(
            to.doc,
            Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)),
            NETWORK_ORIGIN,
          )
    for (const p of this.peers) p.inbox.length = 0
  }

  destroy(): void {
    for (const p of this.peers) p.doc.destroy()
  }
}
