/**
 * A small seeded PRNG (sfc32), so a failing random run can be replayed from its seed alone. Not
 * for anything secret: ids in the product come from crypto.getRandomValues (core/ids.ts).
 */
export interface Rng {
  readonly seed: number
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  bool(p?: number): boolean
  pick<T>(items: readonly T[]): T
  /** An id made of rng letters, deterministic for the seed. */
  id(prefix?: string): string
}

export function createRng(seed: number): Rng {
  let a = 0x9e3779b9 ^ seed
  let b = 0x243f6a88 ^ (seed >>> 1)
  let c = 0xb7e15162 ^ Math.imul(seed, 0x85ebca6b)
  let d = 1
  const next = () => {
    a |= 0
    b |= 0
    c |= 0
    d |= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789'
  const rng: Rng = {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    bool: (p = 0.5) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)]!
    },
    id: (prefix = '') => {
      let s = prefix
      for (let i = 0; i < 10; i++) s += letters[Math.floor(next() * letters.length)]
      return s
    },
  }
  return rng
}
