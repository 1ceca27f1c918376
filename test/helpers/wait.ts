/** Polls `check` until it returns a truthy value; never sleeps a fixed time to "let things settle". */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const timeout = opts.timeoutMs ?? 15_000
  const interval = opts.intervalMs ?? 20
  const deadline = Date.now() + timeout
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value as NonNullable<T>
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? `: ${last.message}` : ''
      throw new Error(`timed out after ${timeout} ms waiting for ${opts.what ?? 'condition'}${why}`)
    }
    await new Promise((r) => setTimeout(r, interval))
  }
}
