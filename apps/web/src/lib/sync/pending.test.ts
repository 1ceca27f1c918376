import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { isSyncStep2Frame, PendingChanges, syncStep1Frame } from './pending'

function tracker(initial = 0) {
  let saved = initial
  const changes: [number, boolean][] = []
  const probes: number[] = []
  const pending = new PendingChanges(
    { load: () => saved, save: (n) => (saved = n) },
    (n, confirmed) => changes.push([n, confirmed]),
  )
  const sendProbe = () => probes.push(pending.count)
  return { pending, sendProbe, probes, changes, saved: () => saved }
}

describe('PendingChanges', () => {
  it('counts edits made before the link is confirmed and clears them when a probe is answered', () => {
    const t = tracker()
    t.pending.localUpdate()
    t.pending.localUpdate()
    expect(t.pending.count).toBe(2)
    expect(t.saved()).toBe(2)
    t.pending.linkSynced(t.sendProbe)
    expect(t.probes).toEqual([2])
    expect(t.pending.count).toBe(2)
    t.pending.probeAnswered(t.sendProbe)
    expect(t.pending.count).toBe(0)
    expect(t.pending.confirmed).toBe(true)
    expect(t.saved()).toBe(0)
  })

  it('does not count edits made while the link is confirmed', () => {
    const t = tracker()
    t.pending.linkSynced(t.sendProbe)
    expect(t.probes).toEqual([])
    expect(t.pending.confirmed).toBe(true)
    t.pending.localUpdate()
    expect(t.pending.count).toBe(0)
  })

  it('sends another probe when edits happen while one is out', () => {
    const t = tracker()
    t.pending.localUpdate()
    t.pending.linkSynced(t.sendProbe)
    t.pending.localUpdate()
    t.pending.probeAnswered(t.sendProbe)
    expect(t.probes).toHaveLength(2)
    expect(t.pending.count).toBe(2)
    expect(t.pending.confirmed).toBe(false)
    t.pending.probeAnswered(t.sendProbe)
    expect(t.pending.count).toBe(0)
  })

  it('ignores an answer when no probe is out, and a lost link forgets the probe', () => {
    const t = tracker()
    t.pending.localUpdate()
    t.pending.probeAnswered(t.sendProbe)
    expect(t.pending.count).toBe(1)
    t.pending.linkSynced(t.sendProbe)
    t.pending.linkLost()
    t.pending.probeAnswered(t.sendProbe)
    expect(t.pending.count).toBe(1)
    expect(t.pending.confirmed).toBe(false)
  })

  it('starts from the stored count (edits kept offline across a reload)', () => {
    const t = tracker(5)
    expect(t.pending.count).toBe(5)
    t.pending.linkSynced(t.sendProbe)
    t.pending.probeAnswered(t.sendProbe)
    expect(t.pending.count).toBe(0)
  })

  it('treats a garbage stored count as zero', () => {
    const pending = new PendingChanges({ load: () => Number('x'), save: () => {} }, () => {})
    expect(pending.count).toBe(0)
  })
})

describe('probe frames', () => {
  it('a probe is a sync step 1 that a y-protocols peer answers with a sync step 2', () => {
    const client = new Y.Doc()
    const server = new Y.Doc()
    server.getText('t').insert(0, 'hello')
    const probe = syncStep1Frame(client)
    expect(isSyncStep2Frame(probe)).toBe(false)
    // What any y-websocket server does with it: read the sync message, answer in the encoder.
    const answer = encoding.createEncoder()
    encoding.writeVarUint(answer, 0)
    const decoder = decoding.createDecoder(probe)
    expect(decoding.readVarUint(decoder)).toBe(0)
    syncProtocol.readSyncMessage(decoder, answer, server, null)
    expect(isSyncStep2Frame(encoding.toUint8Array(answer))).toBe(true)
  })

  it('other frames are not answers', () => {
    const update = encoding.createEncoder()
    encoding.writeVarUint(update, 0)
    syncProtocol.writeUpdate(update, new Uint8Array([0, 0]))
    expect(isSyncStep2Frame(encoding.toUint8Array(update))).toBe(false)
    expect(isSyncStep2Frame(new Uint8Array([1, 2, 3]))).toBe(false)
    expect(isSyncStep2Frame(new Uint8Array([]))).toBe(false)
  })
})
