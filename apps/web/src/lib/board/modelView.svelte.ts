import { LAYOUT, type RootKey } from '@kickoff/model'
import { createSubscriber } from 'svelte/reactivity'
import type * as Y from 'yjs'
import type { ViewContext, ViewSpec } from './views'

interface Observable {
  observeDeep(f: () => void): void
  unobserveDeep(f: () => void): void
}

function rootType(doc: Y.Doc, key: RootKey): Observable {
  return LAYOUT[key].kind === 'text' ? doc.getText(key) : doc.getMap(key)
}

/**
 * A model view as reactive state: `current` is `spec.read(doc, ctx)`, recomputed only after a
 * transaction changed one of the view's keys, or when the context (who is looking, the day or
 * the second for clocked views) changed. While nothing renders it, it observes nothing and
 * computes on every read.
 *
 * The value is whatever the model returns: possibly frozen and shared. Read it, never change it.
 */
export class ModelView<T> {
  #value: T | undefined
  #fresh = false
  #listening = false
  #stamp = ''
  readonly #subscribe: () => void

  constructor(
    readonly doc: Y.Doc,
    readonly spec: ViewSpec<T>,
    readonly context: () => { ctx: ViewContext; stamp: string },
  ) {
    const types = spec.keys.map((k) => rootType(doc, k))
    this.#subscribe = createSubscriber((update) => {
      const changed = () => {
        this.#fresh = false
        update()
      }
      for (const t of types) t.observeDeep(changed)
      this.#listening = true
      this.#fresh = false
      return () => {
        for (const t of types) t.unobserveDeep(changed)
        this.#listening = false
      }
    })
  }

  get current(): T {
    this.#subscribe()
    const { ctx, stamp } = this.context()
    if (!this.#listening || !this.#fresh || stamp !== this.#stamp) {
      this.#value = this.spec.read(this.doc, ctx)
      this.#fresh = true
      this.#stamp = stamp
    }
    return this.#value as T
  }
}
