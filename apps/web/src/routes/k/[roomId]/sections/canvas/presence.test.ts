import { atom } from '@tldraw/state'
import {
  createUserId,
  InstancePresenceRecordType,
  type TLInstancePresence,
  type TLPageId,
} from '@tldraw/tlschema'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { bindCanvasPresence, CANVAS_FIELD } from './presence'
import { newStore } from './testStore'

function presenceRecord(clientId: number, patch: Partial<TLInstancePresence> = {}) {
  return InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId(String(clientId)),
    currentPageId: 'page:page' as TLPageId,
    userId: createUserId('whoever'),
    userName: 'Whoever',
    cursor: { x: 10, y: 20, type: 'default', rotation: 0 },
    lastActivityTimestamp: 1_000,
    ...patch,
  })
}

/** Copies a's whole awareness state to b, as the server relays it. */
function relay(a: Awareness, b: Awareness): void {
  applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [a.clientID]), 'server')
}

const ana = { personId: 'person-ana', name: 'Ana', color: 'hsl(10 65% 45%)' }

afterEach(() => {
  vi.useRealTimers()
})

describe('bindCanvasPresence', () => {
  it("shows a peer's cursor with the name and colour of its avatar", () => {
    const a = new Awareness(new Y.Doc())
    const b = new Awareness(new Y.Doc())
    const store = newStore()
    const binding = bindCanvasPresence({
      store,
      awareness: b,
      presence: atom('mine', null),
      now: () => 50_000,
    })
    a.setLocalStateField('user', ana)
    a.setLocalStateField(CANVAS_FIELD, presenceRecord(a.clientID, { userName: 'Mallory' }))
    relay(a, b)
    const id = InstancePresenceRecordType.createId(String(a.clientID))
    expect(store.get(id)).toMatchObject({
      userName: 'Ana',
      color: ana.color,
      userId: 'user:person-ana',
      cursor: { x: 10, y: 20 },
      // the peer's clock said 1,000; ours says 50,000
      lastActivityTimestamp: 50_000,
    })

    a.setLocalStateField(CANVAS_FIELD, null)
    relay(a, b)
    expect(store.has(id)).toBe(false)
    binding.destroy()
  })

  it('drops presence that is malformed or comes without a user', () => {
    const b = new Awareness(new Y.Doc())
    const store = newStore()
    bindCanvasPresence({ store, awareness: b, presence: atom('mine', null) })
    const peers = [
      { user: ana, [CANVAS_FIELD]: { ...presenceRecord(1), cursor: { x: 'left' } } },
      { user: ana, [CANVAS_FIELD]: 'hello' },
      { [CANVAS_FIELD]: presenceRecord(3) },
      { user: { name: 1 }, [CANVAS_FIELD]: presenceRecord(4) },
    ]
    for (const state of peers) {
      const other = new Awareness(new Y.Doc())
      other.setLocalState(state)
      relay(other, b)
    }
    expect(store.query.records('instance_presence').get()).toEqual([])
  })

  it('publishes at most once per throttle interval, always ending with the latest', () => {
    vi.useFakeTimers()
    const a = new Awareness(new Y.Doc())
    const mine = atom<TLInstancePresence | null>('mine', presenceRecord(a.clientID))
    const sent: unknown[] = []
    a.on('change', () => sent.push(a.getLocalState()?.[CANVAS_FIELD]))
    const binding = bindCanvasPresence({
      store: newStore(),
      awareness: a,
      presence: mine,
      throttleMs: 100,
      now: () => Date.now(),
    })
    expect(sent).toHaveLength(1)
    for (let x = 1; x <= 5; x++)
      mine.set(presenceRecord(a.clientID, { cursor: { x, y: 0, type: 'default', rotation: 0 } }))
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(100)
    expect(sent).toHaveLength(2)
    expect(sent.at(-1)).toMatchObject({ cursor: { x: 5 } })
    binding.destroy()
    expect(a.getLocalState()?.[CANVAS_FIELD]).toBeNull()
  })

  it('never puts its own presence in its own store', () => {
    const a = new Awareness(new Y.Doc())
    const store = newStore()
    a.setLocalStateField('user', ana)
    bindCanvasPresence({ store, awareness: a, presence: atom('mine', presenceRecord(a.clientID)) })
    expect(store.query.records('instance_presence').get()).toEqual([])
  })
})
