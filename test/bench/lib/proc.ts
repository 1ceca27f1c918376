import { readFileSync } from 'node:fs'

// Linux /proc figures for another process (the server): CPU seconds and resident memory.
const TICKS = 100 // USER_HZ

export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS
}

export function rssMBOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : Number.NaN
}

/** Samples the RSS of whatever `pid()` currently is (a server across restarts); keeps the peak. */
export function peakRss(pid: () => number | undefined, everyMs = 100) {
  let peak = 0
  const sample = () => {
    const p = pid()
    if (p === undefined) return
    try {
      // An exited, not yet reaped process has no VmRSS (NaN): skip it.
      const mb = rssMBOf(p)
      if (mb > peak) peak = mb
    } catch {
      // between processes
    }
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return {
    get peak(): number {
      return peak
    },
    stop(): number {
      clearInterval(timer)
      sample()
      return peak
    },
  }
}
