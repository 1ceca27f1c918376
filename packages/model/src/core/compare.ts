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
