// Runs one load against one server: ours (the built server) or the reference
// (@y/websocket-server 0.1.1), each in its own process, with the load generator in another.
// With `taskset` (Linux), the server is pinned to core 0 and the load generator to core 1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { ServerProcess } from '../../helpers/server.js'
import type { LoadResult, LoadSpec } from './loadgen.js'
import { watchProcess } from './procstat.js'
import { note } from './report.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const testDir = path.resolve(here, '..', '..')

/** Pinning is on when `taskset` works, unless BENCH_PIN=0. */
export const hasTaskset =
  process.env.BENCH_PIN !== '0' &&
  process.platform === 'linux' &&
  spawnSync('taskset', ['-c', '0', 'true']).status === 0
/**
 * BENCH_NICE (e.g. -5, needs root) runs the server and the load generator at that priority:
 * opt-in, for characterising the server on a machine shared with other work. Off by default, and
 * reported with the figures when on.
 */
export const niceness = process.env.BENCH_NICE ? Number(process.env.BENCH_NICE) : null
const pin = (core: number) => [
  ...(niceness !== null ? ['nice', '-n', String(niceness)] : []),
  ...(hasTaskset ? ['taskset', '-c', String(core)] : []),
]

export type Target = 'server' | 'reference'

export interface RunningTarget {
  target: Target
  pid: number
  /** URLs for one fresh room: writers (may edit) and readers (viewers). */
  newRoom(): Promise<{ writerUrl: string; readerUrl: string }>
  stop(): Promise<void>
}

/** Our server, built, pinned to core 0, with limits opened up for one-address load. */
export async function startOurs(env: Record<string, string> = {}): Promise<RunningTarget> {
  const server = new ServerProcess({
    wrap: pin(0),
    env: {
      LOG_LEVEL: 'info',
      MAX_CONNECTIONS_PER_ADDRESS: '100000',
      MAX_CONNECTIONS_PER_ROOM: '100000',
      ...env,
    },
  })
  await server.start()
  return {
    target: 'server',
    pid: server.pid!,
    async newRoom() {
      const room = await server.createRoom('bench')
      const base = `${server.wsUrl}/${room.roomId}?token=`
      return {
        writerUrl: base + room.tokens.participant,
        readerUrl: base + room.tokens.viewer,
      }
    },
    stop: () => server.dispose(),
  }
}

/** The reference server, pinned to core 0. */
export async function startReference(): Promise<RunningTarget> {
  const [cmd, ...args] = [...pin(0), process.execPath, path.join(here, 'reference-server.mjs')]
  const child = spawn(cmd!, args, { cwd: testDir, stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { msg?: string; port?: number }
        if (parsed.msg === 'listening' && parsed.port) resolve(parsed.port)
      } catch {
        // not ours
      }
    })
    child.once('exit', (code) => reject(new Error(`reference server exited (${code})`)))
  })
  let rooms = 0
  return {
    target: 'reference',
    pid: child.pid!,
    async newRoom() {
      const url = `ws://127.0.0.1:${port}/bench-${Date.now().toString(36)}-${rooms++}`
      return { writerUrl: url, readerUrl: url }
    },
    stop: () => stopChild(child),
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

export interface RunOutcome {
  result: LoadResult
  server: { peakRssMB: number; cpuPercent: number }
}

/** One load run in a fresh room: connect, go, measure, report. */
export async function runLoad(
  target: RunningTarget,
  spec: Omit<LoadSpec, 'writerUrl' | 'readerUrl'>,
): Promise<RunOutcome> {
  const urls = await target.newRoom()
  const full: LoadSpec = { ...spec, ...urls }
  const [cmd, ...args] = [
    ...pin(1),
    process.execPath,
    '--conditions=@kickoff/source',
    '--import',
    'tsx',
    path.join(here, 'loadgen.ts'),
    JSON.stringify(full),
  ]
  const child = spawn(cmd!, args, { cwd: testDir, stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout! })
  let watch: ReturnType<typeof watchProcess> | null = null
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`load generator exited (${code})`))),
  )
  const outcome = new Promise<RunOutcome>((resolve) => {
    lines.on('line', (line) => {
      let parsed: { ready?: boolean; result?: LoadResult }
      try {
        parsed = JSON.parse(line) as typeof parsed
      } catch {
        process.stderr.write(`${line}\n`)
        return
      }
      if (parsed.ready) {
        watch = watchProcess(target.pid)
        child.stdin!.write('go\n')
      } else if (parsed.result) {
        const server = watch!.stop()
        resolve({ result: parsed.result, server })
      }
    })
  })
  const result = await Promise.race([outcome, exited])
  await stopChild(child)
  return result
}

export function describeRun(target: Target, n: number, run: number, o: RunOutcome): void {
  const r = o.result
  note(
    `${target.padEnd(9)} N=${String(n).padStart(4)} run ${run}: ` +
      `p50 ${r.latencies.p50.toFixed(1)} ms, p90 ${r.latencies.p90.toFixed(1)} ms, p99 ${r.latencies.p99.toFixed(1)} ms, ` +
      `max ${r.latencies.max.toFixed(0)} ms, delivered ${(r.delivered / Math.max(1, r.expected)).toFixed(4)} ` +
      `(${r.delivered}/${r.expected}), egress ${Math.round(r.egressPerSecond)} msg/s, ` +
      `server cpu ${o.server.cpuPercent.toFixed(0)} % rss ${o.server.peakRssMB.toFixed(0)} MB, ` +
      `loadgen cpu ${r.loadgenCpuPercent.toFixed(0)} %` +
      (r.closedEarly ? `, ${r.closedEarly} sockets closed by the server` : '') +
      (r.converged !== undefined ? `, converged ${r.converged.toFixed(3)}` : ''),
  )
}

/**
 * A fixed CPU task (10^8 additions) timed on core 0, where the server runs: how fast the machine
 * is right now. Reported next to the figures, so that a loaded or throttled host shows.
 */
export function calibrate(): number {
  const [cmd, ...args] = [
    ...pin(0),
    process.execPath,
    '-e',
    'const t=performance.now();let x=0;for(let i=0;i<1e8;i++)x+=i;process.stdout.write(String(performance.now()-t))',
  ]
  const r = spawnSync(cmd!, args, { encoding: 'utf8' })
  return Number(r.stdout)
}
