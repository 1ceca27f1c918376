import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bringsChanges } from './readonly.js'

function synced(): [Y.Doc, Y.Doc] {
  const server = new Y.Doc()
  server.getText('t').insert(0, 'hello world')
  server.getText('t').delete(0, 6)
  const viewer = new Y.Doc()
  Y.applyUpdate(viewer, Y.encodeStateAsUpdate(server))
  return [server, viewer]
}

describe('bringsChanges', () => {
  it('a synced viewer answering sync step 1 brings nothing, although it carries deletes', () => {
    const [server, viewer] = synced()
    const step2 = Y.encodeStateAsUpdate(viewer, Y.encodeStateVector(server))
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0)
    expect(bringsChanges(server, step2)).toBe(false)
  })

  it('an insert the server lacks is a change', () => {
    const [server, viewer] = synced()
    viewer.getText('t').insert(0, 'x')
    expect(bringsChanges(server, Y.encodeStateAsUpdate(viewer, Y.encodeStateVector(server)))).toBe(
      true,
    )
  })

  it('a delete the server has not applied is a change', () => {
    const [server, viewer] = synced()
    viewer.getText('t').delete(0, 1)
    expect(bringsChanges(server, Y.encodeStateAsUpdate(viewer, Y.encodeStateVector(server)))).toBe(
      true,
    )
  })
})
