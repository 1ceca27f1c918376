import { react, type Signal } from '@tldraw/state'
import {
  createUserId,
  InstancePresenceRecordType,
  type TLInstancePresence,
  type TLStore,
} from '@tldraw/tlschema'
import type { Awareness } from 'y-protocols/awareness'
import { PresenceUserSchema, USER_FIELD } from '$lib/presence/user'

/** The awareness field that holds a client's canvas presence (cursor, selection, camera). */
export const CANVAS_FIELD = 'canvas'

export interface CanvasPresenceOptions {
  store: TLStore
  awareness: Awareness
  /** This browser's presence record, as tldraw derives it (createPresenceStateDerivation). */
  presence: Signal<TLInstancePresence | null>
  /**
   * Presence is published at most this often. Every awareness change goes to everyone in the
   * room: at 200 people, cursors at 60 Hz would be 12,000 messages a second from each mover;
   * 100 ms (10 Hz) still reads as a moving cursor.
   */
  throttleMs?: number
  /** The local clock, for tests. */
  now?: () => number
}

/**
 * Live cursors through y-protocols awareness, never through the document.
 *
 * Out: this browser's tldraw presence record goes into its awareness state as `canvas`,
 * throttled. In: every other client's `canvas` state becomes an `instance_presence` record in
 * the store (tldraw draws those as collaborator cursors). Peers are untrusted: the record is
 * rebuilt with an id from the client id and the name, colour and user id of that client's
 * published `user` (so the cursor carries the same name as the avatar), then checked by
 * tldraw's validator; anything else is dropped. A peer's `lastActivityTimestamp` comes from
 * its own clock, which may be minutes off; tldraw hides cursors it thinks are inactive, so the
 * time a change arrives here is used instead.
 */
export function bindCanvasPresence(opts: CanvasPresenceOptions): { destroy(): void } {
  const { store, awareness, presence } = opts
  const throttleMs = opts.throttleMs ?? 100
  const now = opts.now ?? Date.now
  const self = awareness.clientID

  // Out, throttled: the first change goes at once, then at most one per `throttleMs`.
  let lastSent = Number.NEGATIVE_INFINITY
  let timer: ReturnType<typeof setTimeout> | null = null
  let latest: TLInstancePresence | null = null
  const publish = () => {
    timer = null
    lastSent = now()
    awareness.setLocalStateField(CANVAS_FIELD, latest)
  }
  const stopPublishing = react('publish canvas presence', () => {
    latest = presence.get()
    if (timer !== null) return
    const wait = throttleMs - (now() - lastSent)
    if (wait <= 0) publish()
    else timer = setTimeout(publish, wait)
  })

  // In.
  const activity = new Map<number, { theirs: number; ours: number }>()
  const recordId = (clientId: number) => InstancePresenceRecordType.createId(String(clientId))

  function peerRecord(clientId: number, state: unknown): TLInstancePresence | null {
    if (!state || typeof state !== 'object') return null
    const fields = state as Record<string, unknown>
    const user = PresenceUserSchema.safeParse(fields[USER_FIELD])
    const raw = fields[CANVAS_FIELD]
    if (!user.success || !raw || typeof raw !== 'object' || Array.isArray(raw)) return null
    const candidate: Record<string, unknown> = {
      ...raw,
      id: recordId(clientId),
      typeName: 'instance_presence',
      userId: createUserId(user.data.personId),
      userName: user.data.name,
      color: user.data.color,
    }
    const theirs = candidate.lastActivityTimestamp
    if (typeof theirs === 'number' && theirs > 0) {
      const seen = activity.get(clientId)
      const ours = seen && seen.theirs === theirs ? seen.ours : now()
      activity.set(clientId, { theirs, ours })
      candidate.lastActivityTimestamp = ours
    }
    try {
      return InstancePresenceRecordType.validate(candidate)
    } catch {
      return null
    }
  }

  function ingest(clientIds: Iterable<number>): void {
    const states = awareness.getStates()
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresence['id'][] = []
    for (const clientId of clientIds) {
      if (clientId === self) continue
      const record = peerRecord(clientId, states.get(clientId))
      if (record) toPut.push(record)
      else {
        activity.delete(clientId)
        if (store.has(recordId(clientId))) toRemove.push(recordId(clientId))
      }
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.length) store.remove(toRemove)
      if (toPut.length) store.put(toPut)
    })
  }

  const onChange = ({
    added,
    updated,
    removed,
  }: {
    added: number[]
    updated: number[]
    removed: number[]
  }) => ingest([...added, ...updated, ...removed])
  awareness.on('change', onChange)
  ingest(awareness.getStates().keys())

  return {
    destroy() {
      stopPublishing()
      if (timer !== null) clearTimeout(timer)
      awareness.off('change', onChange)
      awareness.setLocalStateField(CANVAS_FIELD, null)
    },
  }
}
