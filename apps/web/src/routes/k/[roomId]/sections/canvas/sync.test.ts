import {
  createShapeId,
  TLDOCUMENT_ID,
  TLINSTANCE_ID,
  type TLPageId,
  type TLRecord,
  type TLShape,
} from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindCanvas, FIRST_PAGE_ID, type CanvasSync } from './sync'
import { newStore, schema } from './testStore'

/** One browser: a document, its canvas map, a store and the binding between them. */
function browser(opts: { canWrite?: boolean; flushMs?: number } = {}) {
  const doc = new Y.Doc()
  const map = doc.getMap<unknown>('canvas')
  const store = newStore()
  const rejected: string[] = []
  let sync: CanvasSync | null = null
  return {
    doc,
    map,
    store,
    rejected,
    start() {
      sync = bindCanvas({
        store,
        map,
        canWrite: () => opts.canWrite ?? true,
        flushMs: opts.flushMs ?? 0,
        onReject: (id) => rejected.push(id),
      })
      return sync
    },
  }
}

/** Sends everything each side lacks, both ways (what the server does). */
function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'server')
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'server')
}

function group(id: string, parentId: string = FIRST_PAGE_ID): TLShape {
  return schema.types.shape.create({
    id: createShapeId(id),
    type: 'group',
    parentId: parentId as TLPageId,
    index: 'a1',
    props: {},
  } as Partial<TLShape>) as TLShape
}

/** Puts a raw value into the map as another client would. */
function remoteSet(target: Y.Doc, key: string, value: unknown): void {
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(target))
  other.getMap('canvas').set(key, value)
  Y.applyUpdate(target, Y.encodeStateAsUpdate(other, Y.encodeStateVector(target)), 'server')
}

describe('bindCanvas', () => {
  it('a shape drawn in one browser appears in another, and its removal too', () => {
    const a = browser()
    const b = browser()
    a.start()
    b.start()
    exchange(a.doc, b.doc)
    a.store.put([group('one')])
    exchange(a.doc, b.doc)
    expect(b.store.get(createShapeId('one'))).toMatchObject({ type: 'group' })
    a.store.remove([createShapeId('one')])
    exchange(a.doc, b.doc)
    expect(b.store.has(createShapeId('one'))).toBe(false)
  })

  it('an empty canvas gets the document and a first page with fixed ids, once', () => {
    const a = browser()
    const b = browser()
    a.start()
    b.start()
    exchange(a.doc, b.doc)
    expect([...a.map.keys()].sort()).toEqual([TLDOCUMENT_ID, FIRST_PAGE_ID].sort())
    expect(a.map.toJSON()).toEqual(b.map.toJSON())
    for (const s of [a.store, b.store])
      expect(s.allRecords().filter((r) => r.typeName === 'page')).toHaveLength(1)
  })

  it('writes only document records: session state stays in the browser', () => {
    const a = browser()
    a.start()
    a.store.put([schema.types.instance.create({ currentPageId: FIRST_PAGE_ID })])
    expect([...a.map.keys()].some((k) => k.startsWith('instance'))).toBe(false)
  })

  it('a viewer writes nothing, not even the first page', () => {
    const v = browser({ canWrite: false })
    v.start()
    expect(v.store.has(FIRST_PAGE_ID)).toBe(true)
    v.store.put([group('mine')])
    expect(v.map.size).toBe(0)
    expect(v.doc.store.clients.size).toBe(0)
  })

  it('skips and reports bad remote records, and keeps the good ones', () => {
    const b = browser()
    b.start()
    const good = group('good')
    remoteSet(b.doc, 'shape:not-an-object', 'hello')
    remoteSet(b.doc, 'shape:liar', { ...group('other'), id: 'shape:other' })
    remoteSet(
      b.doc,
      'instance:instance',
      schema.types.instance.create({
        id: TLINSTANCE_ID,
        currentPageId: FIRST_PAGE_ID,
        isReadonly: true,
      }),
    )
    remoteSet(b.doc, 'spaceship:x', { id: 'spaceship:x', typeName: 'spaceship' })
    remoteSet(b.doc, 'shape:bad-props', { ...group('bad-props'), props: { w: 'wide' } })
    remoteSet(b.doc, 'shape:bad-x', { ...group('bad-x'), x: 'left' })
    remoteSet(b.doc, good.id, good)
    expect(b.rejected.sort()).toEqual(
      [
        'shape:not-an-object',
        'shape:liar',
        'instance:instance',
        'spaceship:x',
        'shape:bad-props',
        'shape:bad-x',
      ].sort(),
    )
    expect(b.store.has(good.id)).toBe(true)
    for (const id of ['shape:liar', 'shape:other', 'shape:bad-props', 'shape:bad-x'])
      expect(b.store.has(id as TLRecord['id'])).toBe(false)
    // A peer cannot reach into this browser's session state (here: making it read-only).
    expect(b.store.get(TLINSTANCE_ID)?.isReadonly ?? false).toBe(false)
  })

  it('keeps the last good version when a remote update is invalid', () => {
    const b = browser()
    b.start()
    const shape = group('s')
    remoteSet(b.doc, shape.id, shape)
    remoteSet(b.doc, shape.id, { ...shape, rotation: 'a lot' })
    expect(b.store.get(shape.id)).toMatchObject({ rotation: 0 })
  })

  it('holds a shape whose parent has not arrived, and adds it when the parent does', () => {
    const b = browser()
    b.start()
    const page = schema.types.page.create({
      id: 'page:second' as TLPageId,
      name: 'Second',
      index: 'a2' as never,
    })
    const child = group('child', page.id)
    remoteSet(b.doc, child.id, child)
    expect(b.store.has(child.id)).toBe(false)
    remoteSet(b.doc, page.id, page)
    expect(b.store.has(child.id)).toBe(true)
  })

  it('never removes the document record on a remote delete', () => {
    const a = browser()
    const b = browser()
    a.start()
    b.start()
    exchange(a.doc, b.doc)
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(b.doc))
    other.getMap('canvas').delete(TLDOCUMENT_ID)
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(b.doc)))
    expect(b.store.has(TLDOCUMENT_ID)).toBe(true)
  })

  it('gathers local changes and lets a newer remote version of the same record win', () => {
    const a = browser({ flushMs: 60_000 })
    const sync = a.start()
    const shape = group('contested')
    a.store.put([shape])
    expect(a.map.has(shape.id)).toBe(false)
    a.store.update(shape.id, (s) => ({ ...s, x: 10 }))
    a.store.update(shape.id, (s) => ({ ...s, x: 20 }))
    sync.flush()
    expect(a.map.get(shape.id)).toMatchObject({ x: 20 })

    a.store.update(shape.id, (s) => ({ ...s, x: 30 }))
    remoteSet(a.doc, shape.id, { ...shape, x: 99 })
    sync.flush()
    expect(a.store.get(shape.id)).toMatchObject({ x: 99 })
    expect(a.map.get(shape.id)).toMatchObject({ x: 99 })
    sync.destroy()
  })

  it('one gathered flush is one document update', () => {
    const a = browser({ flushMs: 60_000 })
    const sync = a.start()
    let updates = 0
    a.doc.on('update', () => updates++)
    a.store.put([group('a'), group('b')])
    a.store.update(createShapeId('a'), (s) => ({ ...s, y: 5 }))
    sync.flush()
    expect(updates).toBe(1)
    sync.destroy()
  })
})
