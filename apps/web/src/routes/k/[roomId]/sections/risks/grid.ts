/** The 5 × 5 risk grid: likelihood up, impact across. Pure helpers, shared by pointer and keys. */

export const LEVELS = [1, 2, 3, 4, 5] as const

export interface Cell {
  likelihood: number
  impact: number
}

const clamp = (n: number) => Math.min(5, Math.max(1, n))

/**
 * Where an arrow key moves a risk: up is more likely, right is more impact. Null for other keys,
 * and for a move off the grid's edge (the risk stays where it is).
 */
export function cellAfterKey(key: string, from: Cell): Cell | null {
  const step: Record<string, [number, number]> = {
    ArrowUp: [1, 0],
    ArrowDown: [-1, 0],
    ArrowRight: [0, 1],
    ArrowLeft: [0, -1],
  }
  const d = step[key]
  if (!d) return null
  const next = { likelihood: clamp(from.likelihood + d[0]), impact: clamp(from.impact + d[1]) }
  return next.likelihood === from.likelihood && next.impact === from.impact ? null : next
}

/** The cell an element belongs to, from its `data-cell="<likelihood>-<impact>"`. */
export function cellOf(value: string | undefined | null): Cell | null {
  const m = /^([1-5])-([1-5])$/.exec(value ?? '')
  return m ? { likelihood: Number(m[1]), impact: Number(m[2]) } : null
}

/** A calm heat scale: score 1 (pale) to 25 (deep rose); text stays dark on every step. */
export function heat(score: number): string {
  if (score >= 15) return '#f7d4d2'
  if (score >= 10) return '#fbe3cf'
  if (score >= 5) return '#fdf1d6'
  return '#eef3ec'
}
