/** The one splice that turns `before` into `after`: delete `remove` chars at `index`, insert `insert`. */
export interface Splice {
  index: number
  remove: number
  insert: string
}

/**
 * The smallest single splice between two strings (common prefix, then common suffix). An input
 * event changes one contiguous range, so this is exactly what the user did; sending only that
 * range is what lets a concurrent edit elsewhere survive.
 */
export function spliceBetween(before: string, after: string): Splice | null {
  if (before === after) return null
  let start = 0
  const min = Math.min(before.length, after.length)
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let endBefore = before.length
  let endAfter = after.length
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--
    endAfter--
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) }
}

/** A Yjs text delta (the subset of Y.YTextEvent['delta'] that matters for positions). */
export type TextDelta = readonly { retain?: number; insert?: unknown; delete?: number }[]

/** Moves a caret position across a remote change, so the local caret stays on its character. */
export function movePosition(delta: TextDelta, position: number): number {
  let index = 0
  let pos = position
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1
      if (index < pos) pos += len
      index += len
    } else if (op.delete !== undefined) {
      const end = index + op.delete
      if (pos > end) pos -= op.delete
      else if (pos > index) pos = index
    }
  }
  return pos
}
