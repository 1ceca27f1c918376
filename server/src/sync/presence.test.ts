import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { encodePresence, type PresenceEntry } from './messages/awareness.js'
import { readFrame } from './messages/frame.js'
import { PresenceStore } from './presence.js'

const a = { name: 'a' }
const b = { name: 'b' }
const e = (clientId: number, clock: number, state: unknown): PresenceEntry => ({
  clientId,
  clock,
  state: JSON.stringify(state),
})

describe('PresenceStore', () => {
  it('tells changes from renewals (same state, higher clock)', () => {
    let t = 0
    const p = new PresenceStore(() => t)
    expect(p.apply([e(1, 1, { x: 1 })], a)).toEqual({ changed: [1], renewed: [] })
    t = 15_000
    expect(p.apply([e(1, 2, { x: 1 })], a)).toEqual({ changed: [], renewed: [1] })
    expect(p.apply([e(1, 3, { x: 2 })], a)).toEqual({ changed: [1], renewed: [] })
    expect(p.entries([1])).toEqual([e(1, 3, { x: 2 })])
  })

  it('ignores stale clocks, and an equal clock unless it removes', () => {
    const p = new PresenceStore(() => 0)
    p.apply([e(1, 5, { x: 1 })], a)
    expect(p.apply([e(1, 4, { x: 9 })], a)).toEqual({ changed: [], renewed: [] })
    expect(p.apply([e(1, 5, { x: 9 })], a)).toEqual({ changed: [], renewed: [] })
    expect(p.apply([e(1, 5, null)], a)).toEqual({ changed: [1], renewed: [] })
    expect(p.snapshot()).toEqual([])
    // Like y-protocols, a brand-new client at clock 0 is not accepted.
    expect(p.apply([e(2, 0, { x: 1 })], a)).toEqual({ changed: [], renewed: [] })
  })

  it('counts what a connection owns, not the echoes of other states it sends back', () => {
    const p = new PresenceStore(() => 0)
    p.apply([e(1, 3, { x: 1 })], a)
    p.apply([e(2, 1, { y: 1 })], b)
    // A stock client re-broadcasts every change it receives: b echoes a's state at its clock.
    expect(p.ownedAfter(b, [e(1, 3, { x: 1 }), e(2, 2, { y: 1 })])).toBe(1)
    p.apply([e(1, 3, { x: 1 }), e(2, 2, { y: 1 })], b)
    expect(p.ownedBy(a)).toEqual([1])
    expect(p.ownedAfter(a, [])).toBe(1)
    // A new id, and a removal of its own, count; the same id twice counts once.
    expect(p.ownedAfter(b, [e(9, 1, { z: 1 }), e(9, 2, { z: 2 })])).toBe(2)
    expect(p.ownedAfter(b, [e(2, 2, null)])).toBe(0)
  })

  it('keeps the per-owner counts in step through leaving and expiry', () => {
    let t = 0
    const p = new PresenceStore(() => t)
    p.apply([e(1, 1, {}), e(2, 1, {})], a)
    expect(p.ownedAfter(a, [])).toBe(2)
    // b takes over client 2 with a newer clock: it is b's now.
    p.apply([e(2, 2, {})], b)
    expect(p.ownedAfter(a, [])).toBe(1)
    expect(p.ownedAfter(b, [])).toBe(1)
    p.removeOwnedBy(a)
    expect(p.ownedAfter(a, [])).toBe(0)
    t = 31_000
    p.expire()
    expect(p.ownedAfter(b, [])).toBe(0)
  })

  it('removes what a member owns when it leaves, and only that', () => {
    const p = new PresenceStore(() => 0)
    p.apply([e(1, 1, {}), e(2, 1, {})], a)
    p.apply([e(3, 1, {})], b)
    // A reconnect may publish the same client id from a new connection: it takes it over.
    p.apply([e(2, 2, { back: true })], b)
    expect(p.removeOwnedBy(a).sort()).toEqual([1])
    expect(
      p
        .snapshot()
        .map((x) => x.clientId)
        .sort(),
    ).toEqual([2, 3])
    expect(p.entries([1])).toEqual([e(1, 1, null)])
  })

  it('expires states not renewed for 30 s and later forgets them', () => {
    let t = 0
    const p = new PresenceStore(() => t)
    p.apply([e(1, 1, {}), e(2, 1, {})], a)
    t = 20_000
    p.apply([e(2, 2, {})], a)
    t = 30_000
    expect(p.expire()).toEqual([1])
    expect(p.size).toBe(1)
    t = 90_000
    expect(p.expire()).toEqual([2])
    t = 150_001
    p.expire()
    expect(p.entries([1, 2])).toEqual([])
  })

  it('forwards what a y-protocols Awareness accepts, with the same result', () => {
    // A stock client's awareness, its updates applied to the store and to a reference Awareness:
    // whatever the store forwards, applied to a third Awareness, gives the same states.
    const clientDoc = new Y.Doc()
    const client = new awarenessProtocol.Awareness(clientDoc)
    const reference = new awarenessProtocol.Awareness(new Y.Doc())
    const receiver = new awarenessProtocol.Awareness(new Y.Doc())
    const store = new PresenceStore(() => 0)
    const forward = (update: Uint8Array) => {
      awarenessProtocol.applyAwarenessUpdate(reference, update, 'test')
      const { changed, renewed } = store.apply(readEntries(update), a)
      const ids = [...changed, ...renewed]
      if (ids.length > 0) {
        awarenessProtocol.applyAwarenessUpdate(receiver, encodePresence(store.entries(ids)), 'x')
      }
    }
    client.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      forward(
        awarenessProtocol.encodeAwarenessUpdate(client, [...added!, ...updated!, ...removed!]),
      )
    })
    client.setLocalStateField('user', { name: 'Ada' })
    client.setLocalStateField('cursor', { x: 1 })
    client.setLocalState(client.getLocalState()) // a renewal
    client.setLocalStateField('cursor', { x: 2 })
    expect(receiver.getStates().get(clientDoc.clientID)).toEqual(
      reference.getStates().get(clientDoc.clientID),
    )
    client.setLocalState(null)
    expect(receiver.getStates().has(clientDoc.clientID)).toBe(false)
    expect(reference.getStates().has(clientDoc.clientID)).toBe(false)
    for (const x of [client, reference, receiver]) x.destroy()
  })
})

/** Reads an awareness payload the way the server does (through the frame reader). */
function readEntries(payload: Uint8Array): PresenceEntry[] {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, payload)
  const f = readFrame(encoding.toUint8Array(e))
  if (f.kind !== 'awareness') throw new Error('not awareness')
  return f.entries
}
