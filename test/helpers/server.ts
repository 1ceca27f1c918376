import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { CreateRoomResponseSchema, type CreateRoomResponse } from '@kickoff/protocol'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const serverMain = path.join(repoRoot, 'server', 'dist', 'main.js')

export interface LogLine {
  level: number
  msg: string
  [key: string]: unknown
}

/**
 * The real server, built, in its own process on port 0, with its own data directory. Restart
 * keeps the directory; SIGKILL is available for crash tests.
 */
export class ServerProcess {
  readonly dataDir: string
  port = 0
  logs: LogLine[] = []
  /** Every line the process wrote, stdout and stderr, as written (across restarts). */
  output: string[] = []
  /** Every token the server issued through createRoom (to check none reaches a log line). */
  issuedTokens: string[] = []
  #child: ChildProcess | null = null
  #ownsDir: boolean

  constructor(
    readonly opts: {
      env?: Record<string, string>
      dataDir?: string
      port?: number
      /** A command to run node under, e.g. ['taskset', '-c', '0'] (benchmarks). */
      wrap?: string[]
    } = {},
  ) {
    this.#ownsDir = !opts.dataDir
    this.dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'kickoff-test-'))
    if (opts.port) this.port = opts.port
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`
  }

  get pid(): number | undefined {
    return this.#child?.pid
  }

  /** Starts the server; its `listening` log line (info level, so LOG_LEVEL must be info or lower) gives the port. */
  async start(): Promise<this> {
    if (!existsSync(serverMain))
      throw new Error(`server is not built (${serverMain}); run pnpm build`)
    const [cmd, ...args] = [...(this.opts.wrap ?? []), process.execPath, serverMain]
    const child = spawn(cmd!, args, {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'debug',
        ...this.opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.#child = child
    let buffered = ''
    let stderr = ''
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString()
      this.output.push(d.toString())
    })
    const listening = new Promise<number>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        buffered += d.toString()
        let nl: number
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl)
          buffered = buffered.slice(nl + 1)
          this.output.push(line)
          try {
            const parsed = JSON.parse(line) as LogLine
            this.logs.push(parsed)
            if (parsed.msg === 'listening' && typeof parsed.port === 'number') resolve(parsed.port)
          } catch {
            // not a log line
          }
        }
      })
      child.once('exit', (code) =>
        reject(new Error(`server exited (${code}) before listening:\n${stderr}`)),
      )
    })
    this.port = await listening
    return this
  }

  /** SIGTERM and wait for a graceful exit. */
  async stop(): Promise<number | null> {
    return this.#signal('SIGTERM')
  }

  /** SIGKILL: no chance to store anything. */
  async kill(): Promise<void> {
    await this.#signal('SIGKILL')
  }

  async restart(): Promise<this> {
    await this.stop()
    return this.start()
  }

  async #signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.#child
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return child?.exitCode ?? null
    // 'close', not 'exit': it comes after stdout is drained, so every log line is in `logs`.
    const exited = new Promise<number | null>((resolve) =>
      child.once('close', (code) => resolve(code)),
    )
    child.kill(signal)
    const code = await exited
    this.#child = null
    return code
  }

  async dispose(): Promise<void> {
    await this.#signal('SIGKILL')
    if (this.#ownsDir) rmSync(this.dataDir, { recursive: true, force: true })
  }

  /** `template: 'sample'` seeds the room with the sample kickoff. */
  async createRoom(
    title = 'Test kickoff',
    opts: { template?: 'empty' | 'sample' } = {},
  ): Promise<CreateRoomResponse> {
    const res = await fetch(`${this.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, ...opts }),
    })
    if (res.status !== 201)
      throw new Error(`POST /api/rooms answered ${res.status}: ${await res.text()}`)
    const room = CreateRoomResponseSchema.parse(await res.json())
    this.issuedTokens.push(...Object.values(room.tokens))
    return room
  }

  /** `ws://…/sync/<roomId>?token=<token>` for raw sockets. */
  syncUrl(roomId: string, token: string): string {
    return `${this.wsUrl}/${roomId}?token=${encodeURIComponent(token)}`
  }

  /** Log lines (parsed) with this message. */
  linesWith(msg: string): LogLine[] {
    return this.logs.filter((l) => l.msg === msg)
  }

  /** Scrapes GET /metrics and returns the value of one sample (0 when absent). */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const text = await (await fetch(`${this.httpUrl}/metrics`)).text()
    const want = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .sort()
    let total = 0
    for (const line of text.split('\n')) {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)/.exec(line)
      if (!m || m[1] !== name) continue
      const have = (m[2] ?? '').split(',').filter(Boolean)
      if (want.every((w) => have.includes(w))) total += Number(m[3])
    }
    return total
  }
}
