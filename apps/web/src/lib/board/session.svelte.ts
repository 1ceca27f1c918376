import { utcDate, type Actor } from '@kickoff/model'
import type * as Y from 'yjs'
import { Clock } from '$lib/time/clock.svelte'
import { ModelView } from './modelView.svelte'
import { Notices } from './notices.svelte'
import { VIEWS, type ViewContext, type Views, type ViewValue } from './views'

/**
 * What every section of one board shares: the document, who is looking (`actor`, null until the
 * link's role is known), the clock, the board's notices, and one `ModelView` per model view.
 * Sections take it as a prop and read views through it; they write through `write`, which
 * passes the model's refusals to the notices.
 */
export class BoardSession {
  actor = $state<Actor | null>(null)
  readonly clock: Clock
  readonly notices = new Notices()
  // A cache of view objects, not state: the views themselves are reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #views = new Map<string, ModelView<unknown>>()

  constructor(
    readonly doc: Y.Doc,
    offset = 0,
  ) {
    this.clock = new Clock(offset)
  }

  /** The shared reactive view `name`. */
  view<K extends keyof Views>(name: K): ModelView<ViewValue<K>> {
    let v = this.#views.get(name)
    if (!v) {
      const spec = VIEWS[name]
      v = new ModelView(this.doc, spec as never, () => this.#context(spec.clock))
      this.#views.set(name, v)
    }
    return v as ModelView<ViewValue<K>>
  }

  #context(clock: 'day' | 'second' | undefined): { ctx: ViewContext; stamp: string } {
    const actor = this.actor
    let stamp = actor ? `${actor.personId}/${actor.role}` : '-'
    if (clock === 'second') stamp += `@${this.clock.second}`
    else if (clock === 'day') {
      void this.clock.minute // re-check the date every minute
      stamp += `@${utcDate(this.clock.now())}`
    }
    return { ctx: { actor, now: this.clock.now() }, stamp }
  }

  get facilitator(): boolean {
    return this.actor?.role === 'facilitator'
  }

  /**
   * Runs a model write as the current actor. A refusal (ModelError) is shown to the person and
   * returns false; so does having no role yet.
   */
  write(fn: (doc: Y.Doc, actor: Actor, now: Date) => void): boolean {
    const actor = this.actor
    if (!actor) {
      this.notices.show('error', 'Still connecting: the board is read-only for a moment.')
      return false
    }
    try {
      fn(this.doc, actor, this.clock.now())
      return true
    } catch (err) {
      this.notices.refused(err)
      return false
    }
  }
}
