/**
 * Comparators that give the same order on every client. localeCompare is not one of them: it
 * depends on the browser's locale, and views must be identical everywhere.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Case-insensitive for display, then exact, so the order is total. */
export function compareNames(a: string, b: string): number {
  return compareStrings(a.toLowerCase(), b.toLowerCase()) || compareStrings(a, b)
}

export function byId<T extends { id: string }>(a: T, b: T): number {
  return compareStrings(a.id, b.id)
}

/**
 * Sorts by name like compareNames (then by id), lower-casing each name once instead of on every
 * comparison: views sort lists of a thousand people on every update.
 */
export function sortByName<T>(items: T[], name: (x: T) => string, id: (x: T) => string): T[] {
  const keyed = items.map((item) => {
    const n = name(item)
    return { item, lower: n.toLowerCase(), n, id: id(item) }
  })
  keyed.sort(
    (a, b) =>
      compareStrings(a.lower, b.lower) || compareStrings(a.n, b.n) || compareStrings(a.id, b.id),
  )
  for (let i = 0; i < keyed.length; i++) items[i] = keyed[i]!.item
  return items
}
