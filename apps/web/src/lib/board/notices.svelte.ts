import { isModelError } from '@kickoff/model'

export interface Notice {
  id: number
  kind: 'error' | 'info'
  text: string
}

/**
 * Short messages for the whole board: why a write was refused (the model's message, written for
 * people), or a confirmation. Shown in one live region; each fades after a while.
 */
export class Notices {
  list = $state<Notice[]>([])
  #next = 1

  show(kind: Notice['kind'], text: string, ms = kind === 'error' ? 8000 : 4000): void {
    const id = this.#next++
    this.list = [...this.list.slice(-2), { id, kind, text }]
    setTimeout(() => this.dismiss(id), ms)
  }

  dismiss(id: number): void {
    this.list = this.list.filter((n) => n.id !== id)
  }

  /** A refused write: the model's message; anything else is a bug, logged. */
  refused(err: unknown): void {
    if (isModelError(err)) {
      this.show('error', capitalize(err.message))
      return
    }
    console.error(err)
    this.show('error', 'Something went wrong; the change was not made.')
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
