import { createSubscriber } from 'svelte/reactivity'

/** The part of a Yjs shared type (Y.Map, Y.Array, Y.Text…) that yState needs. */
interface Observable {
  observeDeep(f: () => void): void
  unobserveDeep(f: () => void): void
}

/**
 * A reactive read of a Yjs type: `current` re-runs `read` when anything below `type` changes.
 * Views stay plain functions of the doc (from @kickoff/model); this only tells Svelte when.
 */
export function yState<T>(type: Observable, read: () => T): { readonly current: T } {
  const subscribe = createSubscriber((update) => {
    const handler = () => update()
    type.observeDeep(handler)
    return () => type.unobserveDeep(handler)
  })
  return {
    get current() {
      subscribe()
      return read()
    },
  }
}
