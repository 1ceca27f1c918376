/** One figure, one JSON line on stdout: the format every benchmark shares. */
export type Unit = 'ms' | 'KB' | 'MB' | 'ratio' | 'fraction' | 'msg/s' | '%'

export function report(
  bench: string,
  unit: Unit,
  value: number,
  extra: Record<string, unknown> = {},
): void {
  const rounded = Math.round(value * 1000) / 1000
  process.stdout.write(`${JSON.stringify({ bench, unit, value: rounded, ...extra })}\n`)
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

/** Runs `fn` `runs` times after `warmup` runs and returns the median time in ms. */
export async function medianTime(
  fn: () => unknown,
  opts: { runs?: number; warmup?: number } = {},
): Promise<{ median: number; samples: number[] }> {
  const runs = opts.runs ?? 7
  for (let i = 0; i < (opts.warmup ?? 2); i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    samples.push(performance.now() - t0)
  }
  return { median: median(samples), samples }
}

/** Progress and notes go to stderr, so stdout holds only figures. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`)
}
