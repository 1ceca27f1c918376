import { readFileSync } from 'node:fs'

// Linux /proc figures for another process: CPU time and resident memory.
const TICKS = 100 // USER_HZ on Linux

export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return (utime + stime) / TICKS
}

export function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const m = /VmRSS:\s+(\d+) kB/.exec(status)
  return m ? Number(m[1]) / 1024 : Number.NaN
}

/** Samples a process's RSS until stopped; returns the peak, and its CPU % over the window. */
export function watchProcess(pid: number, everyMs = 250) {
  const t0 = performance.now()
  const cpu0 = cpuSeconds(pid)
  let peak = rssMB(pid)
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMB(pid))
    } catch {
      // exited
    }
  }, everyMs)
  return {
    stop(): { peakRssMB: number; cpuPercent: number } {
      clearInterval(timer)
      const wall = (performance.now() - t0) / 1000
      let cpu = Number.NaN
      try {
        peak = Math.max(peak, rssMB(pid))
        cpu = ((cpuSeconds(pid) - cpu0) / wall) * 100
      } catch {
        // exited
      }
      return { peakRssMB: peak, cpuPercent: cpu }
    },
  }
}
